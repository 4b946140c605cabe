// sanitize_html and html_to_text (docs/feeds.md, "Sanitizer").
#include "feeds/sanitize/sanitizer.h"

#include <algorithm>
#include <array>
#include <vector>

#include "feeds/model/iri.h"
#include "feeds/sanitize/allowlist.h"
#include "feeds/sanitize/tokenizer.h"
#include "feeds/text/entities.h"
#include "feeds/text/markup.h"
#include "feeds/text/plain.h"
#include "feeds/text/scan.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"

namespace sic {
namespace {

using sanitize::AttrKind;
using sanitize::Token;

// The first byte at or after i that append_text must look at, or s.size(): & < > ",
// C0 controls but TAB and LF, DEL, and 0xC2 and 0xEF, which may start a C1 control or
// a non-character (U+FFFE, U+FFFF). Every other byte of valid UTF-8 is copied as is.
size_t next_special(std::string_view s, size_t i) {
#if defined(__SSE2__)
  auto simd = [](text::Bytes16 v) {
    using text::any, text::eq;
    text::Bytes16 control = _mm_andnot_si128(any(eq(v, '\t'), eq(v, '\n')), text::control(v));
    return any(any(any(eq(v, '&'), eq(v, '<')), any(eq(v, '>'), eq(v, '"'))),
               any(any(eq(v, '\x7f'), eq(v, '\xc2')), any(eq(v, '\xef'), control)));
  };
#else
  auto simd = nullptr;
#endif
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[size_t(c)] = c != '\t' && c != '\n';
    for (unsigned char c : {'&', '<', '>', '"', '\x7f', '\xc2', '\xef'}) t[c] = true;
    return t;
  }();
  return text::scan(s, i, simd, [](unsigned char c) { return kSpecial[c]; });
}

// Past an LF (literal or a reference) that follows a CR at s[i - 1], and past the
// control characters in between that decoding drops (when it drops them): CR LF is
// one line end.
size_t past_lf_after_cr(std::string_view s, size_t i, bool decode, bool controls_dropped) {
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') return i + 1;
    if (c < 0x20 && c != '\t' && c != '\r' && controls_dropped) {
      ++i;
      continue;
    }
    if (c != '&' || !decode) return i;
    char32_t cp = 0;
    size_t used = text::reference_at(s, i, text::RefMode::kHtml, cp);
    if (used == 0) return i;
    if (cp == '\n') return i + used;
    if (!(cp < 0x20 && cp != '\t' && cp != '\r')) return i;
    i += used;  // a control character decoding drops
  }
  return i;
}

// Text as the output carries it, in one pass: references decoded (when decode is set,
// HTML rules), & < > (and " in attributes) escaped, CR LF and CR as LF, and characters
// that have no business in a document (C0 controls but TAB and LF, DEL, C1 controls,
// U+FFFE, U+FFFF) dropped; runs of other bytes are copied as they are. s must be valid
// UTF-8. The same as decoding s (only when it has a '&', as the tokenizer always did)
// and then escaping the result.
void append_text(std::string& out, std::string_view s, bool decode, bool attribute) {
  // Decoding, which happens only when s has a '&', drops C0 controls first: then they
  // do not separate a CR from its LF. Found out only when it matters.
  int controls_dropped = -1;
  auto dropped = [&] {
    if (controls_dropped < 0) controls_dropped = decode && s.find('&') != std::string_view::npos;
    return controls_dropped == 1;
  };
  size_t run = 0, i = 0;
  while ((i = next_special(s, i)) < s.size()) {
    out.append(s.data() + run, i - run);
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t width = 1;
    if (c == '&' && decode) {
      if (size_t used = text::reference_at(s, i, text::RefMode::kHtml, cp)) width = used;
      if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') cp = 0;  // dropped
    } else if (c == 0xC2) {  // U+0080-U+00BF: C1 controls (U+0080-U+009F) are dropped
      unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
      width = 2;
      if (next >= 0xA0) out.append(s.data() + i, 2);
      cp = 0;
    } else if (c == 0xEF) {  // U+F000-U+FFFF: U+FFFE and U+FFFF are dropped
      std::string_view bytes = s.substr(i, 3);
      width = bytes.size();
      if (bytes != "\xEF\xBF\xBE" && bytes != "\xEF\xBF\xBF") out.append(bytes);
      cp = 0;
    } else if (c < 0x20 && c != '\r') {  // a control character: dropped
      cp = 0;
    }
    i += width;
    switch (cp) {
      case 0:
        break;
      case '&':
      case '<':
      case '>':
      case '"': {
        std::string_view e = text::escape_of(char(cp), attribute);
        e.empty() ? out += char(cp) : out += e;
        break;
      }
      case '\r':
        out += '\n';
        i = past_lf_after_cr(s, i, decode, dropped());
        break;
      default:  // from a reference
        if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) break;
        text::append_utf8(out, cp);
    }
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
}

// A URL attribute's value (references decoded) resolved against base into url; false
// when it cannot be made absolute or its scheme is not a safe one for kind.
bool clean_url(std::string_view value, std::string_view base, AttrKind kind, std::string& url) {
  url.clear();
  if (!text::append_resolved_uri(url, base, value) || url.size() > 2048) return false;
  size_t colon = url.find(':');
  std::string_view scheme = std::string_view(url).substr(0, colon == std::string::npos ? 0 : colon);
  char lower[8] = {};  // every safe scheme is shorter
  if (scheme.size() >= sizeof lower) return false;
  for (size_t k = 0; k < scheme.size(); ++k)
    lower[k] = scheme[k] >= 'A' && scheme[k] <= 'Z' ? char(scheme[k] - 'A' + 'a') : scheme[k];
  std::string_view lowered(lower, scheme.size());
  bool safe = kind == AttrKind::kMedia ? sanitize::is_safe_media_scheme(lowered)
                                       : sanitize::is_safe_link_scheme(lowered);
  return safe && url.size() != scheme.size() + 1;
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
// fragments allocates nothing but its result.
struct Scratch {
  Token token;
  std::string attrs, value, url, storage;
  std::vector<const sanitize::TagRules*> open;
};

// An attribute's value with its references decoded, in scratch when it has any.
std::string_view decoded(std::string_view raw, std::string& scratch) {
  if (raw.find('&') == std::string_view::npos) return raw;
  scratch.clear();
  text::append_decoded(scratch, raw, text::RefMode::kHtml);
  return scratch;
}

class Sanitizer {
 public:
  Sanitizer(std::string_view base, const SanitizeOptions& options, Scratch& scratch)
      : base_(base), options_(options), s_(scratch) {
    s_.open.clear();
  }

  std::string run(std::string_view html) {
    std::string_view valid = text::valid_utf8_view(html, s_.storage);
    out_.reserve(valid.size() + valid.size() / 8 + 64);  // room for resolved URLs
    sanitize::Tokenizer tokenizer(valid);
    Token& t = s_.token;
    for (tokenizer.next(t); t.kind != Token::kEnd; tokenizer.next(t)) {
      if (skip_ != nullptr) {
        skipping(t);
      } else if (t.kind == Token::kText) {
        append_text(out_, t.text, t.decode, false);
      } else if (t.kind == Token::kStartTag) {
        start(t);
      } else {
        end(t.tag);
      }
    }
    while (!s_.open.empty()) close_top();
    // White space around a fragment means nothing, and XML readers drop it when it is
    // all there is: the canonical form has none.
    std::string_view trimmed = text::trim(out_);
    if (trimmed.size() == out_.size()) return std::move(out_);
    return std::string(trimmed);
  }

 private:
  // Inside an element dropped with its content: wait for its end tag.
  void skipping(const Token& t) {
    if (t.kind == Token::kText || t.tag != skip_) return;
    if (t.kind == Token::kStartTag && !t.self_closing) ++skip_depth_;
    if (t.kind == Token::kEndTag && --skip_depth_ == 0) skip_ = nullptr;
  }

  void skip(const Token& t) {
    if (t.self_closing || t.tag->is_void) return;
    skip_ = t.tag;
    skip_depth_ = 1;
  }

  // Appends name="value" for the attribute when this element allows it; false when
  // it is dropped.
  bool append_attribute(std::string& attrs, const sanitize::TagRules& rules,
                        const Token::Attribute& a, bool urls = true) {
    if (!rules.allows(*a.rules)) return false;
    AttrKind kind = a.rules->kind;
    std::string_view value = a.value;
    bool decode = true;
    if (kind == AttrKind::kLink || kind == AttrKind::kMedia) {
      if (!urls || !clean_url(decoded(a.value, s_.value), base_, kind, s_.url)) return false;
      value = s_.url;
      decode = false;
    } else if (kind == AttrKind::kStyle) {
      s_.url = clean_style(decoded(a.value, s_.value));
      if (s_.url.empty()) return false;
      value = s_.url;
      decode = false;
    }
    attrs += a.rules->prefix;
    append_text(attrs, value, decode, true);
    attrs += '"';
    return true;
  }

  void start(const Token& t) {
    const sanitize::TagRules* rules = t.tag;
    if (rules == nullptr) return;
    if (rules->is_iframe) return iframe(t);
    if (rules->dropped) return skip(t);
    if (!rules->allowed) return;
    std::string& attrs = s_.attrs;
    attrs.clear();
    bool has_src = false;
    for (const auto& a : t.attrs())
      has_src |= append_attribute(attrs, *rules, a) && a.rules->is_src;
    if (rules->needs_src && !has_src) return;
    close_implied(*rules);
    out_ += rules->start;
    out_ += attrs;
    out_ += '>';
    if (!rules->is_void) s_.open.push_back(rules);
  }

  // An iframe is kept, empty, only when its https src is on an allowed video host.
  void iframe(const Token& t) {
    const sanitize::TagRules& rules = *t.tag;
    bool src = false;
    for (const auto& a : t.attrs())
      if (a.rules->is_src)
        src = clean_url(decoded(a.value, s_.value), base_, AttrKind::kMedia, s_.url);
    if (src && allowed_video(s_.url, options_)) {
      out_ += "<iframe src=\"";
      append_text(out_, s_.url, false, true);
      out_ += '"';
      std::string& attrs = s_.attrs;
      attrs.clear();
      for (const auto& a : t.attrs()) append_attribute(attrs, rules, a, false);
      out_ += attrs;
      out_ += "></iframe>";
    }
    skip(t);
  }

  // Closes what HTML closes when this element starts: an open <li> before a new one,
  // a cell before a cell, a row before a row, a paragraph before a block.
  void close_implied(const sanitize::TagRules& rules) {
    auto& open = s_.open;
    while (!open.empty() && (open.back()->group & rules.closes) != 0) {
      close_top();
      if (!rules.closes_repeat) break;
    }
  }

  void end(const sanitize::TagRules* tag) {
    auto& open = s_.open;
    auto it = std::find(open.rbegin(), open.rend(), tag);
    if (tag == nullptr || it == open.rend()) return;  // not open: a stray end tag
    size_t keep = size_t(open.rend() - it) - 1;
    while (open.size() > keep) close_top();
  }

  void close_top() {
    out_ += s_.open.back()->end;
    s_.open.pop_back();
  }

  std::string_view base_;
  const SanitizeOptions& options_;
  Scratch& s_;
  std::string out_;
  const sanitize::TagRules* skip_ = nullptr;
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
  const sanitize::TagRules* skip = nullptr;
  int depth = 0;
  Token t;
  for (tokenizer.next(t); t.kind != Token::kEnd; tokenizer.next(t)) {
    if (skip != nullptr) {
      if (t.tag == skip && t.kind == Token::kStartTag && !t.self_closing) ++depth;
      if (t.tag == skip && t.kind == Token::kEndTag && --depth == 0) skip = nullptr;
    } else if (t.kind == Token::kText) {
      if (t.decode && t.text.find('&') != std::string_view::npos)
        text::append_decoded(raw, t.text, text::RefMode::kHtml);
      else
        raw += t.text;
    } else if (t.tag == nullptr) {
      continue;
    } else if (t.kind == Token::kStartTag && t.tag->dropped && !t.self_closing && !t.tag->is_void) {
      skip = t.tag;
      depth = 1;
    } else if (t.tag->block) {
      raw += ' ';
    }
  }
  return canonical_text(raw);
}

std::optional<HtmlImage> first_image(std::string_view sanitized_html) {
  sanitize::Tokenizer tokens(sanitized_html);
  sanitize::Token t;
  for (tokens.next(t); t.kind != sanitize::Token::kEnd; tokens.next(t)) {
    if (t.kind != sanitize::Token::kStartTag || !t.tag || t.tag->name != "img") continue;
    HtmlImage image;
    for (const auto& a : t.attrs()) {
      if (a.rules->name == "src")
        text::append_decoded(image.src, a.value, text::RefMode::kHtml);
      else if (a.rules->name == "alt")
        text::append_decoded(image.alt, a.value, text::RefMode::kHtml);
    }
    if (!image.src.empty()) return image;
  }
  return std::nullopt;
}

}  // namespace sic
