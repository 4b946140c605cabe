// The sanitizer's allowlist. Every element and attribute here is also on feedparser's
// list of acceptable ones, so the W3C validator raises no SecurityRisk warning on our
// feeds (iframes for allowed video hosts are the one documented exception).
#include "feeds/sanitize/allowlist.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace sic::sanitize {
namespace {

constexpr std::string_view kAllowedTags[] = {
    "a",        "abbr",       "acronym", "address", "article", "aside",  "audio",  "b",
    "big",      "blockquote", "br",      "caption", "center",  "cite",   "code",   "col",
    "colgroup", "dd",         "del",     "details", "dfn",     "div",    "dl",     "dt",
    "em",       "figcaption", "figure",  "footer",  "h1",      "h2",     "h3",     "h4",
    "h5",       "h6",         "header",  "hr",      "i",       "iframe", "img",    "ins",
    "kbd",      "li",         "nav",     "ol",      "p",       "pre",    "q",      "s",
    "samp",     "section",    "small",   "source",  "span",    "strike", "strong", "sub",
    "sup",      "table",      "tbody",   "td",      "tfoot",   "th",     "thead",  "time",
    "tr",       "tt",         "u",       "ul",      "var",     "video",
};

// Removed with their content. Not here, so losing only their tags: object, canvas and
// marquee, whose content is the text a browser shows in their place.
constexpr std::string_view kDroppedWithContent[] = {
    "applet",   "button",   "datalist", "embed", "form",      "frame",  "frameset", "head",
    "iframe",   "input",    "keygen",   "link",  "math",      "meta",   "noembed",  "noframes",
    "noscript", "option",   "output",   "param", "plaintext", "script", "select",   "style",
    "svg",      "template", "textarea", "title", "xmp",       "base",   "basefont", "bgsound",
};

struct Allowed {
  std::string_view tag;  // "*": every allowed tag
  std::string_view attr;
  AttrKind kind;
};

constexpr Allowed kAllowedAttributes[] = {
    {"*", "title", AttrKind::kText},         {"*", "lang", AttrKind::kText},
    {"*", "dir", AttrKind::kText},           {"*", "style", AttrKind::kStyle},
    {"a", "href", AttrKind::kLink},          {"a", "hreflang", AttrKind::kText},
    {"img", "src", AttrKind::kMedia},        {"img", "alt", AttrKind::kText},
    {"img", "width", AttrKind::kText},       {"img", "height", AttrKind::kText},
    {"blockquote", "cite", AttrKind::kLink}, {"q", "cite", AttrKind::kLink},
    {"del", "cite", AttrKind::kLink},        {"ins", "cite", AttrKind::kLink},
    {"del", "datetime", AttrKind::kText},    {"ins", "datetime", AttrKind::kText},
    {"time", "datetime", AttrKind::kText},   {"ol", "start", AttrKind::kText},
    {"ol", "type", AttrKind::kText},         {"li", "value", AttrKind::kText},
    {"td", "colspan", AttrKind::kText},      {"td", "rowspan", AttrKind::kText},
    {"th", "colspan", AttrKind::kText},      {"th", "rowspan", AttrKind::kText},
    {"th", "scope", AttrKind::kText},        {"td", "headers", AttrKind::kText},
    {"col", "span", AttrKind::kText},        {"colgroup", "span", AttrKind::kText},
    {"td", "align", AttrKind::kText},        {"th", "align", AttrKind::kText},
    {"audio", "src", AttrKind::kMedia},      {"audio", "controls", AttrKind::kText},
    {"video", "src", AttrKind::kMedia},      {"video", "controls", AttrKind::kText},
    {"video", "poster", AttrKind::kMedia},   {"video", "width", AttrKind::kText},
    {"video", "height", AttrKind::kText},    {"source", "src", AttrKind::kMedia},
    {"source", "type", AttrKind::kText},     {"iframe", "src", AttrKind::kMedia},
    {"iframe", "width", AttrKind::kText},    {"iframe", "height", AttrKind::kText},
};

constexpr std::string_view kLinkSchemes[] = {"http", "https", "mailto", "tel"};
constexpr std::string_view kMediaSchemes[] = {"http", "https"};

constexpr std::string_view kCssProperties[] = {
    "background-color", "border-collapse", "color",        "direction",       "float",
    "font-size",        "font-style",      "font-variant", "font-weight",     "height",
    "letter-spacing",   "line-height",     "text-align",   "text-decoration", "text-indent",
    "vertical-align",   "white-space",     "width",
};

constexpr std::string_view kVoid[] = {"area",  "base", "br",   "col",   "embed",  "hr",    "img",
                                      "input", "link", "meta", "param", "source", "track", "wbr"};

constexpr std::string_view kBlock[] = {
    "address", "article", "aside", "blockquote", "br",     "caption", "dd",   "details",
    "div",     "dl",      "dt",    "figcaption", "figure", "footer",  "h1",   "h2",
    "h3",      "h4",      "h5",    "h6",         "header", "hr",      "li",   "nav",
    "ol",      "p",       "pre",   "section",    "table",  "tbody",   "td",   "tfoot",
    "th",      "thead",   "tr",    "ul",         "img",    "center",  "main", "summary",
};

// Elements whose content is not markup, up to their end tag (the HTML tokenizer's
// raw text and, with decode, escapable raw text). All are dropped with their content.
struct RawText {
  std::string_view tag;
  bool decode;
};
constexpr RawText kRawText[] = {
    {"script", false},  {"style", false},     {"xmp", false},      {"iframe", false},
    {"noembed", false}, {"noframes", false},  {"noscript", false}, {"textarea", true},
    {"title", true},    {"plaintext", false},
};

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

// An open-addressing table from NameKey to T, filled once: one multiplication and
// usually one probe per lookup.
template <typename T>
class NameIndex {
 public:
  T& insert(std::string_view name) {
    NameKey key = *name_key(name);
    size_t i = slot(key);
    while (used_[i] && !(keys_[i] == key)) i = (i + 1) % kSlots;
    if (!used_[i]) {
      if (++count_ > kSlots / 2) std::abort();  // the lists outgrew the table
      used_[i] = true;
      keys_[i] = key;
    }
    return values_[i];
  }
  const T* find(const NameKey& key) const {
    for (size_t i = slot(key); used_[i]; i = (i + 1) % kSlots)
      if (keys_[i] == key) return &values_[i];
    return nullptr;
  }
  template <typename F>
  void for_each(F f) {
    for (size_t i = 0; i < kSlots; ++i)
      if (used_[i]) f(values_[i]);
  }

 private:
  static constexpr size_t kSlots = 256;
  static size_t slot(const NameKey& k) {
    return size_t(((k.lo ^ (k.hi * 31)) * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  std::array<NameKey, kSlots> keys_{};
  std::array<bool, kSlots> used_{};
  std::array<T, kSlots> values_{};
  size_t count_ = 0;
};

const NameIndex<AttrRules>& attribute_index() {
  static const NameIndex<AttrRules> index = [] {
    NameIndex<AttrRules> m;
    int next_id = 0;
    for (const auto& a : kAllowedAttributes) {
      AttrRules& r = m.insert(a.attr);
      if (r.name.empty())
        r = {a.attr, " " + std::string(a.attr) + "=\"", a.kind, next_id++, a.attr == "src"};
      if (r.kind != a.kind || next_id > 64) std::abort();  // a contradiction in the table
    }
    return m;
  }();
  return index;
}

// HTML's implied end tags, the ones the sanitizer writes out (TagRules::closes).
void implied_closing(TagRules& t) {
  using G = TagRules::Group;
  std::string_view n = t.name;
  t.is_iframe = n == "iframe";
  t.needs_src = n == "img";
  t.group = n == "li"                ? G::kLi
            : n == "dt" || n == "dd" ? G::kDtDd
            : n == "td" || n == "th" ? G::kCell
            : n == "tr"              ? G::kRow
            : n == "p"               ? G::kP
                                     : 0;
  t.closes_repeat = true;
  if (n == "li" || n == "dt" || n == "dd" || n == "td" || n == "th") {
    t.closes = t.group;
  } else if (n == "tr") {
    t.closes = G::kCell | G::kRow;
  } else if (t.block && n != "br" && n != "img") {
    t.closes = G::kP;
    t.closes_repeat = false;
  }
}

const NameIndex<TagRules>& tag_index() {
  static const NameIndex<TagRules> index = [] {
    NameIndex<TagRules> m;
    auto add = [&](std::string_view t) -> TagRules& {
      TagRules& r = m.insert(t);
      r.name = t;
      r.start = "<" + std::string(t);
      r.end = "</" + std::string(t) + ">";
      return r;
    };
    for (auto t : kAllowedTags) add(t).allowed = true;
    for (auto t : kDroppedWithContent) add(t).dropped = true;
    for (auto t : kVoid) add(t).is_void = true;
    for (auto t : kBlock) add(t).block = true;
    for (const auto& r : kRawText) {
      TagRules& rules = add(r.tag);
      rules.raw_text = true;
      rules.rcdata = r.decode;
    }
    const auto& attributes = attribute_index();
    m.for_each([&](TagRules& tag) { implied_closing(tag); });
    m.for_each([&](TagRules& tag) {
      for (const auto& a : kAllowedAttributes)
        if (a.tag == tag.name || (a.tag == "*" && tag.allowed))
          tag.attributes |= std::uint64_t{1} << attributes.find(*name_key(a.attr))->id;
    });
    return m;
  }();
  return index;
}

}  // namespace

std::optional<NameKey> name_key(std::string_view name) {
  if (name.empty() || name.size() > 16 || name.find('\0') != std::string_view::npos)
    return std::nullopt;
  char bytes[16] = {};
  std::memcpy(bytes, name.data(), name.size());
  NameKey key;
  std::memcpy(&key.lo, bytes, 8);
  std::memcpy(&key.hi, bytes + 8, 8);
  return key;
}

const AttrRules* attribute_rules(const NameKey& key) { return attribute_index().find(key); }
const TagRules* tag_rules(const NameKey& key) { return tag_index().find(key); }

const TagRules* tag_rules(std::string_view tag) {
  auto key = name_key(tag);
  return key ? tag_rules(*key) : nullptr;
}

namespace {
// Whether the lists give tag this property.
bool tag_is(std::string_view tag, bool TagRules::*property) {
  const TagRules* rules = tag_rules(tag);
  return rules && rules->*property;
}
}  // namespace

bool is_allowed_tag(std::string_view tag) { return tag_is(tag, &TagRules::allowed); }
bool is_dropped_with_content(std::string_view tag) { return tag_is(tag, &TagRules::dropped); }

std::optional<AttrKind> allowed_attribute(std::string_view tag, std::string_view attr) {
  auto* t = tag_rules(tag);
  auto key = name_key(attr);
  const AttrRules* a = key ? attribute_rules(*key) : nullptr;
  if (t == nullptr || a == nullptr || !t->allows(*a)) return std::nullopt;
  return a->kind;
}

bool is_safe_link_scheme(std::string_view scheme) { return in(kLinkSchemes, scheme); }
bool is_safe_media_scheme(std::string_view scheme) { return in(kMediaSchemes, scheme); }
bool is_allowed_css_property(std::string_view property) { return in(kCssProperties, property); }
bool is_void_element(std::string_view tag) { return tag_is(tag, &TagRules::is_void); }
bool is_block_element(std::string_view tag) { return tag_is(tag, &TagRules::block); }

}  // namespace sic::sanitize
