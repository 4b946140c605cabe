// Plain text next to markup (internal to feeds/).
#pragma once

#include <string>
#include <string_view>

namespace sic::text {

// True when plain text could be taken for markup: "<" before a letter, '/', '!' or
// '?', or "&" before a letter or '#'. Writers escape such text once more so that
// readers which treat it as HTML get it back unchanged.
bool looks_like_markup(std::string_view text);

// Escapes plain text as HTML text: & < > and ".
std::string escape_html(std::string_view text);

}  // namespace sic::text
