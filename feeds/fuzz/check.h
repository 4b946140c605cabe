// What every reader's fuzz target checks beyond "does not crash" (internal).
#pragma once

#include <cstdio>
#include <cstdlib>

#include "feeds/feeds.h"

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

}  // namespace sic::fuzz
