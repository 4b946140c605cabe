// JSON Feed 1.0 and 1.1 reader; see parse_feed in feeds/feeds.h.
#pragma once

#include <string_view>

#include "feeds/common/options.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic::json_feed {

// Reads a JSON Feed (UTF-8 or UTF-16/32 with or without BOM). Refuses JSON nested
// deeper than 64 levels and objects without a jsonfeed.org "version".
Result<Feed> read(std::string_view bytes, const ParseOptions& options);

}  // namespace sic::json_feed
