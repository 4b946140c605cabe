// When to try a peer again after failures (docs/sync.md, "Back-off").
//
// Pure functions: the time and the random numbers are passed in, so the policy
// is tested without waiting.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "feeds/model/datetime.h"
#include "sync/http_client/http_client.h"

namespace sic::fetch {

struct BackoffPolicy {
  std::chrono::seconds base{60};                       // the delay after the first failure
  std::chrono::seconds cap{6 * 60 * 60};               // the delay stops doubling here
  double jitter = 0.2;                                 // each delay is scaled by 1 ± jitter
  std::chrono::seconds max_retry_after{24 * 60 * 60};  // a longer Retry-After is cut to this
};

// A uniformly distributed number in [0, 1). Called once per failure.
using UnitRandom = std::function<double()>;

// A UnitRandom from a std::mt19937_64 seeded by std::random_device. Each returned
// function owns its generator; it is not thread-safe.
UnitRandom system_unit_random();

// What the scheduler keeps about one peer.
struct Backoff {
  int consecutive_failures = 0;
  // Do not try the peer before this time. After a success it is the time of that
  // success: the peer's regular interval is the only constraint again.
  TimePoint not_before{};
  friend bool operator==(const Backoff&, const Backoff&) = default;
};

// Whether an attempt that ended with this outcome counts as a success for the
// back-off (kOk and kNotModified); every other outcome is a failure.
bool is_success(Outcome outcome);

// The delay before the next attempt after the n-th consecutive failure (n >= 1),
// without Retry-After: base * 2^(n-1), at most cap, then scaled by
// 1 + jitter * (2u - 1), where u in [0, 1) is the random draw; never below 1 s.
std::chrono::seconds failure_delay(int failures, const BackoffPolicy& policy, double u);

// The state after an attempt that ended at now. A success resets it
// ({0, now}); a failure counts one more and waits failure_delay, or the
// attempt's Retry-After when that is longer (cut to policy.max_retry_after).
// random is called once per failure, never on success.
Backoff next_backoff(const Backoff& before, bool succeeded,
                     std::optional<std::chrono::seconds> retry_after, TimePoint now,
                     const BackoffPolicy& policy, const UnitRandom& random);

// The same, reading success and Retry-After from a Response.
Backoff next_backoff(const Backoff& before, const Response& response, TimePoint now,
                     const BackoffPolicy& policy, const UnitRandom& random);

}  // namespace sic::fetch
