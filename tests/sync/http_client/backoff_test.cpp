#include "sync/http_client/backoff.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::fetch;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const TimePoint kNow = from_unix(1'800'000'000);

// A random source that always draws u, counting its calls.
struct FixedRandom {
  double u;
  int* calls;
  double operator()() const {
    ++*calls;
    return u;
  }
};

// u = 0.5 means no jitter.
constexpr double kMiddle = 0.5;

}  // namespace

TEST_CASE("Failure delays double from the base up to the cap", "[sync][fetcher][backoff]") {
  BackoffPolicy policy;  // 1 min doubling up to 6 h
  CHECK(failure_delay(1, policy, kMiddle) == minutes(1));
  CHECK(failure_delay(2, policy, kMiddle) == minutes(2));
  CHECK(failure_delay(3, policy, kMiddle) == minutes(4));
  CHECK(failure_delay(9, policy, kMiddle) == minutes(256));
  CHECK(failure_delay(10, policy, kMiddle) == hours(6));
  CHECK(failure_delay(1000, policy, kMiddle) == hours(6));
  CHECK(failure_delay(2'000'000'000, policy, kMiddle) == hours(6));
}

TEST_CASE("Jitter spreads a delay by at most the configured fraction", "[sync][fetcher][backoff]") {
  BackoffPolicy policy;
  CHECK(failure_delay(1, policy, 0.0) == seconds(48));       // 60 s - 20 %
  CHECK(failure_delay(1, policy, 0.999999) == seconds(72));  // just under 60 s + 20 %
  CHECK(failure_delay(30, policy, 0.0) == seconds(6 * 3600 * 8 / 10));
  CHECK(failure_delay(30, policy, 0.75) == seconds(6 * 3600 * 11 / 10));
  policy.jitter = 0.0;
  CHECK(failure_delay(1, policy, 0.0) == minutes(1));
}

TEST_CASE("Base and cap are configurable and a delay is never under a second",
          "[sync][fetcher][backoff]") {
  BackoffPolicy policy;
  policy.base = seconds(5);
  policy.cap = seconds(30);
  CHECK(failure_delay(1, policy, kMiddle) == seconds(5));
  CHECK(failure_delay(3, policy, kMiddle) == seconds(20));
  CHECK(failure_delay(4, policy, kMiddle) == seconds(30));
  policy.base = seconds(0);
  CHECK(failure_delay(1, policy, 0.0) == seconds(1));
  policy.base = seconds(100);  // a base above the cap is cut to the cap
  CHECK(failure_delay(1, policy, kMiddle) == seconds(30));
}

TEST_CASE("Consecutive failures push the next attempt further away", "[sync][fetcher][backoff]") {
  int calls = 0;
  UnitRandom random = FixedRandom{kMiddle, &calls};
  BackoffPolicy policy;
  Backoff state;
  state = next_backoff(state, false, std::nullopt, kNow, policy, random);
  CHECK(state == Backoff{1, kNow + minutes(1)});
  state = next_backoff(state, false, std::nullopt, kNow, policy, random);
  CHECK(state == Backoff{2, kNow + minutes(2)});
  state = next_backoff(state, false, std::nullopt, kNow, policy, random);
  CHECK(state == Backoff{3, kNow + minutes(4)});
  CHECK(calls == 3);
}

TEST_CASE("A success resets the back-off without drawing a random number",
          "[sync][fetcher][backoff]") {
  int calls = 0;
  UnitRandom random = FixedRandom{kMiddle, &calls};
  Backoff failing{7, kNow + hours(2)};
  Backoff after = next_backoff(failing, true, seconds(600), kNow, {}, random);
  CHECK(after == Backoff{0, kNow});
  CHECK(calls == 0);
}

TEST_CASE("Retry-After is a floor under the back-off delay", "[sync][fetcher][backoff]") {
  int calls = 0;
  UnitRandom random = FixedRandom{kMiddle, &calls};
  BackoffPolicy policy;
  // Longer than the first delay: it wins.
  CHECK(next_backoff({}, false, seconds(600), kNow, policy, random).not_before ==
        kNow + seconds(600));
  // Shorter than the delay after many failures: the delay wins.
  CHECK(next_backoff({12, kNow}, false, seconds(600), kNow, policy, random).not_before ==
        kNow + hours(6));
  // Zero does not shorten anything.
  CHECK(next_backoff({}, false, seconds(0), kNow, policy, random).not_before == kNow + minutes(1));
}

TEST_CASE("An enormous Retry-After is cut to the policy's maximum", "[sync][fetcher][backoff]") {
  int calls = 0;
  UnitRandom random = FixedRandom{kMiddle, &calls};
  BackoffPolicy policy;
  auto state = next_backoff({}, false, hours(24 * 365), kNow, policy, random);
  CHECK(state.not_before == kNow + hours(24));
  policy.max_retry_after = hours(2);
  CHECK(next_backoff({}, false, hours(5), kNow, policy, random).not_before == kNow + hours(2));
}

TEST_CASE("Responses map to success or failure for the back-off", "[sync][fetcher][backoff]") {
  CHECK(is_success(Outcome::kOk));
  CHECK(is_success(Outcome::kNotModified));
  for (Outcome o : {Outcome::kRateLimited, Outcome::kHttpError, Outcome::kTooLarge,
                    Outcome::kTimeout, Outcome::kRefused, Outcome::kNetworkError}) {
    INFO(to_string(o));
    CHECK_FALSE(is_success(o));
  }
  int calls = 0;
  UnitRandom random = FixedRandom{kMiddle, &calls};
  Response limited;
  limited.outcome = Outcome::kRateLimited;
  limited.retry_after = seconds(900);
  CHECK(next_backoff({}, limited, kNow, {}, random) == Backoff{1, kNow + seconds(900)});
  Response fine;
  fine.outcome = Outcome::kNotModified;
  CHECK(next_backoff({4, kNow + hours(1)}, fine, kNow, {}, random) == Backoff{0, kNow});
}

TEST_CASE("The system random source draws varied numbers from zero up to one",
          "[sync][fetcher][backoff]") {
  UnitRandom random = system_unit_random();
  double low = 1.0, high = 0.0;
  for (int i = 0; i < 1000; ++i) {
    double u = random();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    low = std::min(low, u);
    high = std::max(high, u);
  }
  CHECK(low < 0.1);
  CHECK(high > 0.9);
}

TEST_CASE("Jittered delays of many peers spread over the whole jitter band",
          "[sync][fetcher][backoff]") {
  UnitRandom random = system_unit_random();
  BackoffPolicy policy;
  seconds shortest = hours(100), longest{0};
  for (int i = 0; i < 500; ++i) {
    seconds d = next_backoff({}, false, std::nullopt, kNow, policy, random).not_before - kNow;
    REQUIRE(d >= seconds(48));
    REQUIRE(d <= seconds(72));
    shortest = std::min(shortest, d);
    longest = std::max(longest, d);
  }
  CHECK(shortest <= seconds(51));
  CHECK(longest >= seconds(69));
}
