#include "feeds/text/markup.h"

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

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace sic::text
