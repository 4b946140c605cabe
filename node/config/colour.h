// sRGB colours of the [site] config and their contrast (docs/config.md, "[site]").
#pragma once

#include <cstdint>
#include <string_view>

#include "feeds/model/result.h"

namespace sic {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// "#0b4f9c" or "#0B4F9C" (six hex digits after '#'). Error: "\"TEXT\" is not a colour
// (#rrggbb)".
Result<Rgb> parse_hex_colour(std::string_view text);

// WCAG 2.1's contrast ratio of two colours, from 1 (the same) to 21 (black on white).
double contrast_ratio(Rgb a, Rgb b);

// The ratio WCAG 2.1 AA asks of normal-size text against its background.
inline constexpr double kAaTextContrast = 4.5;

}  // namespace sic
