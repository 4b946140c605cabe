// A namespace-aware, read-only XML tree over RapidXML for the readers (internal to
// feeds/; no RapidXML type leaves feeds/xml/). Names are resolved to (namespace URI,
// local name); xml:base and xml:lang are inherited; character references are decoded
// when text is read (docs/feeds.md, "XML").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"
#include "feeds/text/utf8.h"

namespace sic::xml {

struct Limits {
  std::size_t max_depth = 256;
  std::size_t max_elements = 1'000'000;
};

class Document;

class Element {
 public:
  std::string_view ns() const { return ns_; }
  std::string_view local() const { return local_; }
  std::string_view qname() const { return qname_; }
  bool is(std::string_view ns, std::string_view local) const {
    // Names are short and namespaces usually the very same view: no call to memcmp.
    return text::equals_short(local_, local) && in(ns);
  }
  bool in(std::string_view ns) const {
    return ns_.size() == ns.size() && (ns_.data() == ns.data() || ns_ == ns);
  }

  // Child elements in document order.
  const Element* first_child() const { return first_child_; }
  const Element* next_sibling() const { return next_sibling_; }
  // The first child element with this name, or nullptr.
  const Element* child(std::string_view ns, std::string_view local) const;

  // An attribute's value with references decoded and white space normalized as XML
  // says. ns is "" for unprefixed attributes. nullopt when absent.
  std::optional<std::string> attr(std::string_view local, std::string_view ns = "") const;
  // An unprefixed attribute's value as written (no reference decoding or white space
  // normalization), for values that are tokens ("html", "alternate"); nullopt when
  // absent.
  std::optional<std::string_view> raw_attr(std::string_view local) const;
  // An unprefixed attribute's value as attr() gives it, without a copy when nothing
  // had to be decoded (a view into the document or into scratch).
  std::optional<std::string_view> attr_view(std::string_view local, std::string& scratch) const;

  // The character data directly inside this element (text and CDATA, references decoded).
  std::string text() const;
  // The same, appended to out.
  void append_text(std::string& out) const;
  // The same, without a copy when the element holds one plain run of text: a view into
  // the document, or into scratch (its capacity reused) when something had to be decoded.
  std::string_view text_view(std::string& scratch) const;
  // Everything inside this element as HTML markup (for XHTML content): elements by
  // their local names, text escaped.
  std::string inner_html() const;

  // The element's base URI (xml:base resolved against its parent's, the document's
  // base at the top); "" when unknown.
  const std::string& base() const { return *base_; }
  // The xml:lang in scope ("" when none).
  std::string_view lang() const { return lang_; }

 private:
  friend class Builder;
  friend class Document;
  struct Attr {
    std::string_view qname, value;  // as written
  };
  const void* node_ = nullptr;  // rapidxml::xml_node<char>
  const struct Scope* scope_ = nullptr;
  std::string_view ns_, local_, qname_;
  const std::string* base_ = nullptr;
  std::string_view lang_;
  Element* first_child_ = nullptr;
  Element* next_sibling_ = nullptr;
  // The attributes, copied from RapidXML's list so that reading them touches one array.
  const Attr* attrs_ = nullptr;
  std::uint32_t attr_count_ = 0;
  bool single_text_ = false;   // no child nodes, or one data node (text_)
  bool single_cdata_ = false;  // one CDATA section (text_), its text as it is
  std::string_view text_;      // that data node's value, as written
};

// Iterates over the child elements of e named (ns, local); use in range-for.
class Children {
 public:
  Children(const Element& e, std::string_view ns, std::string_view local)
      : first_(e.first_child()), ns_(ns), local_(local) {}
  class iterator {
   public:
    iterator(const Element* e, const Children* c) : e_(e), c_(c) { skip(); }
    const Element& operator*() const { return *e_; }
    iterator& operator++() {
      e_ = e_->next_sibling();
      skip();
      return *this;
    }
    bool operator!=(const iterator& o) const { return e_ != o.e_; }

   private:
    void skip() {
      while (e_ && !e_->is(c_->ns_, c_->local_)) e_ = e_->next_sibling();
    }
    const Element* e_;
    const Children* c_;
  };
  iterator begin() const { return {first_, this}; }
  iterator end() const { return {nullptr, this}; }

 private:
  const Element* first_;
  std::string_view ns_, local_;
};

// The first child of e named (ns, names[i]) for every i, or nullptr: what N calls of
// Element::child give, in one pass over the children.
template <std::size_t N>
std::array<const Element*, N> first_children(const Element& e, std::string_view ns,
                                             const std::array<std::string_view, N>& names) {
  std::array<const Element*, N> found{};
  for (const Element* c = e.first_child(); c; c = c->next_sibling()) {
    if (!c->in(ns)) continue;
    for (std::size_t i = 0; i < N; ++i) {
      if (text::equals_short(c->local(), names[i])) {
        if (!found[i]) found[i] = c;
        break;
      }
    }
  }
  return found;
}

class Document {
 public:
  // Parses UTF-8 XML (see to_utf8). base_url is the document's own URL ("" when
  // unknown). Refuses a DOCTYPE with an internal subset (entity declarations),
  // documents nested deeper or with more elements than limits allow, and malformed
  // XML, with an Error like "xml: line 3: expected >".
  static Result<std::unique_ptr<Document>> parse(std::string utf8, std::string base_url,
                                                 const Limits& limits = {});
  // parse(), and when the document is not well-formed XML, the same document after
  // repair() (xml/repair.h): the recovery path of liberal reading (docs/feeds.md). The
  // limits and the DOCTYPE rule are never relaxed: their errors are returned as they
  // are. When the repaired document cannot be parsed either, the strict parser's
  // error is returned.
  static Result<std::unique_ptr<Document>> read(std::string utf8, std::string base_url,
                                                const Limits& limits = {});
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const Element& root() const { return *root_; }
  // The namespace URIs declared on the root element.
  const std::vector<std::string_view>& root_namespaces() const { return root_namespaces_; }
  int line_of(const char* p) const;
  // "" when the document was well-formed; otherwise why it was not, as the strict
  // parser said it ("line 3: expected >"), and how much was repaired.
  const std::string& recovery() const { return recovery_; }

 private:
  static Result<std::unique_ptr<Document>> parse_strict(std::string& utf8, std::string base_url,
                                                        const Limits& limits, bool& refused);
  friend class Builder;
  friend class Element;
  Document();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const Element* root_ = nullptr;
  std::vector<std::string_view> root_namespaces_;
  std::string recovery_;
};

}  // namespace sic::xml
