// Dates as feeds write them (internal to feeds/; docs/feeds.md, "Dates").
#pragma once

#include <optional>
#include <string_view>

#include "feeds/model/datetime.h"

namespace sic::text {

// Parses RFC 3339 / ISO 8601 / W3C-DTF (a year, a month, a day, or a time with or
// without seconds, fraction and zone) and RFC 822 / RFC 2822 with the common
// deviations: day names in any case or full, missing comma, full month names, one- or
// two-digit days, two-digit years (00-49 are 20xx), missing seconds, named zones
// (UT, GMT, the US and European ones, military letters as UTC), numeric zones with or
// without a colon, a trailing "(comment)", and the asctime form "Sat Nov 28 16:04:05
// 2026". A missing zone is UTC. Returns nullopt for anything else (a date is never
// guessed), and for a date outside the years 0000-9999 once its zone is applied.
std::optional<TimePoint> parse_feed_date(std::string_view text);

}  // namespace sic::text
