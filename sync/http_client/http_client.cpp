#include "sync/http_client/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace sic::fetch {
namespace {

// A delta-seconds larger than this (about 30 years) is read as this.
constexpr std::int64_t kMaxDeltaSeconds = std::int64_t{1} << 30;

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::int64_t saturating_seconds(std::string_view digits) {
  std::int64_t value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > kMaxDeltaSeconds) return kMaxDeltaSeconds;
  }
  return value;
}

// Every HTTP-date form has a time of day and a month name; curl_getdate is lenient
// enough to read other things, so it only sees text that looks like a date.
bool looks_like_a_date(std::string_view text) {
  bool has_letter = std::any_of(text.begin(), text.end(),
                                [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  return has_letter && text.find(':') != std::string_view::npos;
}

std::optional<TimePoint> parse_any_http_date(std::string_view text) {
  if (auto fixdate = parse_http_date(text)) return fixdate;
  if (!looks_like_a_date(text)) return std::nullopt;
  std::string copy(text);
  time_t t = curl_getdate(copy.c_str(), nullptr);  // RFC 850 and asctime forms
  if (t == -1) return std::nullopt;
  return from_unix(t);
}

}  // namespace

const char* to_string(Outcome outcome) {
  static constexpr const char* kNames[] = {"ok",         "not modified", "rate limited",
                                           "http error", "too large",    "timeout",
                                           "refused",    "network error"};
  static_assert(std::size(kNames) == std::size_t(Outcome::kNetworkError) + 1);
  return kNames[std::size_t(outcome)];
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, TimePoint now) {
  value = trim(value);
  if (all_digits(value)) return std::chrono::seconds(saturating_seconds(value));
  auto date = parse_any_http_date(value);
  if (!date) return std::nullopt;
  return std::max(*date - now, std::chrono::seconds(0));
}

}  // namespace sic::fetch
