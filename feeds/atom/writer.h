// Atom 1.0 writer (RFC 4287, RFC 5005, RFC 6721); see write_feed in feeds/feeds.h.
#pragma once

#include <string>

#include "feeds/model/article.h"

namespace sic::atom {

std::string write(const Feed& feed);

}  // namespace sic::atom
