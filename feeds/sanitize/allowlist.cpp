// The sanitizer's allowlist. Every element and attribute here is also on feedparser's
// list of acceptable ones, so the W3C validator raises no SecurityRisk warning on our
// feeds (iframes for allowed video hosts are the one documented exception).
#include "feeds/sanitize/allowlist.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <vector>

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

constexpr std::string_view kDroppedWithContent[] = {
    "applet",   "button",    "canvas",   "datalist", "embed",    "form",    "frame",
    "frameset", "head",      "iframe",   "input",    "keygen",   "link",    "math",
    "meta",     "noembed",   "noframes", "noscript", "object",   "option",  "output",
    "param",    "plaintext", "script",   "select",   "style",    "svg",     "template",
    "textarea", "title",     "xmp",      "base",     "basefont", "bgsound", "marquee",
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

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

}  // namespace

// The tables above, indexed once by tag name.
const TagRules* tag_rules(std::string_view tag) {
  static const std::unordered_map<std::string_view, TagRules> index = [] {
    std::unordered_map<std::string_view, TagRules> m;
    for (auto t : kAllowedTags) m[t].allowed = true;
    for (auto t : kDroppedWithContent) m[t].dropped = true;
    for (auto t : kVoid) m[t].is_void = true;
    for (auto t : kBlock) m[t].block = true;
    for (auto& [name, tag_info] : m)
      for (const auto& a : kAllowedAttributes)
        if (a.tag == name || (a.tag == "*" && tag_info.allowed))
          tag_info.attributes.emplace_back(a.attr, a.kind);
    return m;
  }();
  auto it = index.find(tag);
  return it == index.end() ? nullptr : &it->second;
}

std::optional<AttrKind> allowed_attribute(const TagRules& rules, std::string_view attr) {
  for (const auto& [name, kind] : rules.attributes)
    if (name == attr) return kind;
  return std::nullopt;
}

namespace {
const TagRules* info(std::string_view tag) { return tag_rules(tag); }
}  // namespace

bool is_allowed_tag(std::string_view tag) {
  auto* i = info(tag);
  return i && i->allowed;
}
bool is_dropped_with_content(std::string_view tag) {
  auto* i = info(tag);
  return i && i->dropped;
}

std::optional<AttrKind> allowed_attribute(std::string_view tag, std::string_view attr) {
  auto* i = info(tag);
  return i ? allowed_attribute(*i, attr) : std::nullopt;
}

bool is_safe_link_scheme(std::string_view scheme) { return in(kLinkSchemes, scheme); }
bool is_safe_media_scheme(std::string_view scheme) { return in(kMediaSchemes, scheme); }
bool is_allowed_css_property(std::string_view property) { return in(kCssProperties, property); }
bool is_void_element(std::string_view tag) {
  auto* i = info(tag);
  return i && i->is_void;
}
bool is_block_element(std::string_view tag) {
  auto* i = info(tag);
  return i && i->block;
}

}  // namespace sic::sanitize
