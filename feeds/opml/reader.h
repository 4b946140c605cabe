// OPML subscription lists (OPML 1.0 and 2.0, as feed readers such as FreshRSS,
// Miniflux, Feedly or Thunderbird export them): the feeds they name. Categories are
// outlines around the feeds, nested to any depth; an outline with an xmlUrl is a feed
// whatever its type attribute says.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"

namespace sic::opml {

struct Outline {
  std::string title;    // the outline's title, else its text; may be empty
  std::string xml_url;  // as written (attribute references decoded)
  std::string html_url;
  std::vector<std::string> categories;  // the enclosing outlines' titles, outermost first
  int line = 0;                         // where the outline starts in the document
};

// The feed outlines in document order. Errors, one line each: bytes that are not
// well-formed XML ("opml: line 3: expected >"), a root element other than <opml>
// ("opml: the root element is <rss>, not <opml>"), no <body>, an outline with an empty
// xmlUrl.
Result<std::vector<Outline>> read(std::string_view bytes);

}  // namespace sic::opml
