// A small streaming JSON writer with stable output (internal to feeds/): keys in the
// order written, two-space indentation, UTF-8 kept as it is, control characters
// escaped, invalid UTF-8 replaced by U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sic::text {

class JsonWriter {
 public:
  JsonWriter& begin_object(std::string_view key = {}) { return open(key, '{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array(std::string_view key = {}) { return open(key, '['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& string(std::string_view key, std::string_view value);
  JsonWriter& string(std::string_view value) { return string({}, value); }
  JsonWriter& number(std::string_view key, std::int64_t value);
  JsonWriter& boolean(std::string_view key, bool value);
  JsonWriter& null(std::string_view key);
  // Writes the key only when value is not empty.
  JsonWriter& optional(std::string_view key, std::string_view value) {
    return value.empty() ? *this : string(key, value);
  }
  std::string finish();  // the document, with a final newline

 private:
  JsonWriter& open(std::string_view key, char bracket);
  JsonWriter& close(char bracket);
  void item(std::string_view key);
  void quote(std::string_view s);
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
};

}  // namespace sic::text
