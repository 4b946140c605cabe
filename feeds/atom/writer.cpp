// The Atom document layout and our extension are described in docs/feeds.md.
#include "feeds/atom/writer.h"

#include <algorithm>

#include "feeds/common/extension.h"
#include "feeds/text/markup.h"
#include "feeds/xml/ns.h"
#include "feeds/xml/writer.h"

namespace sic::atom {
namespace {

using xml::Writer;

void text_construct(Writer& w, std::string_view element, std::string_view text) {
  // Plain text a reader could take for markup goes as escaped html (docs/feeds.md).
  if (!text::looks_like_markup(text)) return w.leaf(element, text);
  w.leaf(element, text::escape_html(text), {{"type", "html"}});
}

void write_person(Writer& w, std::string_view element, const Person& p) {
  w.open(element);
  w.leaf("name", p.name);
  if (!p.uri.empty()) w.leaf("uri", p.uri);
  if (!p.email.empty()) w.leaf("email", p.email);
  w.close();
}

// The translations' pages come before the entry's own: feedparser and newsboat both
// take an entry's last alternate link as its link (docs/publishing.md, "Links").
void write_links(Writer& w, const Article& a) {
  extension::write_translation_links(w, "link", a);
  if (!a.link.empty())
    w.empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", a.link}});
  for (const auto& e : a.enclosures) extension::write_enclosure_link(w, "link", e);
  extension::write_media_image(w, a);
}

// Atom requires <updated>. An entry without a date (TimePoint{}: its feed gave none) gets
// the document's, marked sic:undated="true" so that a sicnode reader keeps it undated
// (docs/feeds.md, "Dates"); it is never written as 1970.
void write_updated(Writer& w, const Article& a, TimePoint document_updated) {
  if (a.updated != TimePoint{}) return w.leaf("updated", format_rfc3339(a.updated));
  w.leaf("updated", format_rfc3339(document_updated), {{"sic:undated", "true"}});
}

// The entry's xml:lang is written when it differs from the feed's ("und" when the
// article's language is unknown).
void write_entry(Writer& w, const Article& a, const LanguageTag& feed_lang,
                 TimePoint document_updated) {
  Writer::Attrs attrs;
  if (a.lang != feed_lang) attrs.emplace_back("xml:lang", extension::lang_or_und(a.lang));
  w.open("entry", attrs);
  w.leaf("id", a.id.str());
  text_construct(w, "title", a.title);
  write_updated(w, a, document_updated);
  if (a.published) w.leaf("published", format_rfc3339(*a.published));
  for (const auto& p : a.authors) write_person(w, "author", p);
  write_links(w, a);
  if (!a.section.empty()) w.empty("category", {{"term", a.section}, {"scheme", ns::kSicSection}});
  for (const auto& tag : a.tags) w.empty("category", {{"term", tag}});
  if (!a.summary.empty()) text_construct(w, "summary", a.summary);
  // An entry needs content or an alternate link (RFC 4287, 4.1.2).
  if (!a.content_html.empty() || a.link.empty())
    w.leaf("content", a.content_html, {{"type", "html"}});
  if (!a.rights.empty()) text_construct(w, "rights", a.rights);
  extension::write_article(w, a);
  w.close();
}

// Atom requires <updated>: the feed's, else the newest entry or tombstone, else (nothing
// in the document has a date) the time it is written. Never the epoch, which stands for
// "no date" in the model.
TimePoint feed_updated(const Feed& feed) {
  if (feed.updated && *feed.updated != TimePoint{}) return *feed.updated;
  TimePoint newest{};
  for (const auto& a : feed.articles) newest = std::max(newest, a.updated);
  for (const auto& t : feed.tombstones) newest = std::max(newest, t.deleted);
  if (newest != TimePoint{}) return newest;
  return now_seconds();
}

// Atom requires an author on the feed or on every entry. When the model has none for
// some entry, the feed's title stands in; readers of a sicnode feed do not pass it on
// to the entries (docs/feeds.md, "Authors").
std::vector<Person> feed_authors(const Feed& feed) {
  if (!feed.authors.empty()) return feed.authors;
  bool all_have = std::all_of(feed.articles.begin(), feed.articles.end(),
                              [](const Article& a) { return !a.authors.empty(); });
  if (all_have) return {};
  std::string name = !feed.title.empty() ? feed.title : !feed.node.empty() ? feed.node : "sicnode";
  return {Person{name, "", ""}};
}

void write_header(Writer& w, const Feed& feed, TimePoint updated) {
  w.leaf("id", !feed.id.empty() ? feed.id : feed.link("self"));
  text_construct(w, "title", feed.title);
  if (!feed.subtitle.empty()) text_construct(w, "subtitle", feed.subtitle);
  w.leaf("updated", format_rfc3339(updated));
  for (const auto& p : feed_authors(feed)) write_person(w, "author", p);
  for (const auto& l : feed.links) {
    Writer::Attrs attrs = {{"rel", l.rel}, {"href", l.href}};
    if (!l.type.empty()) attrs.emplace_back("type", l.type);
    if (!l.hreflang.empty()) attrs.emplace_back("hreflang", l.hreflang);
    w.empty("link", attrs);
  }
  w.leaf("generator", "sicnode", {{"uri", "https://sicnode.eu/"}, {"version", SIC_VERSION}});
  if (!feed.icon.empty()) w.leaf("icon", feed.icon);
  if (!feed.rights.empty()) text_construct(w, "rights", feed.rights);
  if (!feed.node.empty()) w.leaf("sic:node", feed.node);
  if (!feed.key.empty()) w.leaf("sic:key", feed.key);
  if (feed.archive) w.empty("fh:archive", {});
}

}  // namespace

std::string write(const Feed& feed) {
  Writer w;
  Writer::Attrs root = {{"xmlns", ns::kAtom},
                        {"xmlns:fh", ns::kHistory},
                        {"xmlns:at", ns::kTombstones},
                        {"xmlns:sic", ns::kSic}};
  extension::media_namespace(feed, root);
  if (!feed.lang.empty()) root.emplace_back("xml:lang", feed.lang.str());
  w.open("feed", root);
  TimePoint updated = feed_updated(feed);
  write_header(w, feed, updated);
  // Extension elements come before the entries, as the RFC 4287 schema has it.
  for (const auto& t : feed.tombstones) extension::write_tombstone(w, "at:deleted-entry", t);
  for (const auto& a : feed.articles) write_entry(w, a, feed.lang, updated);
  return w.finish();
}

}  // namespace sic::atom
