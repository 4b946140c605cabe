// Keys given twice in one JSON object, for refusing ambiguous documents before a parser
// that keeps the last one (cpprestsdk's) sees them: the API's bodies and peers' JSON
// Feeds (docs/api.md, docs/feeds.md). Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sic {

// The first key that appears twice in one object of text, with where that object is:
// "title" at the top, "items[3].url" in the fourth item. Keys are compared as the
// strings they denote ("t\u0069tle" is "title"). nullopt when every object's keys are
// distinct. text need not be valid JSON (what is not is left to the parser); call
// json_nesting_depth first to bound it: this scan keeps one frame per nesting level.
// Linear in the size of text, plus the keys' sizes.
std::optional<std::string> json_duplicate_key(std::string_view text);

}  // namespace sic
