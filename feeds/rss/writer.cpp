// The RSS layout and our extension are described in docs/feeds.md, "RSS".
#include "feeds/rss/writer.h"

#include "feeds/common/extension.h"
#include "feeds/text/markup.h"
#include "feeds/xml/ns.h"
#include "feeds/xml/writer.h"

namespace sic::rss {
namespace {

using xml::Writer;

// RSS readers take titles and descriptions as HTML: plain text that looks like markup
// is escaped once more (docs/feeds.md, "Text").
void text_leaf(Writer& w, std::string_view element, std::string_view text) {
  w.leaf(element, text::looks_like_markup(text) ? text::escape_html(text) : std::string(text));
}

// An item's description is HTML to every reader: plain text is always escaped as HTML
// before the XML writer escapes it again, so "Del <3" stays text (docs/feeds.md, "Text").
void description_leaf(Writer& w, std::string_view text) {
  w.leaf("description", text::escape_html(text));
}

void write_atom_person(Writer& w, const Person& p) {
  w.open("atom:author");
  w.leaf("atom:name", p.name);
  if (!p.uri.empty()) w.leaf("atom:uri", p.uri);
  if (!p.email.empty()) w.leaf("atom:email", p.email);
  w.close();
}

void write_enclosures(Writer& w, const Article& a) {
  for (size_t i = 0; i < a.enclosures.size(); ++i) {
    const Enclosure& e = a.enclosures[i];
    if (i == 0) {  // one <enclosure> for plain RSS readers; atom:link carries them all
      std::string length = std::to_string(e.length);
      std::string type = e.type.empty() ? "application/octet-stream" : e.type;
      w.empty("enclosure", {{"url", e.url}, {"length", length}, {"type", type}});
    }
    extension::write_enclosure_link(w, "atom:link", e);
  }
}

void write_item(Writer& w, const Article& a, const LanguageTag& feed_lang) {
  w.open("item");
  text_leaf(w, "title", a.title);
  // Before <link>: feedparser and newsboat take the item's last page link as its link.
  extension::write_translation_links(w, "atom:link", a);
  if (!a.link.empty()) w.leaf("link", a.link);
  if (!a.summary.empty() || a.title.empty()) description_leaf(w, a.summary);
  w.leaf("content:encoded", a.content_html);
  w.leaf("guid", a.id.str(), {{"isPermaLink", "false"}});
  if (a.published) w.leaf("pubDate", format_rfc822(*a.published));
  if (a.updated != TimePoint{}) w.leaf("atom:updated", format_rfc3339(a.updated));
  for (const auto& p : a.authors) {
    if (p.uri.empty() && p.email.empty())
      w.leaf("dc:creator", p.name);
    else
      write_atom_person(w, p);
  }
  if (!a.section.empty()) w.leaf("category", a.section, {{"domain", ns::kSicSection}});
  for (const auto& t : a.tags) w.leaf("category", t);
  write_enclosures(w, a);
  extension::write_media_image(w, a);
  if (!a.rights.empty()) w.leaf("dc:rights", a.rights);
  if (a.lang != feed_lang) w.leaf("dc:language", extension::lang_or_und(a.lang));
  extension::write_article(w, a);
  w.close();
}

void write_channel_header(Writer& w, const Feed& feed) {
  std::string home = feed.link("alternate");
  if (home.empty()) home = feed.id;
  text_leaf(w, "title", feed.title);
  w.leaf("link", home);
  text_leaf(w, "description", feed.subtitle);
  if (!feed.lang.empty()) w.leaf("language", feed.lang.str());
  if (!feed.rights.empty()) text_leaf(w, "copyright", feed.rights);
  if (feed.updated) w.leaf("lastBuildDate", format_rfc822(*feed.updated));
  w.leaf("generator", "sicnode " SIC_VERSION);
  for (const auto& l : feed.links) {
    Writer::Attrs attrs = {{"href", l.href}, {"rel", l.rel}};
    if (!l.type.empty()) attrs.emplace_back("type", l.type);
    if (!l.hreflang.empty()) attrs.emplace_back("hreflang", l.hreflang);
    w.empty("atom:link", attrs);
  }
  for (const auto& p : feed.authors) write_atom_person(w, p);
  if (!feed.icon.empty()) {
    w.open("image");
    w.leaf("url", feed.icon);
    text_leaf(w, "title", feed.title);
    w.leaf("link", home);
    w.close();
  }
  if (feed.id != home) w.leaf("sic:id", feed.id);
  if (!feed.node.empty()) w.leaf("sic:node", feed.node);
  if (!feed.key.empty()) w.leaf("sic:key", feed.key);
  if (feed.archive) w.empty("fh:archive", {});
  for (const auto& t : feed.tombstones) extension::write_tombstone(w, "sic:deleted-entry", t);
}

}  // namespace

std::string write(const Feed& feed) {
  Writer w;
  Writer::Attrs root = {
      {"version", "2.0"},    {"xmlns:atom", ns::kAtom},  {"xmlns:content", ns::kContent},
      {"xmlns:dc", ns::kDc}, {"xmlns:fh", ns::kHistory}, {"xmlns:sic", ns::kSic}};
  extension::media_namespace(feed, root);
  w.open("rss", root);
  w.open("channel");
  write_channel_header(w, feed);
  for (const auto& a : feed.articles) write_item(w, a, feed.lang);
  return w.finish();
}

}  // namespace sic::rss
