// A small HTML tokenizer for the sanitizer (internal to feeds/sanitize/). It follows
// the HTML tokenizer's rules where they matter for safety: tag and attribute names are
// lower-cased, references are decoded in text and attribute values, and the content
// of raw-text elements (script, style, iframe, textarea, ...) is one text token that
// ends only at the matching end tag. Tokens reuse their storage, so a pass allocates
// little.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sic::sanitize {

struct Attribute {
  std::string name;   // lower case
  std::string value;  // references decoded
};

struct Token {
  enum Kind { kText, kStartTag, kEndTag, kEnd } kind = kEnd;
  std::string name;  // tag name, lower case
  bool self_closing = false;
  std::string_view text;  // decoded text (kText); valid until the next token

  // The attributes, the first of each name only.
  std::span<const Attribute> attrs() const { return {attrs_.data(), attr_count_}; }

 private:
  friend class Tokenizer;
  std::vector<Attribute> attrs_;
  size_t attr_count_ = 0;
  std::string text_storage_;
};

class Tokenizer {
 public:
  // html must stay alive while tokens are read.
  explicit Tokenizer(std::string_view html) : s_(html) {}
  // Fills token with the next token; kind is kEnd at the end. Comments, doctypes
  // and processing instructions are skipped.
  void next(Token& token);

 private:
  bool tag(Token& token);
  void attributes(Token& token);
  void text(Token& token, size_t end);
  void raw_text(Token& token);
  std::string_view s_;
  size_t pos_ = 0;
  std::string raw_end_;  // the raw-text element we are in ("" when none)
  bool raw_decode_ = false;
};

}  // namespace sic::sanitize
