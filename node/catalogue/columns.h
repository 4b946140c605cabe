// Private to node/catalogue: column conversions the stores share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "node/catalogue/db.h"

namespace sic::catalogue {

// A nullable Unix-seconds column as a time.
inline std::optional<TimePoint> optional_time(const db::Statement& q, int column) {
  if (auto v = q.optional_integer(column)) return from_unix(*v);
  return std::nullopt;
}

inline std::optional<std::int64_t> unix_or_null(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return to_unix(*t);
}

// A list kept as text, one item a line; empty items are skipped.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The reverse of split_lines; items that are empty or hold a line break are left out.
inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (line.empty() || line.find('\n') != std::string::npos) continue;
    out += line + "\n";
  }
  return out;
}

}  // namespace sic::catalogue
