#include "feeds/text/entities.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "feeds/text/scan.h"
#include "feeds/text/utf8.h"

namespace sic::text {
namespace {

struct Entity {
  std::string_view name;
  char32_t code_point;
};

constexpr Entity kEntities[] = {
#include "feeds/text/entities_table.inc"
};

// HTML's mapping of &#128;-&#159; (windows-1252), 0 where the byte is unassigned.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

void append_code_point(std::string& out, char32_t cp) {
  if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return;
  if (cp < 0x80) {
    out += char(cp);
    return;
  }
  append_utf8(out, cp);
}

// Reads "#123;" / "#x1F;" after an '&' at text[pos]; returns the length consumed
// (0 when it is not a numeric reference).
size_t numeric_reference(std::string_view text, size_t pos, RefMode mode, char32_t& cp) {
  size_t i = pos + 1;
  if (i >= text.size() || text[i] != '#') return 0;
  ++i;
  bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  size_t start = i;
  std::uint64_t v = 0;
  while (i < text.size() && (hex ? is_hex(text[i]) : (text[i] >= '0' && text[i] <= '9'))) {
    v = v * (hex ? 16 : 10) + std::uint64_t(hex_value(text[i]));
    if (v > 0x10FFFF) v = 0x110000;
    ++i;
  }
  if (i == start) return 0;
  if (i < text.size() && text[i] == ';') {
    ++i;
  } else if (mode == RefMode::kXml) {
    return 0;
  }
  cp = char32_t(v);
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (mode == RefMode::kHtml && cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0)
    cp = kWindows1252[cp - 0x80];
  return i - pos;
}

size_t named_reference(std::string_view text, size_t pos, char32_t& cp) {
  // The five XML entities first: they are most of what feeds contain.
  std::string_view rest = text.substr(pos + 1, 5);
  if (rest.substr(0, 3) == "lt;") return cp = '<', 4;
  if (rest.substr(0, 3) == "gt;") return cp = '>', 4;
  if (rest.substr(0, 4) == "amp;") return cp = '&', 5;
  if (rest == "quot;") return cp = '"', 6;
  if (rest == "apos;") return cp = '\'', 6;
  size_t semicolon = text.substr(0, pos + 11).find(';', pos + 1);  // names are short
  if (semicolon == std::string_view::npos) return 0;
  auto found = named_entity(text.substr(pos + 1, semicolon - pos - 1));
  if (!found) return 0;
  cp = *found;
  return semicolon - pos + 1;
}

}  // namespace

std::optional<char32_t> named_entity(std::string_view name) {
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const Entity& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || it->name != name) return std::nullopt;
  return it->code_point;
}

size_t reference_at(std::string_view text, size_t pos, RefMode mode, char32_t& cp) {
  size_t used = numeric_reference(text, pos, mode, cp);
  return used != 0 ? used : named_reference(text, pos, cp);
}

void append_decoded(std::string& out, std::string_view text, RefMode mode) {
  out.reserve(out.size() + text.size());
  size_t run = 0;  // the start of the bytes not yet copied
  size_t p = 0;
  while ((p = find_reference_or_control(text, p)) < text.size()) {
    out.append(text.data() + run, p - run);
    if (text[p] == '&') {
      char32_t cp = 0;
      size_t used = reference_at(text, p, mode, cp);
      if (used == 0) {
        out += '&';
        ++p;
      } else {
        append_code_point(out, cp);
        p += used;
      }
    } else {
      ++p;  // a control character XML forbids: dropped
    }
    run = p;
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace sic::text
