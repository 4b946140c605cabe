#include "node/catalogue/peer_health.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace sic {

const char* to_string(Health health) {
  static constexpr const char* kNames[] = {"new", "ok", "failing", "backing off"};
  static_assert(std::size(kNames) == std::size_t(Health::kBackingOff) + 1);
  return kNames[std::size_t(health)];
}

Health health_of(const PeerRecord& p, TimePoint now) {
  if (!p.last_attempt) return Health::kNew;
  if (p.consecutive_failures == 0) return Health::kOk;
  if (p.next_attempt && *p.next_attempt > now) return Health::kBackingOff;
  return Health::kFailing;
}

std::chrono::seconds lag_of(const PeerRecord& p, TimePoint now) {
  TimePoint since = p.last_success.value_or(p.added_at);
  return std::max(std::chrono::seconds(0), now - since);
}

namespace {

struct Unit {
  long long seconds;  // one of this unit
  long long below;    // used for lags under this many seconds
  const char* short_name;
  const char* words;
};
constexpr std::array<Unit, 4> kUnits{{
    {1, 120, "s", " s"},
    {60, 7200, "m", " min"},
    {3600, 172800, "h", " h"},
    {86400, 0, "d", " days"},
}};

const Unit& unit_of(long long seconds) {
  return *std::find_if(kUnits.begin(), kUnits.end() - 1,
                       [&](const Unit& u) { return seconds < u.below; });
}

}  // namespace

LagParts lag_parts(std::chrono::seconds lag) {
  const Unit& unit = unit_of(lag.count());
  return {lag.count() / unit.seconds, LagUnit(&unit - kUnits.data())};
}

std::string lag_text(std::chrono::seconds lag, LagStyle style) {
  const Unit& unit = unit_of(lag.count());
  return std::to_string(lag.count() / unit.seconds) +
         (style == LagStyle::kShort ? unit.short_name : unit.words);
}

}  // namespace sic
