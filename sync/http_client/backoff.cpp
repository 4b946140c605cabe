#include "sync/http_client/backoff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>

namespace sic::fetch {

using std::chrono::seconds;

UnitRandom system_unit_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

bool is_success(Outcome outcome) {
  return outcome == Outcome::kOk || outcome == Outcome::kNotModified;
}

seconds failure_delay(int failures, const BackoffPolicy& policy, double u) {
  // Doubling stops at the cap, so the loop is short and never overflows.
  seconds delay = std::min(policy.base, policy.cap);
  for (int n = 1; n < failures && delay < policy.cap; ++n) delay = std::min(delay * 2, policy.cap);
  double scale = 1.0 + policy.jitter * (2.0 * std::clamp(u, 0.0, 1.0) - 1.0);
  auto jittered = static_cast<seconds::rep>(std::llround(double(delay.count()) * scale));
  return seconds(std::max<seconds::rep>(jittered, 1));
}

Backoff next_backoff(const Backoff& before, bool succeeded, std::optional<seconds> retry_after,
                     TimePoint now, const BackoffPolicy& policy, const UnitRandom& random) {
  if (succeeded) return Backoff{0, now};
  int failures = before.consecutive_failures < std::numeric_limits<int>::max()
                     ? before.consecutive_failures + 1
                     : before.consecutive_failures;
  seconds delay = failure_delay(failures, policy, random());
  if (retry_after)
    delay = std::max(delay, std::clamp(*retry_after, seconds(0), policy.max_retry_after));
  return Backoff{failures, now + delay};
}

Backoff next_backoff(const Backoff& before, const Response& response, TimePoint now,
                     const BackoffPolicy& policy, const UnitRandom& random) {
  return next_backoff(before, is_success(response.outcome), response.retry_after, now, policy,
                      random);
}

}  // namespace sic::fetch
