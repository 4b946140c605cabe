// BCP 47 language tags (RFC 5646), validated once and kept in canonical case.
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic {

class LanguageTag {
 public:
  // Checks the RFC 5646 "langtag" / "privateuse" syntax and canonicalizes the case
  // ("PT-br" becomes "pt-BR", "sr-latn" becomes "sr-Latn"). Grandfathered tags are
  // refused. Returns an Error quoting the text when it is not well-formed.
  static Result<LanguageTag> parse(std::string_view text);

  LanguageTag() = default;  // The empty tag: "language unknown".

  const std::string& str() const { return tag_; }
  bool empty() const { return tag_.empty(); }
  // The primary language subtag: "pt" for "pt-BR".
  std::string primary() const;

  friend bool operator==(const LanguageTag&, const LanguageTag&) = default;
  friend auto operator<=>(const LanguageTag&, const LanguageTag&) = default;

 private:
  explicit LanguageTag(std::string tag) : tag_(std::move(tag)) {}
  std::string tag_;
};

}  // namespace sic
