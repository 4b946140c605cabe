#include "feeds/text/dates.h"

#include <catch2/catch.hpp>

using namespace sic;

namespace {
std::string parsed(std::string_view text) {
  auto t = text::parse_feed_date(text);
  return t ? format_rfc3339(*t) : "none";
}
}  // namespace

TEST_CASE("RFC 3339 dates are read with their offset", "[feeds][dates]") {
  CHECK(parsed("2026-11-28T16:04:05Z") == "2026-11-28T16:04:05Z");
  CHECK(parsed("2026-11-28T17:04:05+01:00") == "2026-11-28T16:04:05Z");
  CHECK(parsed("2026-11-28t16:04:05.123456z") == "2026-11-28T16:04:05Z");
  CHECK(parsed("2026-11-28T11:04:05-0500") == "2026-11-28T16:04:05Z");
}

TEST_CASE("W3C-DTF dates may stop at the year, month, day or minute", "[feeds][dates]") {
  CHECK(parsed("2026") == "2026-01-01T00:00:00Z");
  CHECK(parsed("2026-11") == "2026-11-01T00:00:00Z");
  CHECK(parsed("2026-11-28") == "2026-11-28T00:00:00Z");
  CHECK(parsed("2026-11-28T16:04Z") == "2026-11-28T16:04:00Z");
  CHECK(parsed("2026-11-28 16:04:05") == "2026-11-28T16:04:05Z");  // no zone: UTC
}

TEST_CASE("ISO 8601 basic and ordinal dates are read", "[feeds][dates]") {
  CHECK(parsed("20261128T160405Z") == "2026-11-28T16:04:05Z");
  CHECK(parsed("20261128T1604+0100") == "2026-11-28T15:04:00Z");
  CHECK(parsed("20261128") == "2026-11-28T00:00:00Z");
  CHECK(parsed("2026-332") == "2026-11-28T00:00:00Z");
  CHECK(parsed("2024-366T12:00Z") == "2024-12-31T12:00:00Z");
  CHECK(parsed("2026-366") == "none");
  CHECK(parsed("20261128T16") == "none");
}

TEST_CASE("A date a zone moves outside the years 0000-9999 is not a date", "[feeds][dates]") {
  CHECK(parsed("0000-01-01T00:00:00Z") == "0000-01-01T00:00:00Z");
  CHECK(parsed("0000-01-01T00:00:00+01:00") == "none");
  CHECK(parsed("9999-12-31T23:59:59Z") == "9999-12-31T23:59:59Z");
  CHECK(parsed("Fri, 31 Dec 9999 23:59:59 -0100") == "none");
}

TEST_CASE("RFC 822 dates are read with the common deviations", "[feeds][dates]") {
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05 +0000") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05 GMT") == "2026-11-28T16:04:05Z");
  CHECK(parsed("sat, 28 nov 2026 17:04:05 +01:00") == "2026-11-28T16:04:05Z");
  CHECK(parsed("SATURDAY, 28 NOVEMBER 2026 16:04:05 UT") == "2026-11-28T16:04:05Z");
  CHECK(parsed("28 Nov 2026 16:04 GMT") == "2026-11-28T16:04:00Z");        // no seconds
  CHECK(parsed("Sat, 28 Nov 26 16:04:05 GMT") == "2026-11-28T16:04:05Z");  // two-digit year
  CHECK(parsed("Thu, 1 Jan 98 00:00:00 GMT") == "1998-01-01T00:00:00Z");
  CHECK(parsed("Sat 28 Nov 2026 16:04:05 GMT") == "2026-11-28T16:04:05Z");   // no comma
  CHECK(parsed("Mon, 28 Nov 2026 16:04:05 GMT") == "2026-11-28T16:04:05Z");  // wrong day name
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05") == "2026-11-28T16:04:05Z");      // no zone: UTC
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05 +0000 (UTC)") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28-Nov-2026 16:04:05 GMT") == "2026-11-28T16:04:05Z");
}

TEST_CASE("Named zones in RFC 822 dates are US and European ones", "[feeds][dates]") {
  CHECK(parsed("Sat, 28 Nov 2026 11:04:05 EST") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 09:04:05 PDT") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 17:04:05 CET") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 18:04:05 CEST") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 18:04:05 EET") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05 Z") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat, 28 Nov 2026 17:04:05 GMT+1") == "2026-11-28T16:04:05Z");
}

TEST_CASE("The asctime form is read", "[feeds][dates]") {
  CHECK(parsed("Sat Nov 28 16:04:05 2026") == "2026-11-28T16:04:05Z");
  CHECK(parsed("Sat Nov 28 16:04:05 UTC 2026") == "2026-11-28T16:04:05Z");
}

TEST_CASE("Unreadable dates are refused, never guessed", "[feeds][dates]") {
  CHECK(parsed("") == "none");
  CHECK(parsed("yesterday") == "none");
  CHECK(parsed("28 Nov") == "none");                         // no year
  CHECK(parsed("Sat, 31 Feb 2026 10:00:00 GMT") == "none");  // no such day
  CHECK(parsed("2026-13-01") == "none");
  CHECK(parsed("2026-11-28T25:00:00Z") == "none");
  CHECK(parsed("Sat, 28 Nov 2026 16:04:05 XYZ") == "none");
  CHECK(parsed("2026-11-28T16:04:05+99:00") == "none");
  CHECK(parsed(std::string(200, '1')) == "none");
}
