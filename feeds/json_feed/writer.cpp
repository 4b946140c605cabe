// The JSON Feed layout and the "_sicnode" objects are described in docs/feeds.md.
#include "feeds/json_feed/writer.h"

#include <algorithm>

#include "feeds/text/json_writer.h"

namespace sic::json_feed {
namespace {

using text::JsonWriter;

std::string lang_or_und(const LanguageTag& lang) { return lang.empty() ? "und" : lang.str(); }

void write_person(JsonWriter& w, const Person& p, bool with_email) {
  w.begin_object();
  w.optional("name", p.name).optional("url", p.uri);
  if (with_email) w.optional("email", p.email);
  w.end_object();
}

void write_persons(JsonWriter& w, std::string_view key, const std::vector<Person>& persons,
                   bool with_email) {
  w.begin_array(key);
  for (const auto& p : persons) write_person(w, p, with_email);
  w.end_array();
}

// JSON Feed authors have no email and need a name or url; the full list goes into
// _sicnode.authors when the standard one cannot carry it.
bool authors_fit(const std::vector<Person>& persons) {
  return std::all_of(persons.begin(), persons.end(), [](const Person& p) {
    return p.email.empty() && (!p.name.empty() || !p.uri.empty());
  });
}

void write_attachments(JsonWriter& w, std::string_view key, const std::vector<Enclosure>& list,
                       bool ours) {
  w.begin_array(key);
  for (const auto& e : list) {
    w.begin_object().string("url", e.url);
    if (ours)
      w.string("type", e.type);
    else
      w.string("mime_type", e.type.empty() ? "application/octet-stream" : e.type);
    w.optional("title", e.title);
    if (e.length > 0) w.number("size_in_bytes", e.length);
    w.end_object();
  }
  w.end_array();
}

void write_signature(JsonWriter& w, const Signature& s) {
  if (s.empty()) return;
  w.begin_object("signature").string("by", s.by).string("url", s.url).string("key", s.key);
  w.string("value", s.value).end_object();
}

void write_translation(JsonWriter& w, const Translation& t) {
  w.begin_object();
  w.string("lang", lang_or_und(t.lang)).string("title", t.title).optional("summary", t.summary);
  w.optional("content_html", t.content_html).string("kind", to_string(t.kind));
  w.optional("engine", t.engine).optional("source_hash", t.source_hash);
  w.string("translated_at", format_rfc3339(t.translated_at));
  if (t.outdated) w.boolean("outdated", true);
  w.optional("url", t.link);
  write_signature(w, t.signature);
  w.end_object();
}

bool has_extension(const Article& a, const LanguageTag& feed_lang) {
  bool enclosure_types = std::any_of(a.enclosures.begin(), a.enclosures.end(),
                                     [](const Enclosure& e) { return e.type.empty(); });
  return !a.origin.empty() || !a.section.empty() || !a.via.empty() || !a.rights.empty() ||
         !a.signature.empty() || !a.translations.empty() || a.shown_translation ||
         !authors_fit(a.authors) || enclosure_types || (a.lang.empty() && !feed_lang.empty()) ||
         !a.image.alt.empty();
}

void write_extension(JsonWriter& w, const Article& a, const LanguageTag& feed_lang) {
  w.begin_object("_sicnode");
  w.optional("origin", a.origin).optional("section", a.section).optional("via", a.via);
  w.optional("rights", a.rights);
  write_signature(w, a.signature);
  w.optional("image_alt", a.image.alt);  // JSON Feed has no alt text
  if (a.lang.empty() && !feed_lang.empty()) w.string("lang", "");
  if (!authors_fit(a.authors)) write_persons(w, "authors", a.authors, true);
  if (std::any_of(a.enclosures.begin(), a.enclosures.end(),
                  [](const Enclosure& e) { return e.type.empty(); }))
    write_attachments(w, "attachments", a.enclosures, true);
  if (a.shown_translation) {
    const TranslationNote& n = *a.shown_translation;
    w.begin_object("shown_translation").string("original_lang", lang_or_und(n.original_lang));
    w.string("kind", to_string(n.kind)).optional("engine", n.engine);
    if (n.outdated) w.boolean("outdated", true);
    w.optional("by", n.by);
    w.end_object();
  }
  if (!a.translations.empty()) {
    w.begin_array("translations");
    for (const auto& t : a.translations) write_translation(w, t);
    w.end_array();
  }
  w.end_object();
}

void write_item(JsonWriter& w, const Article& a, const LanguageTag& feed_lang) {
  w.begin_object();
  w.string("id", a.id.str()).optional("url", a.link).string("title", a.title);
  w.optional("summary", a.summary).string("content_html", a.content_html);
  w.optional("image", a.image.url);
  if (a.published) w.string("date_published", format_rfc3339(*a.published));
  if (a.updated != TimePoint{}) w.string("date_modified", format_rfc3339(a.updated));
  if (!a.authors.empty() && authors_fit(a.authors)) write_persons(w, "authors", a.authors, false);
  if (!a.tags.empty()) {
    w.begin_array("tags");
    for (const auto& t : a.tags) w.string(t);
    w.end_array();
  }
  if (a.lang != feed_lang && !a.lang.empty()) w.string("language", a.lang.str());
  if (!a.enclosures.empty()) write_attachments(w, "attachments", a.enclosures, false);
  if (has_extension(a, feed_lang)) write_extension(w, a, feed_lang);
  w.end_object();
}

void write_header_extension(JsonWriter& w, const Feed& feed) {
  w.begin_object("_sicnode");
  w.optional("id", feed.id).optional("node", feed.node).optional("key", feed.key);
  w.optional("rights", feed.rights);
  if (!authors_fit(feed.authors)) write_persons(w, "authors", feed.authors, true);
  if (feed.updated) w.string("updated", format_rfc3339(*feed.updated));
  if (feed.archive) w.boolean("archive", true);
  w.begin_array("links");
  for (const auto& l : feed.links) {
    w.begin_object().string("href", l.href).string("rel", l.rel);
    w.optional("type", l.type).optional("hreflang", l.hreflang).end_object();
  }
  w.end_array();
  w.begin_array("tombstones");
  for (const auto& t : feed.tombstones) {
    w.begin_object().string("id", t.id.str()).optional("origin", t.origin);
    w.string("deleted", format_rfc3339(t.deleted)).optional("via", t.via);
    write_signature(w, t.signature);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string write(const Feed& feed) {
  JsonWriter w;
  w.begin_object();
  w.string("version", "https://jsonfeed.org/version/1.1").string("title", feed.title);
  w.optional("home_page_url", feed.link("alternate")).optional("feed_url", feed.link("self"));
  w.optional("description", feed.subtitle).optional("icon", feed.icon);
  w.optional("next_url", feed.link("next")).optional("language", feed.lang.str());
  if (!feed.authors.empty() && authors_fit(feed.authors))
    write_persons(w, "authors", feed.authors, false);
  if (!feed.link("hub").empty()) {
    w.begin_array("hubs");
    for (const auto& l : feed.links)
      if (l.rel == "hub")
        w.begin_object().string("type", "WebSub").string("url", l.href).end_object();
    w.end_array();
  }
  write_header_extension(w, feed);
  w.begin_array("items");
  for (const auto& a : feed.articles) write_item(w, a, feed.lang);
  w.end_array();
  w.end_object();
  return w.finish();
}

}  // namespace sic::json_feed
