#include "feeds/text/json_keys.h"

#include <set>
#include <vector>

#include "feeds/text/utf8.h"

namespace sic {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at s[i...], or -1.
long hex4(std::string_view s, size_t i) {
  if (i + 4 > s.size()) return -1;
  long v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    int d = hex_value(s[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// The string starting at s[i] (a '"'), decoded; i ends past its closing quote (or at the
// end of s when it has none).
std::string read_string(std::string_view s, size_t& i) {
  std::string out;
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    if (e != 'u') {
      static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
      size_t k = kFrom.find(e);
      out += k == std::string_view::npos ? e : kTo[k];
      continue;
    }
    long cp = hex4(s, i + 1);
    if (cp < 0) continue;
    i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u') {
      long low = hex4(s, i + 3);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    }
    text::append_utf8(out, char32_t(cp));
  }
  if (i < s.size()) ++i;
  return out;
}

struct Frame {
  bool object;
  bool want_key = true;   // objects: the next string is a key
  std::size_t index = 0;  // arrays: the current element
  std::string key;        // objects: the current key
  std::set<std::string> keys;
};

std::string where(const std::vector<Frame>& stack, const std::string& key) {
  std::string path;
  for (size_t f = 0; f + 1 < stack.size(); ++f) {
    const Frame& frame = stack[f];
    if (frame.object)
      path += (path.empty() ? "" : ".") + frame.key;
    else
      path += "[" + std::to_string(frame.index) + "]";
  }
  return "\"" + key + "\"" + (path.empty() ? "" : " in " + path);
}

}  // namespace

std::optional<std::string> json_duplicate_key(std::string_view text) {
  std::vector<Frame> stack;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      std::string s = read_string(text, i);
      if (stack.empty() || !stack.back().object || !stack.back().want_key) continue;
      Frame& top = stack.back();
      if (!top.keys.insert(s).second) return where(stack, s);
      top.key = std::move(s);
      top.want_key = false;
      continue;
    }
    if (c == '{' || c == '[') {
      stack.push_back(Frame{c == '{'});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty()) {
      Frame& top = stack.back();
      top.object ? void(top.want_key = true) : void(++top.index);
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace sic
