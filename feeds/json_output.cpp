// to_json: the `sicnode parse` output (docs/feeds.md, "JSON output").
#include "feeds/feeds.h"
#include "feeds/text/json_writer.h"

namespace sic {
namespace {

using text::JsonWriter;

void persons(JsonWriter& w, const std::vector<Person>& list) {
  w.begin_array("authors");
  for (const auto& p : list)
    w.begin_object()
        .string("name", p.name)
        .string("uri", p.uri)
        .string("email", p.email)
        .end_object();
  w.end_array();
}

void date(JsonWriter& w, std::string_view key, const std::optional<TimePoint>& t) {
  if (t)
    w.string(key, format_rfc3339(*t));
  else
    w.null(key);
}

void translation(JsonWriter& w, const Translation& t) {
  w.begin_object().string("lang", t.lang.str()).string("title", t.title);
  w.string("summary", t.summary).string("content_html", t.content_html);
  w.string("kind", to_string(t.kind)).string("engine", t.engine);
  w.string("source_hash", t.source_hash).string("translated_at", format_rfc3339(t.translated_at));
  w.boolean("outdated", t.outdated).string("link", t.link).end_object();
}

void article(JsonWriter& w, const Article& a) {
  w.begin_object().string("id", a.id.str()).string("origin", a.origin).string("lang", a.lang.str());
  w.string("title", a.title).string("summary", a.summary).string("content_html", a.content_html);
  persons(w, a.authors);
  w.string("section", a.section);
  w.begin_array("tags");
  for (const auto& t : a.tags) w.string(t);
  w.end_array();
  w.string("link", a.link).string("rights", a.rights);
  w.begin_array("enclosures");
  for (const auto& e : a.enclosures)
    w.begin_object()
        .string("url", e.url)
        .string("type", e.type)
        .number("length", e.length)
        .string("title", e.title)
        .end_object();
  w.end_array();
  date(w, "published", a.published);
  w.string("updated", format_rfc3339(a.updated));
  w.begin_array("translations");
  for (const auto& t : a.translations) translation(w, t);
  w.end_array();
  if (a.shown_translation) {
    const auto& n = *a.shown_translation;
    w.begin_object("shown_translation").string("original_lang", n.original_lang.str());
    w.string("kind", to_string(n.kind)).string("engine", n.engine).boolean("outdated", n.outdated);
    w.end_object();
  } else {
    w.null("shown_translation");
  }
  w.string("via", a.via).string("content_hash", a.content_hash()).end_object();
}

void header(JsonWriter& w, const Feed& f) {
  w.begin_object("feed").string("id", f.id).string("title", f.title).string("subtitle", f.subtitle);
  w.string("node", f.node).string("lang", f.lang.str());
  date(w, "updated", f.updated);
  persons(w, f.authors);
  w.begin_array("links");
  for (const auto& l : f.links)
    w.begin_object()
        .string("href", l.href)
        .string("rel", l.rel)
        .string("type", l.type)
        .string("hreflang", l.hreflang)
        .end_object();
  w.end_array();
  w.string("icon", f.icon).string("rights", f.rights).boolean("archive", f.archive).end_object();
}

}  // namespace

std::string to_json(const Feed& feed) {
  JsonWriter w;
  w.begin_object();
  header(w, feed);
  w.begin_array("articles");
  for (const auto& a : feed.articles) article(w, a);
  w.end_array();
  w.begin_array("tombstones");
  for (const auto& t : feed.tombstones)
    w.begin_object()
        .string("id", t.id.str())
        .string("origin", t.origin)
        .string("deleted", format_rfc3339(t.deleted))
        .string("via", t.via)
        .end_object();
  w.end_array();
  w.begin_array("warnings");
  for (const auto& warning : feed.warnings) w.string(warning);
  w.end_array();
  w.end_object();
  return w.finish();
}

}  // namespace sic
