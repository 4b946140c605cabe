#include "feeds/model/datetime.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sic {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Parts {
  int year, month, day, hour, minute, second, weekday;
};

Parts split_unclamped(TimePoint t) {
  auto day_point = std::chrono::floor<days>(t);
  year_month_day ymd{day_point};
  std::chrono::hh_mm_ss hms{t - day_point};
  std::chrono::weekday wd{day_point};
  return {int(ymd.year()),          int(unsigned(ymd.month())), int(unsigned(ymd.day())),
          int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()),
          int(wd.c_encoding())};
}

Parts split(TimePoint t) {
  t = std::clamp(t, kFirstWritableDate, kLastWritableDate);
  return split_unclamped(t);
}

// RFC 3339 of the parts (a year of any size).
std::string rfc3339_of(const Parts& p) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year, p.month, p.day, p.hour,
                p.minute, p.second);
  return buf;
}

// RFC 3339 with a year of any size, for messages about dates out of range.
std::string describe(TimePoint t) { return rfc3339_of(split_unclamped(t)); }

// Reads exactly n digits at text[pos...]; advances pos.
bool digits(std::string_view text, size_t& pos, int n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

std::optional<TimePoint> make_time(int y, int mo, int d, int h, int mi, int s) {
  year_month_day ymd{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (s == 60) s = 59;  // A leap second is kept within its minute.
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

}  // namespace

std::int64_t to_unix(TimePoint t) { return t.time_since_epoch().count(); }

bool is_accepted_date(TimePoint t) { return t >= kFirstAcceptedDate && t <= kLastAcceptedDate; }

std::string date_range_problem(TimePoint t) {
  if (is_accepted_date(t)) return "";
  return describe(t) + " is outside the dates this node accepts (" +
         format_rfc3339(kFirstAcceptedDate) + " to " + format_rfc3339(kLastAcceptedDate) + ")";
}
TimePoint from_unix(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

TimePoint now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string format_rfc3339(TimePoint t) { return rfc3339_of(split(t)); }

Result<TimePoint> parse_rfc3339(std::string_view text) {
  auto fail = [&] { return Error{"date: not an RFC 3339 date: \"" + std::string(text) + "\""}; };
  size_t pos = 0;
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!digits(text, pos, 4, y) || !expect(text, pos, '-') || !digits(text, pos, 2, mo) ||
      !expect(text, pos, '-') || !digits(text, pos, 2, d))
    return fail();
  int offset_minutes = 0;
  if (pos < text.size()) {
    if (!(expect(text, pos, 'T') || expect(text, pos, 't') || expect(text, pos, ' ')))
      return fail();
    if (!digits(text, pos, 2, h) || !expect(text, pos, ':') || !digits(text, pos, 2, mi))
      return fail();
    if (expect(text, pos, ':') && !digits(text, pos, 2, s)) return fail();
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
      size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == start) return fail();
    }
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int sign = text[pos++] == '-' ? -1 : 1, oh, om;
      if (!digits(text, pos, 2, oh)) return fail();
      expect(text, pos, ':');
      if (!digits(text, pos, 2, om) || oh > 23 || om > 59) return fail();
      offset_minutes = sign * (oh * 60 + om);
    } else {
      return fail();
    }
    if (pos != text.size()) return fail();
  }
  auto t = make_time(y, mo, d, h, mi, s);
  if (!t) return fail();
  return *t - std::chrono::minutes(offset_minutes);
}

std::string format_http_date(TimePoint t) {
  Parts p = split(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[p.weekday], p.day,
                kMonths[p.month - 1], p.year, p.hour, p.minute, p.second);
  return buf;
}

std::optional<TimePoint> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT")
    return std::nullopt;
  size_t pos = 5;
  int d, y, h, mi, s;
  if (!digits(text, pos, 2, d)) return std::nullopt;
  std::string_view mon = text.substr(8, 3);
  int mo = 0;
  for (int i = 0; i < 12; ++i)
    if (mon == kMonths[i]) mo = i + 1;
  pos = 12;
  if (mo == 0 || !digits(text, pos, 4, y) || !expect(text, pos, ' ') || !digits(text, pos, 2, h) ||
      !expect(text, pos, ':') || !digits(text, pos, 2, mi) || !expect(text, pos, ':') ||
      !digits(text, pos, 2, s))
    return std::nullopt;
  return make_time(y, mo, d, h, mi, s);
}

std::string format_rfc822(TimePoint t) {
  Parts p = split(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kWeekdays[p.weekday],
                p.day, kMonths[p.month - 1], p.year, p.hour, p.minute, p.second);
  return buf;
}

namespace {
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return now_seconds(); }
};
}  // namespace

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace sic
