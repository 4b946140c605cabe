// A small HTML tokenizer for the sanitizer (internal to feeds/sanitize/). It follows
// the HTML tokenizer's rules where they matter for safety: tag and attribute names are
// compared in lower case, and the content of raw-text elements (script, style, iframe,
// textarea, ...) is one text token that ends only at the matching end tag. It does not
// allocate: names are looked up in the allowlist as they are read, text and attribute
// values are views into the input, decoded (or not) by whoever uses them.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "feeds/sanitize/allowlist.h"

namespace sic::sanitize {

struct Token {
  enum Kind { kText, kStartTag, kEndTag, kEnd } kind = kEnd;
  // Tags: the element's rules; nullptr for names the allowlist does not know.
  const TagRules* tag = nullptr;
  bool self_closing = false;
  // kText: the text as written, valid while the input is; references are to be
  // decoded (HTML rules) unless it is the raw content of script, style...
  std::string_view text;
  bool decode = true;

  struct Attribute {
    const AttrRules* rules;
    std::string_view value;  // as written: references not decoded
  };
  // Start tags: the attributes some element allows, the first of each name only
  // (others are read and dropped).
  std::span<const Attribute> attrs() const { return {attrs_.data(), attr_count_}; }

 private:
  friend class Tokenizer;
  std::vector<Attribute> attrs_;
  size_t attr_count_ = 0;
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
  void raw_text(Token& token);
  std::string_view s_;
  size_t pos_ = 0;
  const TagRules* raw_ = nullptr;  // the raw-text element we are in
};

}  // namespace sic::sanitize
