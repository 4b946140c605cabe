// A peer's health as people see it (`sicnode peers list`, /network, /metrics), read
// from its stored fetch state (docs/sync.md, "Health"). Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "feeds/model/datetime.h"
#include "node/catalogue/peers.h"

namespace sic {

enum class Health {
  kNew,         // never attempted
  kOk,          // the last attempt succeeded
  kFailing,     // the last attempt failed; it may be tried again now
  kBackingOff,  // the last attempt failed; not tried before next_attempt
};
// "new", "ok", "failing", "backing off".
const char* to_string(Health health);

Health health_of(const PeerRecord& peer, TimePoint now);

// How stale this node's copy of the peer may be: the time since its last success
// (since it was added when it never succeeded). Never negative.
std::chrono::seconds lag_of(const PeerRecord& peer, TimePoint now);

// How a lag is written: seconds under 2 minutes, minutes under 2 hours, hours under
// 2 days, then days (rounded down). kShort for a terminal's columns ("42s", "5m",
// "3h", "2d"), kWords for a page ("42 s", "5 min", "3 h", "2 days").
enum class LagStyle { kShort, kWords };
std::string lag_text(std::chrono::seconds lag, LagStyle style);

// The same rounding as parts, for text in other languages (the /network page).
enum class LagUnit { kSeconds, kMinutes, kHours, kDays };
struct LagParts {
  long long count;
  LagUnit unit;
};
LagParts lag_parts(std::chrono::seconds lag);

}  // namespace sic
