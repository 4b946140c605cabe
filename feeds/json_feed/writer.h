// JSON Feed 1.1 writer; see write_feed in feeds/feeds.h.
#pragma once

#include <string>

#include "feeds/model/article.h"

namespace sic::json_feed {

std::string write(const Feed& feed);

}  // namespace sic::json_feed
