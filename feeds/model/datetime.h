// Points in time, kept to the second (see docs/model.md, "Dates").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic {

using TimePoint = std::chrono::sys_seconds;

// Seconds since the Unix epoch, and back.
std::int64_t to_unix(TimePoint t);
TimePoint from_unix(std::int64_t seconds);

// The dates four-digit years can write (RFC 3339): 0000-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z. The readers read no date outside them; the formatting
// functions below write a date outside them as the nearest end.
inline constexpr TimePoint kFirstWritableDate{std::chrono::seconds(-62167219200)};
inline constexpr TimePoint kLastWritableDate{std::chrono::seconds(253402300799)};

// The dates a node accepts (docs/model.md, "Dates"): 1970-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z. Every entrance (the API, import, peers' entries) refuses the
// others, so that every stored date has a month the node serves and a text every
// reader can read.
inline constexpr TimePoint kFirstAcceptedDate{};
inline constexpr TimePoint kLastAcceptedDate = kLastWritableDate;
bool is_accepted_date(TimePoint t);
// "" when t is accepted, else what is wrong: "10000-01-01T00:00:00Z is outside the
// dates this node accepts (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)".
std::string date_range_problem(TimePoint t);

// The current time from the system clock, truncated to the second.
TimePoint now_seconds();

// Format(now_seconds()), formatted once per second by each thread (a Date header, a
// log line's time: things written many times a second).
template <std::string (*Format)(TimePoint)>
const std::string& formatted_now() {
  thread_local TimePoint second = TimePoint::min();
  thread_local std::string text;
  TimePoint now = now_seconds();
  if (now != second) {
    second = now;
    text = Format(now);
  }
  return text;
}

// RFC 3339 in UTC with a "Z" suffix: 2026-11-28T16:04:05Z.
std::string format_rfc3339(TimePoint t);

// RFC 3339 / ISO 8601 date-time with a "Z" or numeric offset; fractional seconds
// are accepted and truncated. A bare date (2026-11-28) is midnight UTC.
// Returns an Error naming the text when it is not such a date.
Result<TimePoint> parse_rfc3339(std::string_view text);

// RFC 7231 IMF-fixdate for HTTP headers: "Sat, 28 Nov 2026 16:04:05 GMT".
std::string format_http_date(TimePoint t);
// Parses an IMF-fixdate (the only form HTTP/1.1 senders may generate); nullopt otherwise.
std::optional<TimePoint> parse_http_date(std::string_view text);

// RFC 822 as RSS 2.0 writes it: "Sat, 28 Nov 2026 16:04:05 +0000".
std::string format_rfc822(TimePoint t);

// A source of the current time, swappable in tests.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The system clock.
const Clock& system_clock();

}  // namespace sic
