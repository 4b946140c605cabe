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

TEST_CASE("A node accepts dates from 1970 to the end of 9999, and says what it refuses",
          "[model][date]") {
  CHECK(is_accepted_date(kFirstAcceptedDate));
  CHECK(is_accepted_date(kLastAcceptedDate));
  CHECK_FALSE(is_accepted_date(kFirstAcceptedDate - std::chrono::seconds(1)));
  CHECK_FALSE(is_accepted_date(kLastAcceptedDate + std::chrono::seconds(1)));
  CHECK(date_range_problem(kLastAcceptedDate).empty());
  CHECK(date_range_problem(kLastAcceptedDate + std::chrono::seconds(1)) ==
        "10000-01-01T00:00:00Z is outside the dates this node accepts (1970-01-01T00:00:00Z to "
        "9999-12-31T23:59:59Z)");
  CHECK(date_range_problem(kFirstWritableDate).rfind("0000-01-01T00:00:00Z is outside", 0) == 0);
}

TEST_CASE("Dates outside the years 0000-9999 are written as the nearest end", "[model][date]") {
  TimePoint late = kLastWritableDate + std::chrono::hours(24 * 400);
  CHECK(format_rfc3339(late) == "9999-12-31T23:59:59Z");
  CHECK(format_rfc822(late) == "Fri, 31 Dec 9999 23:59:59 +0000");
  CHECK(format_http_date(late) == "Fri, 31 Dec 9999 23:59:59 GMT");
  CHECK(format_rfc3339(kFirstWritableDate - std::chrono::hours(1)) == "0000-01-01T00:00:00Z");
  CHECK(parse_rfc3339(format_rfc3339(late)).ok());
}
