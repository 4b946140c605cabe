// Plain text next to markup (internal to feeds/).
#pragma once

#include <string>
#include <string_view>

namespace sic::text {

// True when plain text could be taken for markup: "<" before a letter, '/', '!' or
// '?', or "&" before a letter or '#'. Writers escape such text once more so that
// readers which treat it as HTML get it back unchanged.
bool looks_like_markup(std::string_view text);

// What an HTML or XML escape writes for c: "&amp;", "&lt;", "&gt;", and "&quot;" for
// '"' when quote is set (in attribute values); "" when c stands for itself.
std::string_view escape_of(char c, bool quote);

// Appends text with & < > (and " when quote is set) escaped: HTML or XML text, or an
// attribute value in double quotes. Nothing else is changed.
void append_escaped_html(std::string& out, std::string_view text, bool quote);

// Escapes plain text as HTML text: & < > and ".
std::string escape_html(std::string_view text);

}  // namespace sic::text
