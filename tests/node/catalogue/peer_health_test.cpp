#include "node/catalogue/peer_health.h"

#include <catch2/catch.hpp>

using namespace sic;
using std::chrono::seconds;

TEST_CASE("A peer's health follows its last attempt and its back-off", "[catalogue][health]") {
  TimePoint now = from_unix(1795881845);
  PeerRecord p;
  CHECK(health_of(p, now) == Health::kNew);
  p.last_attempt = now - seconds(10);
  CHECK(health_of(p, now) == Health::kOk);
  p.consecutive_failures = 1;
  p.next_attempt = now + seconds(60);
  CHECK(health_of(p, now) == Health::kBackingOff);
  CHECK(health_of(p, now + seconds(60)) == Health::kFailing);
  CHECK(std::string(to_string(Health::kBackingOff)) == "backing off");
}

TEST_CASE("A lag is written in the largest unit that leaves at least two of it",
          "[catalogue][health]") {
  CHECK(lag_text(seconds(0), LagStyle::kShort) == "0s");
  CHECK(lag_text(seconds(119), LagStyle::kShort) == "119s");
  CHECK(lag_text(seconds(120), LagStyle::kShort) == "2m");
  CHECK(lag_text(seconds(7199), LagStyle::kShort) == "119m");
  CHECK(lag_text(seconds(7200), LagStyle::kShort) == "2h");
  CHECK(lag_text(seconds(172799), LagStyle::kShort) == "47h");
  CHECK(lag_text(seconds(172800), LagStyle::kShort) == "2d");
  CHECK(lag_text(seconds(119), LagStyle::kWords) == "119 s");
  CHECK(lag_text(seconds(600), LagStyle::kWords) == "10 min");
  CHECK(lag_text(seconds(7200), LagStyle::kWords) == "2 h");
  CHECK(lag_text(seconds(864000), LagStyle::kWords) == "10 days");
}

TEST_CASE("A peer that never succeeded lags since it was added", "[catalogue][health]") {
  TimePoint now = from_unix(1795881845);
  PeerRecord p;
  p.added_at = now - seconds(300);
  CHECK(lag_of(p, now) == seconds(300));
  p.last_success = now - seconds(20);
  CHECK(lag_of(p, now) == seconds(20));
  CHECK(lag_of(p, now - seconds(60)) == seconds(0));
}
