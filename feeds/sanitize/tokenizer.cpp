#include "feeds/sanitize/tokenizer.h"

#include <algorithm>
#include <cstring>

#include "feeds/text/entities.h"
#include "feeds/text/utf8.h"

namespace sic::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

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
  if (name.size() < 3 || std::string_view("sxintp").find(name[0]) == std::string_view::npos)
    return nullptr;
  for (const auto& r : kRawText)
    if (r.name == name) return &r;
  return nullptr;
}

// Sets text to raw, decoded into storage only when it has a reference.
void set_text(Token& token, std::string_view raw, bool decode, std::string& storage) {
  if (!decode || raw.find('&') == std::string_view::npos) {
    token.text = raw;
    return;
  }
  storage.clear();
  text::append_decoded(storage, raw, text::RefMode::kHtml);
  token.text = storage;
}

}  // namespace

void Tokenizer::next(Token& token) {
  token.kind = Token::kEnd;
  token.name.clear();
  token.attr_count_ = 0;
  token.self_closing = false;
  token.text = {};
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
  set_text(token, s_.substr(pos_, end - pos_), true, token.text_storage_);
  pos_ = end;
}

// The content of a raw-text element up to its end tag (or the end of the input).
void Tokenizer::raw_text(Token& token) {
  size_t end = pos_;
  while (raw_end_ != "plaintext") {
    end = s_.find("</", end);
    if (end == std::string_view::npos) break;
    std::string_view after = s_.substr(end + 2, raw_end_.size() + 1);
    if (after.size() > raw_end_.size() &&
        text::iequals(after.substr(0, raw_end_.size()), raw_end_) &&
        (is_space(after.back()) || after.back() == '/' || after.back() == '>'))
      break;
    end += 2;
  }
  if (end == std::string_view::npos || raw_end_ == "plaintext") end = s_.size();
  raw_end_.clear();
  token.kind = Token::kText;
  set_text(token, s_.substr(pos_, end - pos_), raw_decode_, token.text_storage_);
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
    token.text = s_.substr(pos_, 1);
    ++pos_;
    return true;
  }
  pos_ += name_start;
  size_t i = pos_;
  while (i < s_.size() && !is_space(s_[i]) && s_[i] != '/' && s_[i] != '>') ++i;
  token.name.assign(s_.data() + pos_, i - pos_);
  std::transform(token.name.begin(), token.name.end(), token.name.begin(), lower);
  pos_ = i;
  attributes(token);
  if (pos_ > s_.size()) {  // the input ended inside the tag: HTML drops it
    pos_ = s_.size();
    token.kind = Token::kEnd;
    return true;
  }
  token.kind = end_tag ? Token::kEndTag : Token::kStartTag;
  if (end_tag) {
    token.attr_count_ = 0;
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
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
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
    while (pos_ < s_.size() && !is_space(s_[pos_]) && s_[pos_] != '/' && s_[pos_] != '>' &&
           s_[pos_] != '=')
      ++pos_;
    std::string_view name = s_.substr(start, pos_ - start);
    skip_space();
    std::string_view raw_value;
    if (pos_ < s_.size() && s_[pos_] == '=') {
      ++pos_;
      skip_space();
      if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
        size_t close = s_.find(s_[pos_], pos_ + 1);
        if (close == std::string_view::npos) {
          pos_ = s_.size() + 1;
          return;
        }
        raw_value = s_.substr(pos_ + 1, close - pos_ - 1);
        pos_ = close + 1;
      } else {
        size_t vstart = pos_;
        while (pos_ < s_.size() && !is_space(s_[pos_]) && s_[pos_] != '>') ++pos_;
        raw_value = s_.substr(vstart, pos_ - vstart);
      }
    }
    if (token.attr_count_ == token.attrs_.size()) token.attrs_.emplace_back();
    Attribute& a = token.attrs_[token.attr_count_];
    a.name.assign(name);
    std::transform(a.name.begin(), a.name.end(), a.name.begin(), lower);
    bool seen = false;
    for (size_t k = 0; k < token.attr_count_ && !seen; ++k) seen = token.attrs_[k].name == a.name;
    if (seen) continue;
    a.value.clear();
    if (raw_value.find('&') == std::string_view::npos)
      a.value.assign(raw_value);
    else
      text::append_decoded(a.value, raw_value, text::RefMode::kHtml);
    ++token.attr_count_;
  }
}

}  // namespace sic::sanitize
