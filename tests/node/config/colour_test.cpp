#include "node/config/colour.h"

#include <catch2/catch.hpp>

using namespace sic;

TEST_CASE("Colours are read as #rrggbb in either case", "[config][colour]") {
  auto c = parse_hex_colour("#0B4f9c");
  REQUIRE(c.ok());
  CHECK((c->r == 0x0b && c->g == 0x4f && c->b == 0x9c));
  for (const char* bad : {"", "#fff", "0b4f9c", "#0b4f9c0", "#0b4f9x", "#-b4f9c"})
    CHECK_FALSE(parse_hex_colour(bad).ok());
}

TEST_CASE("Contrast ratios are WCAG 2.1's", "[config][colour]") {
  Rgb white{255, 255, 255}, black{0, 0, 0};
  CHECK(contrast_ratio(black, white) == Approx(21.0));
  CHECK(contrast_ratio(white, black) == Approx(21.0));
  CHECK(contrast_ratio(white, white) == Approx(1.0));
  CHECK(contrast_ratio(Rgb{0x76, 0x76, 0x76}, white) == Approx(4.54).epsilon(0.01));
  CHECK(contrast_ratio(Rgb{0x0b, 0x4f, 0x9c}, white) > kAaTextContrast);
}
