// Character references: the five XML entities, numeric references and the HTML 4
// named entities feeds use (&nbsp;, &eacute;...) (internal to feeds/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sic::text {

// The code point of an HTML 4 named entity (or &apos;), by its case-sensitive name.
std::optional<char32_t> named_entity(std::string_view name);

enum class RefMode {
  kXml,   // XML text: the references must end with ';'
  kHtml,  // HTML text: numeric references may lack ';', &#128;-&#159; are windows-1252
};

// The character reference that starts with the '&' at text[pos]: its length (the
// ';' included), with its code point in cp; 0 when no known reference starts there.
// &#0;, surrogates and values above U+10FFFF give U+FFFD.
size_t reference_at(std::string_view text, size_t pos, RefMode mode, char32_t& cp);

// Appends text with its character references decoded. An '&' that does not start a
// known reference is kept as it is. &#0;, surrogates and values above U+10FFFF become
// U+FFFD; characters XML 1.0 forbids (C0 controls but TAB, LF, CR) are dropped.
void append_decoded(std::string& out, std::string_view text, RefMode mode);

inline std::string decode_references(std::string_view text, RefMode mode) {
  std::string out;
  out.reserve(text.size());
  append_decoded(out, text, mode);
  return out;
}

}  // namespace sic::text
