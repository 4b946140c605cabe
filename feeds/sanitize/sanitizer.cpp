// sanitize_html and html_to_text (feeds/feeds.h; docs/feeds.md, "Sanitizer").
#include <algorithm>
#include <vector>

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

// Text as the output carries it: & < > escaped, CR LF and CR as LF, and characters
// that have no business in a document (C0 controls but TAB and LF, DEL, C1 controls
// U+FFFE, U+FFFF) dropped.
void append_text(std::string& out, std::string_view s, bool attribute) {
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
      size_t start = pos;
      char32_t cp = text::next_code_point(s, pos);
      if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) continue;
      if (cp == text::kReplacement && pos - start != 3)
        text::append_utf8(out, cp);
      else
        out.append(s.substr(start, pos - start));
      continue;
    }
    ++pos;
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
        if (pos < s.size() && s[pos] == '\n') ++pos;
        break;
      default:
        if (c >= 0x20 && c != 0x7F)
          out += char(c);
        else if (c == '\t' || c == '\n')
          out += char(c);
    }
  }
}

// A URL attribute: absolute after resolution and of a safe scheme, or nothing.
std::optional<std::string> clean_url(std::string_view value, std::string_view base, AttrKind kind) {
  auto resolved = text::resolve_uri(base, value);
  if (!resolved) return std::nullopt;
  std::string scheme = text::uri_scheme(*resolved);
  bool safe = kind == AttrKind::kMedia ? sanitize::is_safe_media_scheme(scheme)
                                       : sanitize::is_safe_link_scheme(scheme);
  if (!safe || !Iri::parse(*resolved).ok()) return std::nullopt;
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

class Sanitizer {
 public:
  Sanitizer(std::string_view base, const SanitizeOptions& options)
      : base_(base), options_(options) {}

  std::string run(std::string_view html) {
    std::string valid = text::make_valid_utf8(html);
    sanitize::Tokenizer tokenizer(valid);
    Token t;
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
    return std::string(text::trim(out_));
  }

 private:
  // Inside an element dropped with its content: wait for its end tag.
  void skipping(const Token& t) {
    if (t.name != skip_ || t.kind == Token::kText) return;
    if (t.kind == Token::kStartTag && !t.self_closing) ++skip_depth_;
    if (t.kind == Token::kEndTag && --skip_depth_ == 0) skip_.clear();
  }

  void skip(const Token& t) {
    if (t.self_closing || sanitize::is_void_element(t.name)) return;
    skip_ = t.name;
    skip_depth_ = 1;
  }

  void start(const Token& t) {
    if (t.name == "iframe") return iframe(t);
    if (sanitize::is_dropped_with_content(t.name)) return skip(t);
    if (!sanitize::is_allowed_tag(t.name)) return;
    std::string attrs;
    bool has_src = false;
    for (const auto& [name, value] : t.attrs) {
      auto kept = attribute(t.name, name, value);
      if (!kept) continue;
      has_src |= name == "src";
      attrs += ' ' + name + "=\"";
      append_text(attrs, *kept, true);
      attrs += '"';
    }
    if (t.name == "img" && !has_src) return;
    close_implied(t.name);
    out_ += '<' + t.name + attrs + '>';
    if (!sanitize::is_void_element(t.name)) open_.push_back(t.name);
  }

  // An iframe is kept, empty, only when its https src is on an allowed video host.
  void iframe(const Token& t) {
    Token kept = t;
    std::erase_if(kept.attrs, [](const auto& a) { return a.first == "src"; });
    for (const auto& [name, value] : t.attrs) {
      if (name != "src") continue;
      auto url = clean_url(value, base_, AttrKind::kMedia);
      if (url && allowed_video(*url, options_))
        kept.attrs.insert(kept.attrs.begin(), {"src", *url});
    }
    bool has_src = !kept.attrs.empty() && kept.attrs.front().first == "src";
    if (has_src) {
      std::string attrs;
      for (const auto& [name, value] : kept.attrs) {
        auto v =
            name == "src" ? std::optional<std::string>(value) : attribute("iframe", name, value);
        if (!v) continue;
        attrs += ' ' + name + "=\"";
        append_text(attrs, *v, true);
        attrs += '"';
      }
      out_ += "<iframe" + attrs + "></iframe>";
    }
    skip(t);
  }

  std::optional<std::string> attribute(std::string_view tag, const std::string& name,
                                       const std::string& value) {
    auto kind = sanitize::allowed_attribute(tag, name);
    if (!kind) return std::nullopt;
    switch (*kind) {
      case AttrKind::kText:
        return value;
      case AttrKind::kLink:
      case AttrKind::kMedia:
        return clean_url(value, base_, *kind);
      case AttrKind::kStyle: {
        std::string css = clean_style(value);
        if (css.empty()) return std::nullopt;
        return css;
      }
    }
    return std::nullopt;
  }

  // Closes what HTML closes when this element starts: an open <li> before a new one,
  // a cell before a cell, a row before a row, a paragraph before a block.
  void close_implied(std::string_view tag) {
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
    } else if (sanitize::is_block_element(tag) && tag != "br" && tag != "img") {
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
    out_ += "</" + open_.back() + '>';
    open_.pop_back();
  }

  std::string_view base_;
  const SanitizeOptions& options_;
  std::string out_;
  std::vector<std::string> open_;
  std::string skip_;
  int skip_depth_ = 0;
};

}  // namespace

std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options) {
  return Sanitizer(base_url, options).run(html);
}

std::string html_to_text(std::string_view html) {
  std::string valid = text::make_valid_utf8(html);
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
    } else if (t.kind == Token::kStartTag && sanitize::is_dropped_with_content(t.name) &&
               !t.self_closing && !sanitize::is_void_element(t.name)) {
      skip = t.name;
      depth = 1;
    } else if (sanitize::is_block_element(t.name)) {
      raw += ' ';
    }
  }
  return canonical_text(raw);
}

}  // namespace sic
