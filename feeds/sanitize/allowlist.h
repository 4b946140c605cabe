// What the sanitizer keeps, as data (feeds/sanitize/allowlist.cpp; docs/feeds.md,
// "Sanitizer"). Tag and attribute names are lower case.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace sic::sanitize {

enum class AttrKind {
  kText,   // kept as it is
  kLink,   // a URL a person follows: http, https, mailto, tel
  kMedia,  // a URL the browser loads by itself: http, https only
  kStyle,  // inline CSS, filtered by property
};

// Everything the allowlist says about one element, found with a single lookup.
struct TagRules {
  bool allowed = false;  // kept, with its allowed attributes
  bool dropped = false;  // removed with its content
  bool is_void = false;  // no content, no end tag
  bool block = false;    // separates words in text
  std::vector<std::pair<std::string_view, AttrKind>> attributes;  // global ones included
};
// The rules for a lower-case tag name; nullptr for elements the lists do not name.
const TagRules* tag_rules(std::string_view tag);
std::optional<AttrKind> allowed_attribute(const TagRules& rules, std::string_view attr);

// Elements kept with their allowed attributes.
bool is_allowed_tag(std::string_view tag);
// Elements removed together with everything inside them (script, style, forms'
// controls, embedded objects, SVG, MathML, ...). Others not allowed lose only the tag.
bool is_dropped_with_content(std::string_view tag);
// The kind of an allowed attribute of tag (global ones included), or nullopt.
std::optional<AttrKind> allowed_attribute(std::string_view tag, std::string_view attr);
bool is_safe_link_scheme(std::string_view scheme);
bool is_safe_media_scheme(std::string_view scheme);
bool is_allowed_css_property(std::string_view property);
// Elements with no content and no end tag (br, img, ...).
bool is_void_element(std::string_view tag);
// Elements that separate words when HTML becomes text (p, li, br, td, ...).
bool is_block_element(std::string_view tag);

}  // namespace sic::sanitize
