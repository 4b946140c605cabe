#include "feeds/text/markup.h"

#include "feeds/text/scan.h"

namespace sic::text {

bool looks_like_markup(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    char c = text[i], n = text[i + 1];
    bool letter = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z');
    if (c == '<' && (letter || n == '/' || n == '!' || n == '?')) return true;
    if (c == '&' && (letter || n == '#')) return true;
  }
  return false;
}

std::string_view escape_of(char c, bool quote) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return quote ? "&quot;" : "";
    default:
      return "";
  }
}

void append_escaped_html(std::string& out, std::string_view text, bool quote) {
  size_t run = 0, i;
  while ((i = find_any<'&', '<', '>', '"'>(text, run)) < text.size()) {
    out.append(text.data() + run, i - run);
    std::string_view e = escape_of(text[i], quote);
    e.empty() ? out += text[i] : out += e;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_escaped_html(out, text, true);
  return out;
}

}  // namespace sic::text
