#include "node/translate/apertium/stream.h"

namespace sic::translate::apertium {
namespace {

constexpr std::string_view kReserved = "[]^$/\\@{}<>";
constexpr std::string_view kWhitespace = " \t\n\r\f\v";
constexpr std::string_view kSentenceEnd = ".[]";

bool is_space(char c) { return kWhitespace.find(c) != std::string_view::npos; }

// A run of whitespace as the stream carries it: one space as itself, anything else
// (several spaces, tabs, line breaks) in a superblank, after a sentence end when the
// run holds a blank line.
void append_blank(std::string& out, std::string_view run) {
  if (run == " ") {
    out += ' ';
    return;
  }
  std::size_t first = run.find('\n');
  if (first != std::string_view::npos && run.find('\n', first + 1) != std::string_view::npos)
    out += kSentenceEnd;
  out += '[';
  out += run;
  out += ']';
}

}  // namespace

std::string deformat_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 8);
  std::size_t end = text.size();
  while (end > 0 && is_space(text[end - 1])) --end;  // trailing blanks follow the sentence end
  std::size_t i = 0;
  while (i < end) {
    if (is_space(text[i])) {
      std::size_t j = i;
      while (j < end && is_space(text[j])) ++j;
      append_blank(out, text.substr(i, j - i));
      i = j;
      continue;
    }
    if (kReserved.find(text[i]) != std::string_view::npos) out += '\\';
    out += text[i++];
  }
  if (end > 0) out += kSentenceEnd;
  if (end < text.size()) {
    out += '[';
    out += text.substr(end);
    out += ']';
  }
  return out;
}

bool acceptable_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) return false;
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

std::string reformat_text(std::string_view stream) {
  std::string out;
  out.reserve(stream.size());
  bool in_blank = false;
  for (std::size_t i = 0; i < stream.size(); ++i) {
    char c = stream[i];
    if (c == '\\' && i + 1 < stream.size()) {
      out += stream[++i];
    } else if (!in_blank && stream.substr(i, kSentenceEnd.size()) == kSentenceEnd) {
      i += kSentenceEnd.size() - 1;  // added by deformat_text
    } else if (!in_blank && c == '[') {
      in_blank = true;
    } else if (in_blank && c == ']') {
      in_blank = false;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace sic::translate::apertium
