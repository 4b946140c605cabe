#include "feeds/model/datetime.h"

#include <catch2/catch.hpp>

using namespace sic;

TEST_CASE("An RFC 3339 date with Z reads as that instant", "[model][date]") {
  auto t = parse_rfc3339("2026-11-28T16:04:05Z");
  REQUIRE(t.ok());
  CHECK(to_unix(*t) == 1795881845);
  CHECK(format_rfc3339(*t) == "2026-11-28T16:04:05Z");
}

TEST_CASE("An RFC 3339 offset is applied and fractions are truncated", "[model][date]") {
  auto t = parse_rfc3339("2026-11-28T17:04:05.987+01:00");
  REQUIRE(t.ok());
  CHECK(format_rfc3339(*t) == "2026-11-28T16:04:05Z");
}

TEST_CASE("A bare date is midnight UTC", "[model][date]") {
  auto t = parse_rfc3339("2026-02-01");
  REQUIRE(t.ok());
  CHECK(format_rfc3339(*t) == "2026-02-01T00:00:00Z");
}

TEST_CASE("Impossible or malformed dates are errors that quote the text", "[model][date]") {
  for (const char* bad : {"2026-02-30T00:00:00Z", "2026-11-28T25:00:00Z", "yesterday", "",
                          "2026-11-28T16:04:05", "2026-11-28T16:04:05Zjunk", "2026-1-2"}) {
    auto t = parse_rfc3339(bad);
    CHECK_FALSE(t.ok());
    if (!t.ok()) CHECK(t.error().message.find(bad) != std::string::npos);
  }
}

TEST_CASE("HTTP dates format and parse as IMF-fixdate", "[model][date]") {
  auto t = from_unix(784111777);
  CHECK(format_http_date(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == t);
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT").has_value());
  CHECK(format_rfc822(t) == "Sun, 06 Nov 1994 08:49:37 +0000");
}
