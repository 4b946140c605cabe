// The facade: detect the format, call one reader or writer (docs/feeds.md).
#include "feeds/feeds.h"

#include <algorithm>

#include "feeds/atom/reader.h"
#include "feeds/atom/writer.h"
#include "feeds/detect.h"
#include "feeds/json_feed/reader.h"
#include "feeds/json_feed/writer.h"
#include "feeds/rss/reader.h"
#include "feeds/rss/writer.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/plain.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace sic {
namespace {

Result<Feed> parse_xml(std::string_view bytes, FeedFormat format, const ParseOptions& options) {
  const char* module = to_string(format);
  auto utf8 = xml::to_utf8(bytes, xml::Syntax::kXml);
  if (!utf8.ok()) return Error{std::string(module) + ": " + utf8.error().message};
  auto doc = xml::Document::read(std::move(*utf8), options.base_url);
  if (!doc.ok()) return Error{std::string(module) + ": " + doc.error().message};
  auto feed = format == FeedFormat::kAtom ? atom::read(**doc, options) : rss::read(**doc, options);
  if (feed.ok() && !(*doc)->recovery().empty())  // liberal reading (docs/feeds.md)
    feed->warnings.insert(feed->warnings.begin(), std::string(module) +
                                                      ": xml: not well-formed XML (" +
                                                      (*doc)->recovery() + "), read leniently");
  return feed;
}

// An absolute http(s) URL as the readers leave it, or "".
std::string canonical_url(const std::string& url) {
  auto resolved = text::resolve_uri("", url);
  if (!resolved || !Iri::parse(*resolved).ok()) return "";
  std::string scheme = text::uri_scheme(*resolved);
  return scheme == "http" || scheme == "https" ? *resolved : "";
}

LanguageTag known(const LanguageTag& tag) { return tag.str() == "und" ? LanguageTag() : tag; }

void canonicalize_person(Person& p) {
  p.name = canonical_text(p.name);
  p.uri = canonical_url(p.uri);
  p.email = canonical_text(p.email);
}

}  // namespace

Result<Feed> parse_feed(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > options.max_bytes)
    return Error{"feeds: the document is larger than the limit of " +
                 std::to_string(options.max_bytes) + " bytes"};
  auto format = detect_format(bytes);
  if (!format.ok()) return format.error();
  if (*format == FeedFormat::kJsonFeed) return json_feed::read(bytes, options);
  return parse_xml(bytes, *format, options);
}

std::string write_feed(FeedFormat format, const Feed& feed) {
  switch (format) {
    case FeedFormat::kAtom:
      return atom::write(feed);
    case FeedFormat::kJsonFeed:
      return json_feed::write(feed);
    case FeedFormat::kRss:
      return rss::write(feed);
  }
  return atom::write(feed);
}

void canonicalize_article(Article& a, const SanitizeOptions& options) {
  if (auto id = Iri::parse(text::iri_safe(a.id.str())); id.ok()) a.id = *id;
  a.origin = canonical_text(a.origin);
  a.lang = known(a.lang);
  a.title = canonical_text(a.title);
  a.summary = canonical_text(a.summary);
  a.content_html = sanitize_html(a.content_html, "", options);
  for (auto& p : a.authors) canonicalize_person(p);
  std::erase_if(a.authors,
                [](const Person& p) { return p.name.empty() && p.uri.empty() && p.email.empty(); });
  a.section = canonical_text(a.section);
  for (auto& t : a.tags) t = canonical_text(t);
  std::erase_if(a.tags, [](const std::string& t) { return t.empty(); });
  a.link = canonical_url(a.link);
  a.rights = canonical_text(a.rights);
  for (auto& e : a.enclosures) {
    e.url = canonical_url(e.url);
    e.type = canonical_text(e.type);
    e.title = canonical_text(e.title);
    if (e.length < 0) e.length = 0;
  }
  std::erase_if(a.enclosures, [](const Enclosure& e) { return e.url.empty(); });
  a.image.url = canonical_url(a.image.url);
  bool alt_fits = !a.image.url.empty() && a.image.alt.size() <= kMaxImageAlt;
  a.image.alt = alt_fits ? canonical_text(a.image.alt) : "";
  for (auto& t : a.translations) {
    t.lang = known(t.lang);
    t.title = canonical_text(t.title);
    t.summary = canonical_text(t.summary);
    t.content_html = sanitize_html(t.content_html, "", options);
    t.engine = canonical_text(t.engine);
    t.source_hash = canonical_text(t.source_hash);
    t.link = canonical_url(t.link);
  }
  std::erase_if(a.translations, [](const Translation& t) { return t.lang.empty(); });
  if (a.shown_translation) {
    a.shown_translation->original_lang = known(a.shown_translation->original_lang);
    a.shown_translation->engine = canonical_text(a.shown_translation->engine);
  }
  a.via = canonical_text(a.via);
}

}  // namespace sic
