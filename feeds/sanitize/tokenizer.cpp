#include "feeds/sanitize/tokenizer.h"

#include <array>
#include <cstring>
#include <optional>

#include "feeds/text/scan.h"
#include "feeds/text/utf8.h"

namespace sic::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// What ends a tag name (white space, '/', '>') and an attribute name ('=' too).
constexpr std::array<bool, 256> kEndsTagName = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\n', '\t', '\r', '\f', '/', '>'}) t[c] = true;
  return t;
}();
constexpr std::array<bool, 256> kEndsAttributeName = [] {
  std::array<bool, 256> t = kEndsTagName;
  t['='] = true;
  return t;
}();

// Reads a name from s[pos] (whose first byte is taken whatever it is) up to a byte
// `ends` marks, lower-casing it into its key as it goes; pos ends past it. nullopt
// when no list could name it (longer than 16 bytes, or with a NUL, which the key's
// padding could not tell apart).
std::optional<NameKey> read_name(std::string_view s, size_t& pos,
                                 const std::array<bool, 256>& ends) {
  char bytes[16] = {};
  size_t n = 0;
  bool nul = false;
  do {
    char c = s[pos++];
    if (n < 16) bytes[n] = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    nul |= c == 0;
    ++n;
  } while (pos < s.size() && !ends[static_cast<unsigned char>(s[pos])]);
  if (n > 16 || nul) return std::nullopt;
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
  auto key = read_name(s_, pos_, kEndsTagName);  // starts with a letter
  token.tag = key ? tag_rules(*key) : nullptr;
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
    auto key = read_name(s_, pos_, kEndsAttributeName);
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
