#include "node/config/colour.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sic {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// WCAG 2.1's relative luminance of an sRGB colour.
double luminance(Rgb c) {
  auto channel = [](std::uint8_t v) {
    double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

}  // namespace

Result<Rgb> parse_hex_colour(std::string_view text) {
  Error bad{"\"" + std::string(text) + "\" is not a colour (#rrggbb)"};
  if (text.size() != 7 || text[0] != '#') return bad;
  std::uint8_t v[3];
  for (int i = 0; i < 3; ++i) {
    int hi = hex_digit(text[1 + 2 * i]), lo = hex_digit(text[2 + 2 * i]);
    if (hi < 0 || lo < 0) return bad;
    v[i] = std::uint8_t(hi * 16 + lo);
  }
  return Rgb{v[0], v[1], v[2]};
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace sic
