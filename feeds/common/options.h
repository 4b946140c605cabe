// What a caller of parse_feed decides about one parse (docs/feeds.md).
#pragma once

#include <cstddef>
#include <string>

#include "feeds/sanitize/sanitizer.h"

namespace sic {

struct ParseOptions {
  // The absolute URL the bytes came from; relative references in the document are
  // resolved against it (after any xml:base). "" when unknown (a local file): relative
  // references that cannot be resolved are then dropped, with a warning.
  std::string base_url;
  // Documents larger than this are refused before any parsing.
  std::size_t max_bytes = 20 * 1024 * 1024;
  SanitizeOptions sanitize;
};

}  // namespace sic
