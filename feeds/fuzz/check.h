// What every reader's fuzz target checks beyond "does not crash" (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "feeds/feeds.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace sic::fuzz {

// A feed that was read must write and read back to the same articles in every format,
// and its HTML must be a fixed point of the sanitizer.
inline void check_round_trip(const Feed& feed) {
  for (auto format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
    auto again = parse_feed(write_feed(format, feed), {});
    if (!again.ok()) {
      std::fprintf(stderr, "%s: our own output does not parse: %s\n", to_string(format),
                   again.error().message.c_str());
      std::abort();
    }
    if (again->articles != feed.articles) {
      std::fprintf(stderr, "%s: round trip changed the articles\n%s\n---\n%s\n", to_string(format),
                   to_json(feed).c_str(), to_json(*again).c_str());
      std::abort();
    }
  }
  for (const auto& a : feed.articles)
    if (sanitize_html(a.content_html, "", {}) != a.content_html) {
      std::fprintf(stderr, "content_html is not a fixed point of the sanitizer:\n%s\n",
                   a.content_html.c_str());
      std::abort();
    }
}

// The XML readers' target: bytes through the XML layer as parse_feed takes them (strict,
// then the recovery path of liberal reading; but without format detection, so that
// every input reaches the reader), then read(doc, options) (atom::read or rss::read),
// then the round trip of what was read.
template <typename Read>
int read_xml_and_check(const std::uint8_t* data, std::size_t size, Read read) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto utf8 = xml::to_utf8(bytes, xml::Syntax::kXml);
  if (!utf8.ok()) return 0;
  auto doc = xml::Document::read(std::move(*utf8), "https://fuzz.example/feed");
  if (!doc.ok()) return 0;
  ParseOptions options;
  options.base_url = "https://fuzz.example/feed";
  auto feed = read(**doc, options);
  if (feed.ok()) check_round_trip(*feed);
  return 0;
}

}  // namespace sic::fuzz
