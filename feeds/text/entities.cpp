#include "feeds/text/entities.h"

#include <algorithm>
#include <array>
#include <cstdint>
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
static_assert(std::all_of(std::begin(kEntities), std::end(kEntities),
                          [](const Entity& e) { return e.name.size() <= 8; }),
              "named_entity packs names into 8 bytes");

// HTML's mapping of &#128;-&#159; (windows-1252), 0 where the byte is unassigned.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// Writes cp in UTF-8 at w (nothing for the controls XML forbids); returns the end.
char* put_code_point(char* w, char32_t cp) {
  if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return w;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    *w++ = char(cp);
  } else if (cp < 0x800) {
    *w++ = char(0xC0 | (cp >> 6));
    *w++ = char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *w++ = char(0xE0 | (cp >> 12));
    *w++ = char(0x80 | ((cp >> 6) & 0x3F));
    *w++ = char(0x80 | (cp & 0x3F));
  } else {
    *w++ = char(0xF0 | (cp >> 18));
    *w++ = char(0x80 | ((cp >> 12) & 0x3F));
    *w++ = char(0x80 | ((cp >> 6) & 0x3F));
    *w++ = char(0x80 | (cp & 0x3F));
  }
  return w;
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

// Four bytes as one integer, as memcpy reads them on a little-endian machine (on
// another, the fast path below never matches and the general one does the work).
constexpr std::uint32_t four(const char (&s)[5]) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

size_t named_reference(std::string_view text, size_t pos, char32_t& cp) {
  // The five XML entities first, four bytes at a time: they are most of what feeds
  // contain.
  if (pos + 4 <= text.size()) {
    std::uint32_t head;
    std::memcpy(&head, text.data() + pos, 4);
    auto then = [&](size_t i, char c) { return pos + i < text.size() && text[pos + i] == c; };
    if (head == four("&lt;")) return cp = '<', 4;
    if (head == four("&gt;")) return cp = '>', 4;
    if (head == four("&amp") && then(4, ';')) return cp = '&', 5;
    if (head == four("&quo") && then(4, 't') && then(5, ';')) return cp = '"', 6;
    if (head == four("&apo") && then(4, 's') && then(5, ';')) return cp = '\'', 6;
  }
  size_t semicolon = text.substr(0, pos + 11).find(';', pos + 1);  // names are short
  if (semicolon == std::string_view::npos) return 0;
  auto found = named_entity(text.substr(pos + 1, semicolon - pos - 1));
  if (!found) return 0;
  cp = *found;
  return semicolon - pos + 1;
}

}  // namespace

std::optional<char32_t> named_entity(std::string_view name) {
  // The names (at most 8 bytes) as integers, sorted once: a search without memcmp.
  struct Key {
    std::uint64_t name;
    char32_t code_point;
  };
  auto key_of = [](std::string_view n) {
    std::uint64_t k = 0;
    std::memcpy(&k, n.data(), n.size());
    return k;
  };
  static const auto keys = [&] {
    std::array<Key, std::size(kEntities)> k{};
    for (size_t i = 0; i < k.size(); ++i)
      k[i] = {key_of(kEntities[i].name), kEntities[i].code_point};
    std::sort(k.begin(), k.end(), [](const Key& a, const Key& b) { return a.name < b.name; });
    return k;
  }();
  if (name.empty() || name.size() > 8 || name.find('\0') != std::string_view::npos)
    return std::nullopt;
  std::uint64_t k = key_of(name);
  auto it = std::lower_bound(keys.begin(), keys.end(), k,
                             [](const Key& e, std::uint64_t n) { return e.name < n; });
  if (it == keys.end() || it->name != k) return std::nullopt;
  return it->code_point;
}

size_t reference_at(std::string_view text, size_t pos, RefMode mode, char32_t& cp) {
  if (pos + 1 < text.size() && text[pos + 1] == '#') return numeric_reference(text, pos, mode, cp);
  return named_reference(text, pos, cp);
}

void append_decoded(std::string& out, std::string_view text, RefMode mode) {
  // Decoding never lengthens text (the shortest reference, "&lt;" or "&#1", is as long
  // as the longest character it can stand for): write in place, then cut. 16 more
  // bytes for copy_scan's whole blocks.
  size_t start = out.size();
  out.resize(start + text.size() + 16);
  char* w = out.data() + start;
  size_t p = 0;
  while ((p = copy_scan(text, p, w, reference_or_control, is_reference_or_control)) < text.size()) {
    if (text[p] != '&') {
      ++p;  // a control character XML forbids: dropped
      continue;
    }
    // &lt; and &gt; first, inline: escaped markup (Atom and RSS HTML bodies) is full
    // of them.
    if (p + 4 <= text.size()) {
      std::uint32_t head;
      std::memcpy(&head, text.data() + p, 4);
      if (head == four("&lt;") || head == four("&gt;")) {
        *w++ = head == four("&lt;") ? '<' : '>';
        p += 4;
        continue;
      }
    }
    char32_t cp = 0;
    if (size_t used = reference_at(text, p, mode, cp)) {
      w = put_code_point(w, cp);
      p += used;
    } else {
      *w++ = '&';
      ++p;
    }
  }
  out.resize(size_t(w - out.data()));
}

}  // namespace sic::text
