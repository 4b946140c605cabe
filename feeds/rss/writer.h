// RSS 2.0 writer; see write_feed in feeds/feeds.h.
#pragma once

#include <string>

#include "feeds/model/article.h"

namespace sic::rss {

std::string write(const Feed& feed);

}  // namespace sic::rss
