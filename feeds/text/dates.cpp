#include "feeds/text/dates.h"

#include <array>
#include <string>

#include "feeds/text/utf8.h"

namespace sic::text {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

struct NamedZone {
  std::string_view name;
  int minutes;
};
// Zone names found in feeds; ambiguous ones (IST, CST as China time) take their
// RFC 822 or most common European meaning.
constexpr NamedZone kZones[] = {
    {"ut", 0},        {"utc", 0},       {"gmt", 0},        {"z", 0},          {"est", -5 * 60},
    {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},  {"mst", -7 * 60},  {"mdt", -6 * 60},
    {"pst", -8 * 60}, {"pdt", -7 * 60}, {"akst", -9 * 60}, {"akdt", -8 * 60}, {"hst", -10 * 60},
    {"wet", 0},       {"west", 60},     {"bst", 60},       {"cet", 60},       {"cest", 120},
    {"met", 60},      {"mest", 120},    {"eet", 120},      {"eest", 180},     {"msk", 180},
    {"msd", 240},
};

struct Fields {
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
  int offset = 0;  // minutes east of UTC
  bool has_time = false, has_zone = false, pm = false, am = false;
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<TimePoint> make(const Fields& f) {
  if (f.year < 0 || f.month < 1 || f.day < 1) return std::nullopt;
  int hour = f.hour;
  if (f.pm && hour < 12) hour += 12;
  if (f.am && hour == 12) hour = 0;
  std::chrono::year_month_day ymd{std::chrono::year(f.year), std::chrono::month(f.month),
                                  std::chrono::day(f.day)};
  if (!ymd.ok() || hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  int second = f.second == 60 ? 59 : f.second;
  return std::chrono::sys_days(ymd) + hours(hour) + minutes(f.minute) + seconds(second) -
         minutes(f.offset);
}

// "+0100", "-05:00", "+01", "Z" after an ISO time.
bool parse_offset(std::string_view s, int& out) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::string digits;
  for (char c : s)
    if (c != ':') digits += c;
  if (!all_digits(digits) || digits.size() == 3 || digits.size() > 4) return false;
  size_t hour_digits = digits.size() == 4 ? 2 : digits.size();
  int h = number(std::string_view(digits).substr(0, hour_digits));
  int m = digits.size() == 4 ? number(std::string_view(digits).substr(2)) : 0;
  if (h > 23 || m > 59) return false;
  out = sign * (h * 60 + m);
  return true;
}

// hh:mm[:ss[.fraction]]
bool parse_time(std::string_view s, Fields& f) {
  std::string_view parts[3];
  size_t count = 0, start = 0;
  while (true) {
    size_t colon = s.find(':', start);
    if (count == 3) return false;
    parts[count++] = s.substr(start, colon - start);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (count < 2) return false;
  if (count == 3) {
    std::string_view sec = parts[2];
    if (size_t dot = sec.find_first_of(".,"); dot != std::string_view::npos) {
      if (!all_digits(sec.substr(dot + 1))) return false;
      sec = sec.substr(0, dot);
    }
    if (!all_digits(sec) || sec.size() > 2) return false;
    f.second = number(sec);
  }
  for (int i = 0; i < 2; ++i)
    if (!all_digits(parts[i]) || parts[i].size() > 2) return false;
  f.hour = number(parts[0]);
  f.minute = number(parts[1]);
  f.has_time = true;
  return true;
}

// YYYY-MM-DDThh:mm:ssZ, the form most feeds use (ours too), without the general
// parser's splitting; false when s is not exactly of that form.
bool parse_iso_utc(std::string_view s, Fields& f) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (kShape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != kShape[i]) return false;
  auto two = [&](size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); };
  f.year = two(0) * 100 + two(2);
  f.month = two(5);
  f.day = two(8);
  f.hour = two(11);
  f.minute = two(14);
  f.second = two(17);
  f.has_time = true;
  return true;
}

// ISO 8601's basic format, YYYYMMDD[Thhmm[ss][.frac][zone]], in the extended one;
// nullopt when s is not in it.
std::optional<std::string> extended_from_basic(std::string_view s) {
  if (s.size() < 8 || !all_digits(s.substr(0, 8)) || (s.size() > 8 && s[8] != 'T' && s[8] != 't'))
    return std::nullopt;
  std::string out = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                    std::string(s.substr(6, 2));
  if (s.size() == 8) return out;
  size_t pos = 9, digits = 0;
  while (pos + digits < s.size() && digits < 6 && s[pos + digits] >= '0' && s[pos + digits] <= '9')
    ++digits;
  if (digits != 4 && digits != 6) return std::nullopt;
  out += "T" + std::string(s.substr(pos, 2)) + ":" + std::string(s.substr(pos + 2, 2));
  if (digits == 6) out += ":" + std::string(s.substr(pos + 4, 2));
  return out + std::string(s.substr(pos + digits));
}

// YYYY[-MM[-DD[(T| )hh:mm[:ss[.frac]][zone]]]], YYYY-DDD (an ordinal date) and the
// basic format (YYYYMMDDThhmmssZ).
std::optional<TimePoint> parse_iso(std::string_view s) {
  Fields f;
  if (parse_iso_utc(s, f)) return make(f);
  if (auto extended = extended_from_basic(s)) return parse_iso(*extended);
  auto digits_at = [&](size_t pos, size_t n) {
    return pos + n <= s.size() && all_digits(s.substr(pos, n));
  };
  if (!digits_at(0, 4)) return std::nullopt;
  f.year = number(s.substr(0, 4));
  f.month = f.day = 1;
  size_t pos = 4;
  bool ordinal_date = digits_at(5, 3) && s[4] == '-' && (s.size() == 8 || !digits_at(8, 1));
  if (ordinal_date) {  // YYYY-DDD
    int ordinal = number(s.substr(5, 3));
    auto first = std::chrono::sys_days(std::chrono::year(f.year) / 1 / 1);
    std::chrono::year_month_day ymd(first + std::chrono::days(ordinal - 1));
    if (ordinal < 1 || ymd.year() != std::chrono::year(f.year)) return std::nullopt;
    f.month = int(unsigned(ymd.month()));
    f.day = int(unsigned(ymd.day()));
    pos = 8;
  } else if (pos < s.size()) {
    if (s[pos] != '-' || !digits_at(pos + 1, 2)) return std::nullopt;
    f.month = number(s.substr(pos + 1, 2));
    pos += 3;
  }
  if (pos < s.size() && !ordinal_date) {
    if (s[pos] != '-' || !digits_at(pos + 1, 2)) return std::nullopt;
    f.day = number(s.substr(pos + 1, 2));
    pos += 3;
  }
  if (pos < s.size()) {
    char sep = s[pos];
    if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
    std::string_view rest = s.substr(pos + 1);
    size_t zone = rest.find_first_of("Zz+-");
    if (!parse_time(rest.substr(0, zone), f)) return std::nullopt;
    if (zone != std::string_view::npos) {
      std::string_view z = trim(rest.substr(zone));
      if (z != "Z" && z != "z" && !parse_offset(z, f.offset)) return std::nullopt;
    }
  }
  return make(f);
}

int month_of(std::string_view word) {
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (word == kMonths[i] || (word.size() >= 3 && kMonths[i].substr(0, word.size()) == word))
      return int(i) + 1;
  return -1;
}

bool is_weekday(std::string_view word) {
  for (auto day : kWeekdays)
    if (word == day || (word.size() >= 3 && day.substr(0, word.size()) == word)) return true;
  return false;
}

bool zone_of(std::string_view word, int& out) {
  for (const auto& z : kZones)
    if (word == z.name) return out = z.minutes, true;
  if (word.size() == 1 && word != "j") return out = 0, true;  // military: RFC 2822 says -0000
  return false;
}

bool take_word(std::string_view token, Fields& f) {
  std::string word = to_lower_ascii(token);
  if (word.back() == '.') word.pop_back();
  if (word.empty()) return true;
  if (int m = month_of(word); m > 0 && f.month < 0) return f.month = m, true;
  if (is_weekday(word)) return true;
  if (word == "am") return f.am = true, true;
  if (word == "pm") return f.pm = true, true;
  if (!f.has_zone && zone_of(word, f.offset)) return f.has_zone = true, true;
  return false;
}

bool take_number(std::string_view token, Fields& f) {
  int v = number(token);
  if (token.size() == 4 && f.year < 0) return f.year = v, true;
  if (token.size() > 2) return false;
  if (f.day < 0 && v >= 1 && v <= 31) return f.day = v, true;
  if (f.year < 0) return f.year = v < 50 ? 2000 + v : 1900 + v, true;
  return false;
}

bool take(std::string_view token, Fields& f) {
  if (token.empty()) return true;
  if (token.find(':') != std::string_view::npos && token[0] != '+' && token[0] != '-')
    return !f.has_time && parse_time(token, f);
  if (token[0] == '+' || token[0] == '-') {
    if (f.has_zone || !parse_offset(token, f.offset)) return false;
    return f.has_zone = true, true;
  }
  if (all_digits(token)) return take_number(token, f);
  // "GMT+1", "UTC-05:00": a named zone with an offset from it.
  for (std::string_view zone : {"GMT", "UTC", "UT"}) {
    if (token.size() > zone.size() && istarts_with(token, zone) &&
        (token[zone.size()] == '+' || token[zone.size()] == '-')) {
      if (f.has_zone || !parse_offset(token.substr(zone.size()), f.offset)) return false;
      return f.has_zone = true, true;
    }
  }
  // "28-Nov-2026", "GMT+1" are split on '-' / '+' between letters and digits.
  for (size_t i = 1; i < token.size(); ++i) {
    if (token[i] == '-') return take(token.substr(0, i), f) && take(token.substr(i + 1), f);
    bool digit_next = token[i] >= '0' && token[i] <= '9';
    bool digit_before = token[i - 1] >= '0' && token[i - 1] <= '9';
    if (token[i] == '+' || digit_next != digit_before) {
      if (token[i] == '+' || (digit_before && !digit_next))
        return take(token.substr(0, i), f) && take(token.substr(i), f);
    }
  }
  return take_word(token, f);
}

std::optional<TimePoint> parse_rfc822_like(std::string_view s) {
  if (size_t paren = s.find('('); paren != std::string_view::npos) s = s.substr(0, paren);
  Fields f;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find_first_of(" \t\r\n,", pos);
    if (end == std::string_view::npos) end = s.size();
    if (!take(s.substr(pos, end - pos), f)) return std::nullopt;
    pos = end + 1;
  }
  return make(f);
}

}  // namespace

std::optional<TimePoint> parse_feed_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 100) return std::nullopt;
  std::optional<TimePoint> t;
  bool iso = text.size() >= 4 && all_digits(text.substr(0, 4)) &&
             (text.size() == 4 || text[4] == '-' || extended_from_basic(text));
  if (iso)
    t = parse_iso(text);
  else
    t = parse_rfc822_like(text);
  // A zone can move 0000-01-01 or 9999-12-31 out of the years RFC 3339 can write.
  if (t && (*t < kFirstWritableDate || *t > kLastWritableDate)) return std::nullopt;
  return t;
}

}  // namespace sic::text
