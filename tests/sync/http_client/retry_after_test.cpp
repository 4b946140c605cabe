#include <catch2/catch.hpp>

#include "sync/http_client/http_client.h"

using namespace sic;
using sic::fetch::parse_retry_after;
using std::chrono::seconds;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT
const TimePoint kNow = from_unix(784111777);
}  // namespace

TEST_CASE("Retry-After in delta-seconds is read as it is", "[sync][fetcher][retry-after]") {
  CHECK(parse_retry_after("120", kNow) == seconds(120));
  CHECK(parse_retry_after("0", kNow) == seconds(0));
  CHECK(parse_retry_after("  30 ", kNow) == seconds(30));
}

TEST_CASE("A huge delta-seconds saturates instead of overflowing", "[sync][fetcher][retry-after]") {
  auto parsed = parse_retry_after("99999999999999999999999999", kNow);
  REQUIRE(parsed.has_value());
  CHECK(*parsed > seconds(365LL * 24 * 3600));
}

TEST_CASE("Retry-After as an HTTP-date counts from now", "[sync][fetcher][retry-after]") {
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", kNow) == seconds(120));
  // The obsolete RFC 850 and asctime forms.
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", kNow) == seconds(60));
  CHECK(parse_retry_after("Sun Nov  6 08:49:47 1994", kNow) == seconds(10));
}

TEST_CASE("A Retry-After date in the past means now", "[sync][fetcher][retry-after]") {
  CHECK(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", kNow) == seconds(0));
}

TEST_CASE("A Retry-After that is neither seconds nor a date is ignored",
          "[sync][fetcher][retry-after]") {
  for (const char* bad :
       {"", "soon", "-5", "1.5", "12abc", "tomorrow at noon", "Sun, 99 Foo", "+30", "0x10"}) {
    INFO(bad);
    CHECK_FALSE(parse_retry_after(bad, kNow).has_value());
  }
}

TEST_CASE("Every outcome has a readable name", "[sync][fetcher]") {
  using sic::fetch::Outcome;
  CHECK(std::string(to_string(Outcome::kOk)) == "ok");
  CHECK(std::string(to_string(Outcome::kNotModified)) == "not modified");
  CHECK(std::string(to_string(Outcome::kRateLimited)) == "rate limited");
  CHECK(std::string(to_string(Outcome::kRefused)) == "refused");
}
