// The `sicnode parse` output (docs/feeds.md, "JSON output"). Pure; thread-safe.
#pragma once

#include <string>

#include "feeds/model/article.h"

namespace sic {

// The `sicnode parse` output: {"feed": {...}, "articles": [...], "tombstones":
// [...], "warnings": [...]} with the model's field names (docs/feeds.md, "JSON").
std::string to_json(const Feed& feed);

}  // namespace sic
