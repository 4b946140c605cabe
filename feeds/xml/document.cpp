#include "feeds/xml/document.h"

#include <rapidxml/rapidxml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

#include "feeds/text/entities.h"
#include "feeds/text/markup.h"
#include "feeds/text/scan.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/ns.h"
#include "feeds/xml/repair.h"

namespace sic::xml {

using Node = rapidxml::xml_node<char>;
using Attribute = rapidxml::xml_attribute<char>;

struct Scope {
  std::string_view prefix;
  std::string_view uri;
  const Scope* parent;
};

// Elements and attributes in chunks that never move, the first sized by the prescan's
// count. T is trivially destructible: the chunks are freed without destructors.
template <typename T>
class Arena {
 public:
  void reserve(size_t n) { next_chunk_ = std::max<size_t>(n, 64); }
  // n contiguous new Ts.
  T* add(size_t n = 1) {
    if (used_ + n > size_) {
      size_ = std::max(next_chunk_, n);
      chunks_.push_back(std::make_unique_for_overwrite<Slot[]>(size_));
      used_ = 0;
      next_chunk_ = std::max<size_t>(next_chunk_ / 2, 64);
    }
    T* first = reinterpret_cast<T*>(&chunks_.back()[used_]);
    for (size_t i = 0; i < n; ++i) new (&chunks_.back()[used_ + i]) T;  // no memset
    used_ += n;
    return first;
  }

 private:
  static_assert(std::is_trivially_destructible_v<T>);
  struct Slot {
    alignas(T) unsigned char bytes[sizeof(T)];
  };
  std::vector<std::unique_ptr<Slot[]>> chunks_;
  size_t used_ = 0, size_ = 0, next_chunk_ = 64;
};

struct Document::Impl {
  std::string buffer;
  rapidxml::xml_document<char> doc;
  Arena<Element> elements;
  Arena<Element::Attr> attributes;
  std::deque<Scope> scopes;
  std::deque<std::string> strings;
};

namespace {

constexpr int kFlags = rapidxml::parse_no_string_terminators |
                       rapidxml::parse_no_entity_translation |
                       rapidxml::parse_validate_closing_tags | rapidxml::parse_no_element_values;

std::string_view name_of(const Node* n) { return {n->name(), n->name_size()}; }
std::string_view name_of(const Attribute* a) { return {a->name(), a->name_size()}; }
std::string_view value_of(const Node* n) { return {n->value(), n->value_size()}; }
std::string_view value_of(const Attribute* a) { return {a->value(), a->value_size()}; }

// Prefixes some feeds use without declaring them.
struct KnownPrefix {
  std::string_view prefix, uri;
};
constexpr KnownPrefix kKnownPrefixes[] = {
    {"atom", ns::kAtom},       {"content", ns::kContent}, {"dc", ns::kDc},
    {"dcterms", ns::kDcTerms}, {"itunes", ns::kItunes},   {"media", ns::kMedia},
    {"rdf", ns::kRdf},         {"sic", ns::kSic},
};

// Namespaces feeds write in another case than their definition (".../DTDs/Podcast-1.0.dtd"
// for iTunes'): the known URI they mean. A URI that matches none is kept as it is.
std::string_view known_namespace(std::string_view uri) {
  static constexpr std::string_view kKnown[] = {
      ns::kAtom,    ns::kAtom03,  ns::kXhtml, ns::kRss10,  ns::kRdf, ns::kDc,
      ns::kDcTerms, ns::kContent, ns::kMedia, ns::kItunes, ns::kSic, ns::kHistory};
  for (auto k : kKnown) {
    if (k.size() != uri.size() || k == uri) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(k[i])) ==
             std::tolower(static_cast<unsigned char>(uri[i]));
    if (same) return k;
  }
  return uri;
}

std::string_view lookup(const Scope* scope, std::string_view prefix) {
  if (prefix == "xml") return ns::kXml;
  for (const Scope* s = scope; s; s = s->parent)
    if (s->prefix == prefix) return s->uri;
  for (const auto& k : kKnownPrefixes)
    if (k.prefix == prefix) return k.uri;
  return "";
}

std::pair<std::string_view, std::string_view> split_qname(std::string_view q) {
  for (size_t i = 0; i < q.size(); ++i)  // names are short: no call to memchr
    if (q[i] == ':') return {q.substr(0, i), q.substr(i + 1)};
  return {"", q};
}

std::string decode_attribute(std::string_view raw) {
  if (text::find_any<'&', '\t', '\n'>(raw, 0) == raw.size()) return std::string(raw);
  std::string spaced(raw);
  for (char& c : spaced)
    if (c == '\t' || c == '\n') c = ' ';
  return text::decode_references(spaced, text::RefMode::kXml);
}

// The first control character XML forbids in s at or after i (C0 but TAB and LF: line
// ends are normalized already), or s.size().
size_t find_control(std::string_view s, size_t i) {
#if defined(__SSE2__)
  auto simd = [](text::Bytes16 v) {
    return _mm_andnot_si128(text::any(text::eq(v, '\t'), text::eq(v, '\n')), text::control(v));
  };
#else
  auto simd = nullptr;
#endif
  return text::scan(s, i, simd, [](unsigned char c) { return c < 0x20 && c != '\t' && c != '\n'; });
}

// A CDATA section's text: as it is, but for the control characters XML forbids.
void append_cdata(std::string& out, std::string_view raw) {
  for (size_t i = 0; i < raw.size();) {
    size_t control = find_control(raw, i);
    out.append(raw, i, control - i);
    i = control + 1;
  }
}

// The '>' that ends the tag whose name starts at i, past quoted attribute values.
size_t find_tag_end(std::string_view s, size_t i) {
  while ((i = text::find_any<'>', '"', '\''>(s, i)) < s.size()) {
    if (s[i] == '>') return i;
    size_t close = s[i] == '"' ? text::find_any<'"'>(s, i + 1) : text::find_any<'\''>(s, i + 1);
    if (close == s.size()) break;
    i = close + 1;
  }
  return std::string_view::npos;
}

// Checks the limits and refuses internal DTD subsets before RapidXML (which recurses
// once per nesting level and would expand nothing, but must not see a deep document).
// Sets `refused` for those (the recovery path does not try again), not for a document
// that is merely not well-formed.
Status prescan(std::string_view s, const Limits& limits, size_t& count, bool& refused) {
  size_t depth = 0, pos = 0;
  count = 0;
  auto unclosed = [](const char* what) { return Error{std::string("xml: unclosed ") + what}; };
  auto refuse = [&refused](std::string message) {
    refused = true;
    return Error{std::move(message)};
  };
  while ((pos = text::find_any<'<'>(s, pos)) < s.size()) {
    size_t p = pos, end;
    char next = p + 1 < s.size() ? s[p + 1] : 0;
    if (next == '!') {
      std::string_view rest = s.substr(p);
      if (rest.substr(0, 4) == "<!--") {
        if ((end = s.find("-->", p + 4)) == std::string_view::npos) return unclosed("comment");
        pos = end + 3;
      } else if (rest.substr(0, 9) == "<![CDATA[") {
        if ((end = s.find("]]>", p + 9)) == std::string_view::npos)
          return unclosed("CDATA section");
        pos = end + 3;
      } else {
        end = s.find_first_of("[>", p + 2);
        if (end == std::string_view::npos) return unclosed("declaration");
        if (s[end] == '[')
          return refuse(
              "xml: a DOCTYPE with an internal subset is refused (no entity declarations)");
        pos = end + 1;
      }
    } else if (next == '?') {
      if ((end = s.find("?>", p + 2)) == std::string_view::npos)
        return unclosed("processing instruction");
      pos = end + 2;
    } else {
      if ((end = find_tag_end(s, p + 1)) == std::string_view::npos) return unclosed("tag");
      if (next == '/') {
        if (depth > 0) --depth;
      } else {
        if (s[end - 1] != '/' && ++depth > limits.max_depth)
          return refuse("xml: nested deeper than " + std::to_string(limits.max_depth) +
                        " elements");
        if (++count > limits.max_elements)
          return refuse("xml: more than " + std::to_string(limits.max_elements) + " elements");
      }
      pos = end + 1;
    }
  }
  return Status::Ok();
}

bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                               "hr",    "img",    "input", "link", "meta",
                                               "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

// The white space RapidXML drops before a child element's '<' (it keeps white space
// only inside data nodes).
std::string_view leading_space(const Node* element) {
  const char* lt = element->name() - 1;
  const char* p = lt;
  while (text::is_space(p[-1])) --p;
  return {p, size_t(lt - p)};
}

}  // namespace

class Builder {
 public:
  explicit Builder(Document& doc) : doc_(doc), impl_(*doc.impl_) {}

  Element* build(const Node* node, const Scope* scope, const std::string* base,
                 std::string_view lang, int depth) {
    Element& e = *impl_.elements.add();
    e.node_ = node;
    std::string_view base_attr, lang_attr;
    bool has_base = false, has_lang = false;
    for (const Attribute* a = node->first_attribute(); a; a = a->next_attribute()) ++e.attr_count_;
    Element::Attr* attr = e.attr_count_ ? impl_.attributes.add(e.attr_count_) : nullptr;
    e.attrs_ = attr;
    for (const Attribute* a = node->first_attribute(); a; a = a->next_attribute()) {
      std::string_view name = name_of(a);
      *attr++ = {name, value_of(a)};
      if (name.size() < 5 || name[0] != 'x') continue;
      if (name.substr(0, 5) == "xmlns")
        scope = declare(name, value_of(a), scope, depth == 0);
      else if (name == "xml:base")
        base_attr = value_of(a), has_base = true;
      else if (name == "xml:lang")
        lang_attr = value_of(a), has_lang = true;
    }
    e.scope_ = scope;
    e.qname_ = name_of(node);
    auto [prefix, local] = split_qname(e.qname_);
    e.local_ = local;
    e.ns_ = lookup(scope, prefix);
    e.base_ = base;
    e.lang_ = lang;
    if (has_base) e.base_ = new_base(*base, decode_attribute(base_attr));
    if (has_lang) e.lang_ = attribute_view(lang_attr);
    // The text of an element with one data node (or none), for Element::text_view.
    const Node* first = node->first_node();
    bool only = first != nullptr && first->next_sibling() == nullptr;
    e.single_text_ = first == nullptr || (only && first->type() == rapidxml::node_data);
    e.single_cdata_ = only && first->type() == rapidxml::node_cdata;  // bodies often are
    if (first != nullptr && (e.single_text_ || e.single_cdata_)) e.text_ = value_of(first);
    Element* last = nullptr;
    for (const Node* c = first; c; c = c->next_sibling()) {
      if (c->type() != rapidxml::node_element) continue;
      Element* child = build(c, scope, e.base_, e.lang_, depth + 1);
      (last ? last->next_sibling_ : e.first_child_) = child;
      last = child;
    }
    return &e;
  }

 private:
  const Scope* declare(std::string_view name, std::string_view value, const Scope* scope,
                       bool root) {
    std::string_view prefix;
    if (name == "xmlns") {
      prefix = "";
    } else if (name.substr(0, 6) == "xmlns:") {
      prefix = name.substr(6);
    } else {
      return scope;
    }
    if (value.find('&') != std::string_view::npos)
      value = impl_.strings.emplace_back(decode_attribute(value));
    value = known_namespace(value);
    if (root) doc_.root_namespaces_.push_back(value);
    return &impl_.scopes.emplace_back(Scope{prefix, value, scope});
  }

  // An attribute's value as attr() gives it, kept in the document.
  std::string_view attribute_view(std::string_view raw) {
    if (text::find_any<'&', '\t', '\n'>(raw, 0) == raw.size()) return raw;
    return impl_.strings.emplace_back(decode_attribute(raw));
  }

  const std::string* new_base(const std::string& parent, const std::string& value) {
    auto resolved = text::resolve_uri(parent, value);
    return &impl_.strings.emplace_back(resolved ? *resolved : std::string());
  }

  Document& doc_;
  Document::Impl& impl_;
};

Document::Document() : impl_(std::make_unique<Impl>()) {}
Document::~Document() = default;

Result<std::unique_ptr<Document>> Document::parse(std::string utf8, std::string base_url,
                                                  const Limits& limits) {
  bool refused = false;
  return parse_strict(utf8, std::move(base_url), limits, refused);
}

Result<std::unique_ptr<Document>> Document::read(std::string utf8, std::string base_url,
                                                 const Limits& limits) {
  bool refused = false;
  auto strict = parse_strict(utf8, base_url, limits, refused);
  if (strict.ok() || refused) return strict;
  auto repaired = repair(utf8, limits);
  if (!repaired.ok()) {
    // A limit is a limit whichever path meets it; otherwise the strict error says more.
    bool nothing = repaired.error().message == "xml: no root element";
    return nothing ? strict.error() : repaired.error();
  }
  int fixes = repaired->fixes;
  auto doc = parse_strict(repaired->xml, std::move(base_url), limits, refused);
  if (!doc.ok()) return refused ? doc.error() : strict.error();
  std::string_view why = strict.error().message;
  if (why.rfind("xml: ", 0) == 0) why.remove_prefix(5);
  (*doc)->recovery_ =
      std::string(why) + "; " + std::to_string(fixes) + (fixes == 1 ? " repair" : " repairs");
  return doc;
}

Result<std::unique_ptr<Document>> Document::parse_strict(std::string& utf8, std::string base_url,
                                                         const Limits& limits, bool& refused) {
  size_t count = 0;
  if (Status s = prescan(utf8, limits, count, refused); !s.ok()) return s.error();
  std::unique_ptr<Document> doc(new Document());
  Impl& impl = *doc->impl_;
  impl.elements.reserve(count);
  impl.attributes.reserve(count);
  impl.buffer = std::move(utf8);
  try {
    impl.doc.parse<kFlags>(impl.buffer.data());
  } catch (const rapidxml::parse_error& e) {
    Error error{"xml: line " + std::to_string(doc->line_of(e.where<char>())) + ": " + e.what()};
    utf8 = std::move(impl.buffer);  // RapidXML leaves it as it was (no terminators written)
    return error;
  }
  const Node* root = impl.doc.first_node();
  if (root == nullptr) return Error{"xml: no root element"};
  const std::string* base = &impl.strings.emplace_back(std::move(base_url));
  Builder builder(*doc);
  doc->root_ = builder.build(root, nullptr, base, "", 0);
  return doc;
}

int Document::line_of(const char* p) const {
  const std::string& b = impl_->buffer;
  if (p < b.data() || p > b.data() + b.size()) return 0;
  return 1 + int(std::count(b.data(), p, '\n'));
}

const Element* Element::child(std::string_view ns, std::string_view local) const {
  for (const Element* c = first_child_; c; c = c->next_sibling_)
    if (c->is(ns, local)) return c;
  return nullptr;
}

std::optional<std::string> Element::attr(std::string_view local, std::string_view ns) const {
  for (const Attr& a : std::span(attrs_, attr_count_)) {
    auto [prefix, name] = split_qname(a.qname);
    if (name != local || prefix == "xmlns" || (prefix.empty() && name == "xmlns")) continue;
    if (ns.empty() ? prefix.empty() : (!prefix.empty() && lookup(scope_, prefix) == ns))
      return decode_attribute(a.value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Element::raw_attr(std::string_view local) const {
  for (const Attr& a : std::span(attrs_, attr_count_))
    if (text::equals_short(a.qname, local)) return a.value;
  return std::nullopt;
}

std::optional<std::string_view> Element::attr_view(std::string_view local,
                                                   std::string& scratch) const {
  auto raw = raw_attr(local);
  if (!raw || text::find_any<'&', '\t', '\n'>(*raw, 0) == raw->size()) return raw;
  scratch = decode_attribute(*raw);
  return std::string_view(scratch);
}

std::string_view Element::text_view(std::string& scratch) const {
  if (single_text_ && text::find_reference_or_control(text_, 0) == text_.size()) return text_;
  if (single_cdata_ && find_control(text_, 0) == text_.size()) return text_;
  scratch.clear();
  append_text(scratch);
  return scratch;
}

std::string Element::text() const {
  std::string out;
  append_text(out);
  return out;
}

void Element::append_text(std::string& out) const {
  if (single_text_) return text::append_decoded(out, text_, text::RefMode::kXml);
  if (single_cdata_) return append_cdata(out, text_);
  const Node* node = static_cast<const Node*>(node_);
  for (const Node* c = node->first_node(); c; c = c->next_sibling()) {
    if (c->type() == rapidxml::node_data)
      text::append_decoded(out, value_of(c), text::RefMode::kXml);
    else if (c->type() == rapidxml::node_cdata)
      append_cdata(out, value_of(c));
  }
}

namespace {

void append_inner_html(std::string& out, const Node* node) {
  const Node* previous = nullptr;
  for (const Node* c = node->first_node(); c; previous = c, c = c->next_sibling()) {
    if (c->type() == rapidxml::node_data) {
      text::append_escaped_html(out, text::decode_references(value_of(c), text::RefMode::kXml),
                                false);
    } else if (c->type() == rapidxml::node_cdata) {
      std::string raw;
      append_cdata(raw, value_of(c));
      text::append_escaped_html(out, raw, false);
    } else if (c->type() == rapidxml::node_element) {
      if (previous == nullptr || previous->type() != rapidxml::node_data) out += leading_space(c);
      std::string_view name = split_qname(name_of(c)).second;
      out += '<';
      out += name;
      for (const Attribute* a = c->first_attribute(); a; a = a->next_attribute()) {
        std::string_view attr = name_of(a);
        if (attr == "xmlns" || attr.substr(0, 6) == "xmlns:") continue;
        out += ' ';
        out += attr;
        out += "=\"";
        text::append_escaped_html(out, decode_attribute(value_of(a)), true);
        out += '"';
      }
      out += '>';
      if (is_void_element(name) && c->first_node() == nullptr) continue;
      append_inner_html(out, c);
      out += "</";
      out += name;
      out += '>';
    }
  }
}

}  // namespace

std::string Element::inner_html() const {
  std::string out;
  append_inner_html(out, static_cast<const Node*>(node_));
  return out;
}

}  // namespace sic::xml
