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
