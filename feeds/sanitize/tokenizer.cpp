#include "feeds/sanitize/tokenizer.h"

#include <algorithm>
#include <cstring>

#include "feeds/text/entities.h"
#include "feeds/text/utf8.h"

namespace sic::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// Elements whose content is not markup. The bool says whether references are decoded
// (RCDATA: textarea, title).
struct RawText {
  std::string_view name;
  bool decode;
};
constexpr RawText kRawText[] = {
    {"script", false},  {"style", false},     {"xmp", false},      {"iframe", false},
    {"noembed", false}, {"noframes", false},  {"noscript", false}, {"textarea", true},
    {"title", true},    {"plaintext", false},
};

const RawText* raw_text_element(std::string_view name) {
  for (const auto& r : kRawText)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace

void Tokenizer::next(Token& token) {
  token.kind = Token::kEnd;
  token.name.clear();
  token.attrs.clear();
  token.self_closing = false;
  token.text.clear();
  if (!raw_end_.empty()) return raw_text(token);
  while (pos_ < s_.size()) {
    if (s_[pos_] != '<') {
      const void* lt = std::memchr(s_.data() + pos_, '<', s_.size() - pos_);
      return text(token, lt ? size_t(static_cast<const char*>(lt) - s_.data()) : s_.size());
    }
    if (tag(token)) return;
  }
}

void Tokenizer::text(Token& token, size_t end) {
  token.kind = Token::kText;
  text::append_decoded(token.text, s_.substr(pos_, end - pos_), text::RefMode::kHtml);
  pos_ = end;
}

// The content of a raw-text element up to its end tag (or the end of the input).
void Tokenizer::raw_text(Token& token) {
  size_t end = pos_;
  while (true) {
    end = s_.find("</", end);
    if (end == std::string_view::npos) {
      end = s_.size();
      break;
    }
    std::string_view after = s_.substr(end + 2, raw_end_.size() + 1);
    bool same = after.size() > raw_end_.size() &&
                text::iequals(after.substr(0, raw_end_.size()), raw_end_) &&
                std::strchr(" \t\n\r\f/>", after[raw_end_.size()]) != nullptr;
    if (same || raw_end_ == "plaintext") break;
    end += 2;
  }
  if (raw_end_ == "plaintext") end = s_.size();
  raw_end_.clear();
  token.kind = Token::kText;
  std::string_view raw = s_.substr(pos_, end - pos_);
  if (raw_decode_)
    text::append_decoded(token.text, raw, text::RefMode::kHtml);
  else
    token.text.assign(raw);
  pos_ = end;
  if (token.text.empty()) next(token);
}

// At a '<': reads a tag (returns true with token filled) or skips a comment or bogus
// construct, or takes the '<' as text.
bool Tokenizer::tag(Token& token) {
  std::string_view rest = s_.substr(pos_);
  if (rest.substr(0, 4) == "<!--") {
    // "<!-->" and "<!--->" end at once, as in HTML; an unclosed comment runs to the end.
    if (rest.substr(0, 5) == "<!-->") {
      pos_ += 5;
    } else if (rest.substr(0, 6) == "<!--->") {
      pos_ += 6;
    } else {
      size_t end = rest.find("-->", 4);
      pos_ += end == std::string_view::npos ? rest.size() : end + 3;
    }
    return false;
  }
  bool end_tag = rest.size() > 1 && rest[1] == '/';
  size_t name_start = end_tag ? 2 : 1;
  if (rest.size() <= name_start || !is_alpha(rest[name_start])) {
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?' || end_tag)) {
      size_t gt = rest.find('>');  // a bogus comment, up to the next '>'
      pos_ += gt == std::string_view::npos ? rest.size() : gt + 1;
      return false;
    }
    token.kind = Token::kText;
    token.text = "<";
    ++pos_;
    return true;
  }
  pos_ += name_start;
  size_t i = pos_;
  while (i < s_.size() && !text::is_space(s_[i]) && s_[i] != '/' && s_[i] != '>') ++i;
  token.name.resize(i - pos_);
  std::transform(s_.begin() + pos_, s_.begin() + i, token.name.begin(), lower);
  pos_ = i;
  attributes(token);
  if (pos_ > s_.size()) {  // the input ended inside the tag: HTML drops it
    pos_ = s_.size();
    token.kind = Token::kEnd;
    return true;
  }
  token.kind = end_tag ? Token::kEndTag : Token::kStartTag;
  if (end_tag) {
    token.attrs.clear();
  } else if (const RawText* r = raw_text_element(token.name); r && !token.self_closing) {
    raw_end_ = token.name;
    raw_decode_ = r->decode;
  }
  return true;
}

// Reads attributes up to and including the '>'; pos_ ends past the input when the
// tag is not closed.
void Tokenizer::attributes(Token& token) {
  auto skip_space = [&] {
    while (pos_ < s_.size() && text::is_space(s_[pos_])) ++pos_;
  };
  while (true) {
    skip_space();
    if (pos_ >= s_.size()) {
      pos_ = s_.size() + 1;
      return;
    }
    char c = s_[pos_];
    if (c == '>') {
      ++pos_;
      return;
    }
    if (c == '/') {
      ++pos_;
      token.self_closing = pos_ < s_.size() && s_[pos_] == '>';
      continue;
    }
    size_t start = pos_++;
    while (pos_ < s_.size() && !text::is_space(s_[pos_]) && !std::strchr("/>=", s_[pos_])) ++pos_;
    std::string name = text::to_lower_ascii(s_.substr(start, pos_ - start));
    skip_space();
    std::string value;
    if (pos_ < s_.size() && s_[pos_] == '=') {
      ++pos_;
      skip_space();
      size_t vstart = pos_, vend;
      if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
        vend = s_.find(s_[pos_], pos_ + 1);
        if (vend == std::string_view::npos) {
          pos_ = s_.size() + 1;
          return;
        }
        ++vstart;
        pos_ = vend + 1;
      } else {
        while (pos_ < s_.size() && !text::is_space(s_[pos_]) && s_[pos_] != '>') ++pos_;
        vend = pos_;
      }
      text::append_decoded(value, s_.substr(vstart, vend - vstart), text::RefMode::kHtml);
    }
    bool seen = std::any_of(token.attrs.begin(), token.attrs.end(),
                            [&](const auto& a) { return a.first == name; });
    if (!seen) token.attrs.emplace_back(std::move(name), std::move(value));
  }
}

}  // namespace sic::sanitize
