// Plain text as the model keeps it (docs/feeds.md, "Text"). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sic {

// Plain text as the model keeps it: control characters removed, every run of white
// space one space, trimmed, invalid UTF-8 replaced by U+FFFD. Idempotent.
std::string canonical_text(std::string_view text);

}  // namespace sic
