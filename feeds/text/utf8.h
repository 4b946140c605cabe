// UTF-8 helpers used by every reader and writer (internal to feeds/).
#pragma once

#include <string>
#include <string_view>

namespace sic::text {

inline constexpr char32_t kReplacement = 0xFFFD;

// Appends the UTF-8 encoding of cp (a surrogate or a value above U+10FFFF becomes U+FFFD).
void append_utf8(std::string& out, char32_t cp);

// Decodes one code point at s[pos...] and advances pos past it. An invalid or
// truncated sequence yields U+FFFD and advances by one byte.
char32_t next_code_point(std::string_view s, std::size_t& pos);

// True when s is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view s);

// s with every invalid byte sequence replaced by U+FFFD (each bad byte once).
std::string make_valid_utf8(std::string_view s);
// s itself when it is valid UTF-8, else make_valid_utf8(s) kept in storage.
std::string_view valid_utf8_view(std::string_view s, std::string& storage);

// A character XML 1.0 allows (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF]).
inline bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// ASCII white space as XML and HTML define it: space, tab, CR, LF (and FF for HTML).
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// a == b for short strings (names, tokens), compared inline rather than by memcmp.
inline bool equals_short(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

}  // namespace sic::text
