#include "feeds/text/json_writer.h"

#include "feeds/model/hash.h"
#include "feeds/text/utf8.h"

namespace sic::text {

void JsonWriter::item(std::string_view key) {
  if (!first_.empty()) {
    out_ += first_.back() ? "\n" : ",\n";
    first_.back() = false;
    out_.append(2 * first_.size(), ' ');
  }
  if (!key.empty()) {
    quote(key);
    out_ += ": ";
  }
}

void JsonWriter::quote(std::string_view s) {
  out_ += '"';
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
      size_t start = pos;
      char32_t cp = next_code_point(s, pos);
      if (cp == kReplacement && pos - start != 3)
        append_utf8(out_, cp);
      else
        out_.append(s.substr(start, pos - start));
      continue;
    }
    ++pos;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out_ += "\\u00";
          append_hex(out_, c);
        } else {
          out_ += char(c);
        }
    }
  }
  out_ += '"';
}

JsonWriter& JsonWriter::open(std::string_view key, char bracket) {
  item(key);
  out_ += bracket;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) {
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
  }
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view key, std::string_view value) {
  item(key);
  quote(value);
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view key, std::int64_t value) {
  item(key);
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(std::string_view key, bool value) {
  item(key);
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null(std::string_view key) {
  item(key);
  out_ += "null";
  return *this;
}

std::string JsonWriter::finish() {
  out_ += '\n';
  return std::move(out_);
}

}  // namespace sic::text
