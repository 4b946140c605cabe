// sanitize_html and html_to_text (feeds/feeds.h; docs/feeds.md, "Sanitizer").
#include <algorithm>
#include <array>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feeds/feeds.h"
#include "feeds/model/iri.h"
#include "feeds/sanitize/allowlist.h"
#include "feeds/sanitize/tokenizer.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"

namespace sic {
namespace {

using sanitize::AttrKind;
using sanitize::Token;

// Bytes append_text must look at; every other byte of valid UTF-8 is copied as is.
// 0xC2 may start a C1 control and 0xEF a non-character (U+FFFE, U+FFFF).
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[size_t(c)] = c != '\t' && c != '\n';
  for (unsigned char c : {'&', '<', '>', '"', '\x7f', '\xc2', '\xef'}) t[c] = true;
  return t;
}();

// Text as the output carries it: & < > (and " in attributes) escaped, CR LF and CR as
// LF, and characters that have no business in a document (C0 controls but TAB and LF,
// DEL, C1 controls, U+FFFE, U+FFFF) dropped. s must be valid UTF-8.
// The index of the first byte at or after i that kSpecial marks, or s.size().
size_t next_special(std::string_view s, size_t i) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: printable ASCII other than & < > " and DEL, and UTF-8
  // continuation or lead bytes other than 0xC2 and 0xEF, need no look.
  const __m128i low = _mm_set1_epi8(0x1F), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"'), del = _mm_set1_epi8(0x7F),
                c2 = _mm_set1_epi8(char(0xC2)), ef = _mm_set1_epi8(char(0xEF)),
                tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Signed compare: bytes 0x80-0xFF are negative, so only 0x00-0x1F count as low.
    __m128i control = _mm_and_si128(_mm_cmpgt_epi8(_mm_add_epi8(low, _mm_set1_epi8(1)), v),
                                    _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    control =
        _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, nl)), control);
    __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot))),
                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, c2)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, ef), control)));
    if (int mask = _mm_movemask_epi8(hit)) return i + size_t(__builtin_ctz(unsigned(mask)));
  }
#endif
  while (i < s.size() && !kSpecial[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

void append_text(std::string& out, std::string_view s, bool attribute) {
  size_t run = 0, i = 0;
  while ((i = next_special(s, i)) < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run, i - run);
    size_t width = 1;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += '\n';
        if (i + 1 < s.size() && s[i + 1] == '\n') width = 2;
        break;
      case 0xC2: {  // U+0080-U+00BF: C1 controls (U+0080-U+009F) are dropped
        unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        width = 2;
        if (next >= 0xA0) out.append(s.data() + i, 2);
        break;
      }
      case 0xEF: {  // U+F000-U+FFFF: U+FFFE and U+FFFF are dropped
        std::string_view cp = s.substr(i, 3);
        width = cp.size();
        if (cp != "\xEF\xBF\xBE" && cp != "\xEF\xBF\xBF") out.append(cp);
        break;
      }
      default:  // a control character
        break;
    }
    i += width;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
}

std::string lower_scheme(std::string_view url) {
  size_t colon = url.find(':');
  return text::to_lower_ascii(url.substr(0, colon == std::string_view::npos ? 0 : colon));
}

// A URL attribute: absolute after resolution and of a safe scheme, or nothing.
std::optional<std::string> clean_url(std::string_view value, std::string_view base, AttrKind kind) {
  auto resolved = text::resolve_uri(base, value);
  if (!resolved || resolved->size() > 2048) return std::nullopt;
  std::string scheme = lower_scheme(*resolved);
  bool safe = kind == AttrKind::kMedia ? sanitize::is_safe_media_scheme(scheme)
                                       : sanitize::is_safe_link_scheme(scheme);
  if (!safe || resolved->size() == scheme.size() + 1) return std::nullopt;
  return resolved;
}

bool safe_css_value(std::string_view v) {
  if (v.empty() || v.size() > 100) return false;
  std::string lower = text::to_lower_ascii(v);
  for (char c : lower) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '#' ||
              c == '%' || c == '.' || c == ',' || c == '-' || c == '(' || c == ')';
    if (!ok) return false;
  }
  if (lower.find('(') == std::string::npos) return lower.find(')') == std::string::npos;
  // Only colour functions may use parentheses (no url(), expression(), var(), ...).
  for (std::string_view f : {"rgb(", "rgba(", "hsl(", "hsla("})
    if (lower.rfind(f, 0) == 0 && lower.back() == ')' &&
        std::count(lower.begin(), lower.end(), '(') == 1)
      return true;
  return false;
}

// Inline CSS reduced to allowed properties with plain values, in a canonical form
// ("color: red; text-align: center").
std::string clean_style(std::string_view css) {
  std::string out;
  size_t pos = 0;
  while (pos <= css.size()) {
    size_t semi = css.find(';', pos);
    if (semi == std::string_view::npos) semi = css.size();
    std::string_view decl = css.substr(pos, semi - pos);
    pos = semi + 1;
    size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    std::string property = text::to_lower_ascii(text::trim(decl.substr(0, colon)));
    std::string value = canonical_text(decl.substr(colon + 1));
    if (!sanitize::is_allowed_css_property(property) || !safe_css_value(value)) continue;
    if (!out.empty()) out += "; ";
    out += property + ": " + value;
  }
  return out;
}

bool allowed_video(std::string_view src, const SanitizeOptions& options) {
  auto url = parse_http_url(src);
  if (!url.ok() || url->scheme != "https") return false;
  return std::any_of(options.video_hosts.begin(), options.video_hosts.end(),
                     [&](const std::string& h) { return text::iequals(h, url->host); });
}

// Buffers a thread reuses from one call to the next, so that sanitizing many small
// fragments allocates little.
struct Scratch {
  Token token;
  std::string attrs;
  std::vector<std::string> open;
};

class Sanitizer {
 public:
  Sanitizer(std::string_view base, const SanitizeOptions& options, Scratch& scratch)
      : base_(base),
        options_(options),
        attrs_(scratch.attrs),
        open_(scratch.open),
        token_(scratch.token) {
    open_.clear();
  }

  std::string run(std::string_view html) {
    std::string storage;
    std::string_view valid = text::valid_utf8_view(html, storage);
    out_.reserve(valid.size() + valid.size() / 8);
    sanitize::Tokenizer tokenizer(valid);
    Token& t = token_;
    for (tokenizer.next(t); t.kind != Token::kEnd; tokenizer.next(t)) {
      if (!skip_.empty()) {
        skipping(t);
      } else if (t.kind == Token::kText) {
        append_text(out_, t.text, false);
      } else if (t.kind == Token::kStartTag) {
        start(t);
      } else {
        end(t.name);
      }
    }
    while (!open_.empty()) close_top();
    // White space around a fragment means nothing, and XML readers drop it when it is
    // all there is: the canonical form has none.
    std::string_view trimmed = text::trim(out_);
    if (trimmed.size() == out_.size()) return std::move(out_);
    return std::string(trimmed);
  }

 private:
  // Inside an element dropped with its content: wait for its end tag.
  void skipping(const Token& t) {
    if (t.name != skip_ || t.kind == Token::kText) return;
    if (t.kind == Token::kStartTag && !t.self_closing) ++skip_depth_;
    if (t.kind == Token::kEndTag && --skip_depth_ == 0) skip_.clear();
  }

  void skip(const Token& t, const sanitize::TagRules& rules) {
    if (t.self_closing || rules.is_void) return;
    skip_ = t.name;
    skip_depth_ = 1;
  }

  // Appends name="value" for the attribute when it is allowed; false when dropped.
  bool append_attribute(std::string& attrs, const sanitize::TagRules& rules,
                        const std::string& name, const std::string& value, bool urls = true) {
    auto kind = sanitize::allowed_attribute(rules, name);
    if (!kind) return false;
    std::optional<std::string> cleaned;
    if (*kind == AttrKind::kLink || *kind == AttrKind::kMedia) {
      if (!urls) return false;
      if (!(cleaned = clean_url(value, base_, *kind))) return false;
    } else if (*kind == AttrKind::kStyle) {
      cleaned = clean_style(value);
      if (cleaned->empty()) return false;
    }
    attrs += ' ';
    attrs += name;
    attrs += "=\"";
    append_text(attrs, cleaned ? *cleaned : value, true);
    attrs += '"';
    return true;
  }

  void start(const Token& t) {
    const sanitize::TagRules* rules = sanitize::tag_rules(t.name);
    if (rules == nullptr) return;
    if (t.name == "iframe") return iframe(t, *rules);
    if (rules->dropped) return skip(t, *rules);
    if (!rules->allowed) return;
    attrs_.clear();
    bool has_src = false;
    for (const auto& a : t.attrs())
      has_src |= append_attribute(attrs_, *rules, a.name, a.value) && a.name == "src";
    if (t.name == "img" && !has_src) return;
    close_implied(t.name, *rules);
    out_ += '<';
    out_ += t.name;
    out_ += attrs_;
    out_ += '>';
    if (!rules->is_void) open_.push_back(t.name);
  }

  // An iframe is kept, empty, only when its https src is on an allowed video host.
  void iframe(const Token& t, const sanitize::TagRules& rules) {
    std::optional<std::string> src;
    for (const auto& a : t.attrs())
      if (a.name == "src") src = clean_url(a.value, base_, AttrKind::kMedia);
    if (src && allowed_video(*src, options_)) {
      out_ += "<iframe src=\"";
      append_text(out_, *src, true);
      out_ += '"';
      attrs_.clear();
      for (const auto& a : t.attrs()) append_attribute(attrs_, rules, a.name, a.value, false);
      out_ += attrs_;
      out_ += "></iframe>";
    }
    skip(t, rules);
  }

  // Closes what HTML closes when this element starts: an open <li> before a new one,
  // a cell before a cell, a row before a row, a paragraph before a block.
  void close_implied(std::string_view tag, const sanitize::TagRules& rules) {
    auto top_is = [&](std::initializer_list<std::string_view> names) {
      return !open_.empty() &&
             std::find(names.begin(), names.end(), std::string_view(open_.back())) != names.end();
    };
    if (tag == "li") {
      while (top_is({"li"})) close_top();
    } else if (tag == "dt" || tag == "dd") {
      while (top_is({"dt", "dd"})) close_top();
    } else if (tag == "tr") {
      while (top_is({"td", "th", "tr"})) close_top();
    } else if (tag == "td" || tag == "th") {
      while (top_is({"td", "th"})) close_top();
    } else if (rules.block && tag != "br" && tag != "img") {
      if (top_is({"p"})) close_top();
    }
  }

  void end(const std::string& name) {
    auto it = std::find(open_.rbegin(), open_.rend(), name);
    if (it == open_.rend()) return;  // not open: a stray end tag
    size_t keep = size_t(open_.rend() - it) - 1;
    while (open_.size() > keep) close_top();
  }

  void close_top() {
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
    open_.pop_back();
  }

  std::string_view base_;
  const SanitizeOptions& options_;
  std::string out_;
  std::string& attrs_;
  std::vector<std::string>& open_;
  Token& token_;
  std::string skip_;
  int skip_depth_ = 0;
};

}  // namespace

std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options) {
  thread_local Scratch scratch;
  return Sanitizer(base_url, options, scratch).run(html);
}

std::string html_to_text(std::string_view html) {
  std::string storage;
  std::string_view valid = text::valid_utf8_view(html, storage);
  sanitize::Tokenizer tokenizer(valid);
  std::string raw;
  std::string skip;
  int depth = 0;
  Token t;
  for (tokenizer.next(t); t.kind != Token::kEnd; tokenizer.next(t)) {
    if (!skip.empty()) {
      if (t.name == skip && t.kind == Token::kStartTag && !t.self_closing) ++depth;
      if (t.name == skip && t.kind == Token::kEndTag && --depth == 0) skip.clear();
    } else if (t.kind == Token::kText) {
      raw += t.text;
    } else if (const auto* rules = sanitize::tag_rules(t.name); rules == nullptr) {
      continue;
    } else if (t.kind == Token::kStartTag && rules->dropped && !t.self_closing && !rules->is_void) {
      skip = t.name;
      depth = 1;
    } else if (rules->block) {
      raw += ' ';
    }
  }
  return canonical_text(raw);
}

}  // namespace sic
