// to_json: the `sicnode parse` output (docs/feeds.md, "JSON output").
#include "feeds/json_output.h"

#include "feeds/text/json_writer.h"

namespace sic {
namespace {

using text::JsonWriter;

// Writes items as an array under key, each with write.
template <typename Item, typename Write>
void array(JsonWriter& w, std::string_view key, const std::vector<Item>& items, Write write) {
  w.begin_array(key);
  for (const Item& item : items) write(w, item);
  w.end_array();
}

void string_item(JsonWriter& w, const std::string& s) { w.string(s); }

void person(JsonWriter& w, const Person& p) {
  w.begin_object().string("name", p.name).string("uri", p.uri).string("email", p.email);
  w.end_object();
}

void enclosure(JsonWriter& w, const Enclosure& e) {
  w.begin_object().string("url", e.url).string("type", e.type).number("length", e.length);
  w.string("title", e.title).end_object();
}

void link(JsonWriter& w, const FeedLink& l) {
  w.begin_object().string("href", l.href).string("rel", l.rel).string("type", l.type);
  w.string("hreflang", l.hreflang).end_object();
}

void date(JsonWriter& w, std::string_view key, const std::optional<TimePoint>& t) {
  if (t)
    w.string(key, format_rfc3339(*t));
  else
    w.null(key);
}

void signature(JsonWriter& w, const Signature& s) {
  w.begin_object("signature").string("by", s.by).string("url", s.url).string("key", s.key);
  w.string("value", s.value).end_object();
}

void tombstone(JsonWriter& w, const Tombstone& t) {
  w.begin_object().string("id", t.id.str()).string("origin", t.origin);
  w.string("deleted", format_rfc3339(t.deleted)).string("via", t.via);
  signature(w, t.signature);
  w.end_object();
}

void translation(JsonWriter& w, const Translation& t) {
  w.begin_object().string("lang", t.lang.str()).string("title", t.title);
  w.string("summary", t.summary).string("content_html", t.content_html);
  w.string("kind", to_string(t.kind)).string("engine", t.engine);
  w.string("source_hash", t.source_hash).string("translated_at", format_rfc3339(t.translated_at));
  w.boolean("outdated", t.outdated).string("link", t.link);
  signature(w, t.signature);
  w.end_object();
}

void shown_translation(JsonWriter& w, const std::optional<TranslationNote>& shown) {
  if (!shown) {
    w.null("shown_translation");
    return;
  }
  w.begin_object("shown_translation").string("original_lang", shown->original_lang.str());
  w.string("kind", to_string(shown->kind)).string("engine", shown->engine);
  w.boolean("outdated", shown->outdated).end_object();
}

void article(JsonWriter& w, const Article& a) {
  w.begin_object().string("id", a.id.str()).string("origin", a.origin).string("lang", a.lang.str());
  w.string("title", a.title).string("summary", a.summary).string("content_html", a.content_html);
  array(w, "authors", a.authors, person);
  w.string("section", a.section);
  array(w, "tags", a.tags, string_item);
  w.string("link", a.link).string("rights", a.rights);
  array(w, "enclosures", a.enclosures, enclosure);
  if (a.image.url.empty())
    w.null("image");
  else
    w.begin_object("image").string("url", a.image.url).string("alt", a.image.alt).end_object();
  date(w, "published", a.published);
  date(w, "updated", a.updated != TimePoint{} ? std::optional<TimePoint>(a.updated) : std::nullopt);
  array(w, "translations", a.translations, translation);
  shown_translation(w, a.shown_translation);
  w.string("via", a.via).string("content_hash", a.content_hash());
  signature(w, a.signature);
  w.end_object();
}

void header(JsonWriter& w, const Feed& f) {
  w.begin_object("feed").string("id", f.id).string("title", f.title).string("subtitle", f.subtitle);
  w.string("node", f.node).string("key", f.key).string("lang", f.lang.str());
  date(w, "updated", f.updated);
  array(w, "authors", f.authors, person);
  array(w, "links", f.links, link);
  w.string("icon", f.icon).string("rights", f.rights).boolean("archive", f.archive).end_object();
}

}  // namespace

std::string to_json(const Feed& feed) {
  JsonWriter w;
  w.begin_object();
  header(w, feed);
  array(w, "articles", feed.articles, article);
  array(w, "tombstones", feed.tombstones, tombstone);
  array(w, "warnings", feed.warnings, string_item);
  w.end_object();
  return w.finish();
}

}  // namespace sic
