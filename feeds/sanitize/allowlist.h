// What the sanitizer keeps, as data (feeds/sanitize/allowlist.cpp; docs/feeds.md,
// "Sanitizer"). Tag and attribute names are lower case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sic::sanitize {

enum class AttrKind {
  kText,   // kept as it is
  kLink,   // a URL a person follows: http, https, mailto, tel
  kMedia,  // a URL the browser loads by itself: http, https only
  kStyle,  // inline CSS, filtered by property
};

// A lower-case name of 1 to 16 bytes in two words, zero-padded: the tables are indexed
// by it, and the tokenizer builds it as it lower-cases a name (no list has a longer one).
struct NameKey {
  std::uint64_t lo = 0, hi = 0;
  friend bool operator==(const NameKey&, const NameKey&) = default;
};
// The key of a lower-case name; nullopt when it is empty, longer than 16 bytes or has a
// NUL (no list names such an element or attribute).
std::optional<NameKey> name_key(std::string_view name);

// Everything the lists say about one attribute name.
struct AttrRules {
  std::string_view name;
  std::string prefix;  // ' ' name '="': what the sanitizer writes before the value
  AttrKind kind;       // the same for every element that allows it
  int id;              // 0-63, for TagRules::attributes
  bool is_src;         // "src": an img needs one, an iframe is judged by it
};
// The rules of an attribute some element allows; nullptr for every other name.
const AttrRules* attribute_rules(const NameKey& key);

// Everything the allowlist says about one element, found with a single lookup.
struct TagRules {
  std::string_view name;
  std::string start, end;  // "<name" and "</name>", as the sanitizer writes them
  bool allowed = false;    // kept, with its allowed attributes
  bool dropped = false;    // removed with its content
  bool is_void = false;    // no content, no end tag
  bool block = false;      // separates words in text
  // Its content is raw text up to its end tag (script, style, title...); rcdata: with
  // references decoded (title, textarea).
  bool raw_text = false, rcdata = false;
  bool is_iframe = false;        // kept only for allowed video hosts
  bool needs_src = false;        // img: dropped without a usable src
  std::uint64_t attributes = 0;  // bit AttrRules::id: allowed here (global ones included)
  bool allows(const AttrRules& a) const { return (attributes >> a.id) & 1; }

  // What HTML closes implicitly when this element starts (an open li before an li, a
  // cell before a cell, a row before a row, a p before a block): the open elements of
  // the groups in `closes`, while one is on top (only the first when !closes_repeat).
  enum Group : std::uint8_t { kLi = 1, kDtDd = 2, kCell = 4, kRow = 8, kP = 16 };
  std::uint8_t group = 0;   // the group this element is in, if any
  std::uint8_t closes = 0;  // groups
  bool closes_repeat = false;
};
// The rules for an element the lists name; nullptr for any other.
const TagRules* tag_rules(const NameKey& key);
const TagRules* tag_rules(std::string_view tag);

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
