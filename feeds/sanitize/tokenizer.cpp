#include "feeds/sanitize/tokenizer.h"

#include <cstring>

#include "feeds/text/scan.h"
#include "feeds/text/utf8.h"

namespace sic::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// The key of a name in lower case; nullopt when no list could name it (longer than 16
// bytes, or with a NUL, which the key's padding could not tell apart).
std::optional<NameKey> lower_key(std::string_view name) {
  if (name.empty() || name.size() > 16) return std::nullopt;
  char bytes[16] = {};
  for (size_t i = 0; i < name.size(); ++i)
    if ((bytes[i] = lower(name[i])) == 0) return std::nullopt;
  NameKey key;
  std::memcpy(&key.lo, bytes, 8);
  std::memcpy(&key.hi, bytes + 8, 8);
  return key;
}

}  // namespace

void Tokenizer::next(Token& token) {
  token.kind = Token::kEnd;
  token.tag = nullptr;
  token.attr_count_ = 0;
  token.self_closing = false;
  token.text = {};
  token.decode = true;
  if (raw_ != nullptr) return raw_text(token);
  while (pos_ < s_.size()) {
    if (s_[pos_] != '<') {
      size_t lt = text::find_any<'<'>(s_, pos_);
      token.kind = Token::kText;
      token.text = s_.substr(pos_, lt - pos_);
      pos_ = lt;
      return;
    }
    if (tag(token)) return;
  }
}

// The content of a raw-text element up to its end tag (or the end of the input).
void Tokenizer::raw_text(Token& token) {
  std::string_view name = raw_->name;
  size_t end = s_.size();
  if (name != "plaintext") {
    for (size_t at = pos_; (at = s_.find("</", at)) != std::string_view::npos; at += 2) {
      std::string_view after = s_.substr(at + 2, name.size() + 1);
      if (after.size() > name.size() && text::iequals(after.substr(0, name.size()), name) &&
          (is_space(after.back()) || after.back() == '/' || after.back() == '>')) {
        end = at;
        break;
      }
    }
  }
  token.kind = Token::kText;
  token.text = s_.substr(pos_, end - pos_);
  token.decode = raw_->rcdata;
  raw_ = nullptr;
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
  auto key = lower_key(s_.substr(pos_, i - pos_));
  token.tag = key ? tag_rules(*key) : nullptr;
  pos_ = i;
  attributes(token);
  if (pos_ > s_.size()) {  // the input ended inside the tag: HTML drops it
    pos_ = s_.size();
    token.kind = Token::kEnd;
    token.tag = nullptr;
    token.attr_count_ = 0;
    return true;
  }
  token.kind = end_tag ? Token::kEndTag : Token::kStartTag;
  if (end_tag) {
    token.attr_count_ = 0;
  } else if (token.tag != nullptr && token.tag->raw_text && !token.self_closing) {
    raw_ = token.tag;
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
    std::string_view value;
    if (pos_ < s_.size() && s_[pos_] == '=') {
      ++pos_;
      skip_space();
      if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
        size_t close = s_[pos_] == '"' ? text::find_any<'"'>(s_, pos_ + 1)
                                       : text::find_any<'\''>(s_, pos_ + 1);
        if (close == s_.size()) {
          pos_ = s_.size() + 1;
          return;
        }
        value = s_.substr(pos_ + 1, close - pos_ - 1);
        pos_ = close + 1;
      } else {
        size_t vstart = pos_;
        while (pos_ < s_.size() && !is_space(s_[pos_]) && s_[pos_] != '>') ++pos_;
        value = s_.substr(vstart, pos_ - vstart);
      }
    }
    // Only the names some element allows matter to anyone; the first of each wins.
    auto key = lower_key(name);
    const AttrRules* rules = key ? attribute_rules(*key) : nullptr;
    if (rules == nullptr) continue;
    bool seen = false;
    for (size_t k = 0; k < token.attr_count_ && !seen; ++k) seen = token.attrs_[k].rules == rules;
    if (seen) continue;
    if (token.attr_count_ == token.attrs_.size()) token.attrs_.emplace_back();
    token.attrs_[token.attr_count_++] = {rules, value};
  }
}

}  // namespace sic::sanitize
