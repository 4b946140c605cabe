// Atom to the model (docs/feeds.md, "Atom"). Atom 0.3 elements are read as their 1.0
// counterparts: tagline, copyright, issued, modified, content mode="escaped|base64|xml".
#include "feeds/atom/reader.h"

#include <array>

#include "feeds/common/extension.h"
#include "feeds/common/reader.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/dates.h"
#include "feeds/text/entities.h"
#include "feeds/text/markup.h"
#include "feeds/text/plain.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/ns.h"

namespace sic::atom {
namespace {

using reader::Context;
using xml::Children;
using xml::Element;

class Reader {
 public:
  Reader(const Element& root, Context& ctx, bool atom03)
      : root_(root), ns_(root.ns()), ctx_(ctx), atom03_(atom03) {}

  void header(Feed& feed);
  void entries(Feed& feed);

 private:
  const Element* child(const Element& e, std::string_view name) const { return e.child(ns_, name); }
  const Element* first_child(const Element& e,
                             std::initializer_list<std::string_view> names) const {
    for (auto name : names)
      if (auto* c = child(e, name)) return c;
    return nullptr;
  }
  std::string_view html(const Element& e, std::string& scratch) const;
  std::string plain(const Element& e) const;
  std::string plain_of(const Element& e, std::initializer_list<std::string_view> names) const {
    auto* c = first_child(e, names);
    return c ? plain(*c) : "";
  }
  std::string plain_of(const Element* e) const { return e ? plain(*e) : ""; }
  std::vector<Person> persons(const Element& e, std::string_view name,
                              const reader::Where& where) const;
  std::vector<FeedLink> links(const Element& e, const reader::Where& where) const;
  void entry(const Element& e, Feed& feed, int n);
  void entry_links(const Element& e, Article& a, std::string_view where) const;
  void categories(const Element& e, Article& a) const;

  const Element& root_;
  std::string_view ns_;
  Context& ctx_;
  bool atom03_;          // Atom 0.3: its namespace, or version="0.3" in another one
  std::string content_;  // the entry's content, decoded: its capacity serves every entry
};

enum class Kind { kText, kHtml, kXhtml, kOther };

// What a text construct or content element holds (RFC 4287 3.1.1, 4.1.3): its kind,
// and whether it is carried in base64 (Atom 0.3 mode="base64": the kind is then the
// decoded bytes'). Atom 0.3's type is a media type (text/plain by default) and its mode
// says how the content is carried.
struct Construct {
  Kind kind = Kind::kText;
  bool base64 = false;
};

Kind kind_of_type(std::string_view type) {
  if (type == "text" || type == "text/plain") return Kind::kText;
  if (type == "html" || type == "text/html") return Kind::kHtml;
  if (type == "xhtml" || type == "application/xhtml+xml") return Kind::kXhtml;
  if (type.rfind("text/", 0) == 0) return Kind::kText;
  return Kind::kOther;
}

Construct construct_of(const Element& e) {
  auto raw_type = e.raw_attr("type");
  auto raw_mode = e.raw_attr("mode");
  if (!raw_type && !raw_mode) return {};                                   // the common case
  if (raw_type && *raw_type == "html" && !raw_mode) return {Kind::kHtml};  // the other one
  std::string type = text::to_lower_ascii(text::trim(e.attr("type").value_or("text")));
  std::string mode = text::to_lower_ascii(text::trim(e.attr("mode").value_or("")));
  Construct c{kind_of_type(type), mode == "base64"};
  // Any other media type that is not XML is carried in base64 (RFC 4287 4.1.3.3).
  bool xml = type.ends_with("+xml") || type.ends_with("/xml");
  if (c.kind == Kind::kOther && !xml) c = {Kind::kText, true};
  // Escaped markup of an XML media type is HTML to every reader.
  if (mode == "escaped" && c.kind != Kind::kText) c.kind = Kind::kHtml;
  if (c.base64 && c.kind == Kind::kXhtml) c.kind = Kind::kHtml;
  return c;
}

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  return text::make_valid_utf8(out);
}

// XHTML content is the inside of its xhtml:div (RFC 4287 3.1.1.3).
std::string xhtml_inside(const Element& e) {
  const Element* div = e.child(ns::kXhtml, "div");
  return div ? div->inner_html() : e.inner_html();
}

// The character data of e, or when markup was written into it unescaped (invalid in a
// text construct, common in feeds), that markup as it was written, as text.
std::string written_text(const Element& e) {
  if (!e.first_child()) return e.text();
  return text::decode_references(e.inner_html(), text::RefMode::kXml);
}

// A text construct or content as HTML (not yet sanitized): the decoded text itself
// for type="html", the common case; built in scratch for the others.
std::string_view Reader::html(const Element& e, std::string& scratch) const {
  Construct c = construct_of(e);
  if (c.base64) {
    std::string decoded = base64_decode(e.text());
    scratch = c.kind == Kind::kText ? text::escape_html(decoded) : std::move(decoded);
    return scratch;
  }
  switch (c.kind) {
    case Kind::kText:
      scratch = text::escape_html(written_text(e));
      break;
    case Kind::kHtml:
      if (!e.first_child()) return e.text_view(scratch);
      scratch = e.inner_html();  // markup written unescaped: it is the HTML
      break;
    case Kind::kXhtml:
      scratch = xhtml_inside(e);
      break;
    case Kind::kOther:
      // Atom 0.3 mode="xml" (the default) with an XML media type: the markup inside.
      scratch = e.first_child() ? e.inner_html() : text::escape_html(e.text());
      break;
  }
  return scratch;
}

// A text construct as plain text. Text stays text: markup in a type="text" construct
// (escaped, or written unescaped) is kept as the characters it is.
std::string Reader::plain(const Element& e) const {
  std::string scratch;
  Construct c = construct_of(e);
  if (c.kind == Kind::kText && !c.base64) {
    if (!e.first_child()) return canonical_text(e.text_view(scratch));
    return canonical_text(written_text(e));
  }
  if (c.kind == Kind::kText) return canonical_text(base64_decode(e.text()));
  return html_to_text(html(e, scratch));
}

std::vector<Person> Reader::persons(const Element& e, std::string_view name,
                                    const reader::Where& where) const {
  std::vector<Person> out;
  for (const auto& p : Children(e, ns_, name)) {
    Person person;
    std::string scratch;
    if (auto* n = child(p, "name")) person.name = canonical_text(n->text_view(scratch));
    if (auto* uri = first_child(p, {"uri", "url", "homepage"}))
      person.uri = reader::absolute_url(ctx_, uri->base(), uri->text_view(scratch), where);
    if (auto* email = child(p, "email")) person.email = canonical_text(email->text_view(scratch));
    if (!person.name.empty() || !person.uri.empty() || !person.email.empty())
      out.push_back(std::move(person));
  }
  return out;
}

// A link's href; some feeds write the URL as the element's text instead.
std::string href_of(const Element& link) {
  if (auto href = link.attr("href")) return std::move(*href);
  return link.text();
}

std::vector<FeedLink> Reader::links(const Element& e, const reader::Where& where) const {
  std::vector<FeedLink> out;
  for (const auto& l : Children(e, ns_, "link")) {
    FeedLink link;
    link.href = reader::absolute_url(ctx_, l.base(), href_of(l), where);
    if (link.href.empty()) continue;
    link.rel = canonical_text(l.attr("rel").value_or("alternate"));
    if (link.rel.empty()) link.rel = "alternate";
    link.type = canonical_text(l.attr("type").value_or(""));
    link.hreflang = canonical_text(l.attr("hreflang").value_or(""));
    out.push_back(std::move(link));
  }
  return out;
}

void Reader::header(Feed& feed) {
  const Element& f = root_;
  if (auto* id = child(f, "id")) feed.id = canonical_text(id->text());
  feed.title = plain_of(f, {"title"});
  feed.subtitle = plain_of(f, {"subtitle", "tagline"});
  feed.rights = plain_of(f, {"rights", "copyright"});
  feed.lang = reader::language(ctx_, f.lang(), "feed xml:lang");
  if (auto* updated = first_child(f, {"updated", "modified"}))
    feed.updated = reader::date(ctx_, updated->text(), "feed <updated>");
  feed.authors = persons(f, "author", "feed author");
  feed.links = links(f, "feed link");
  // The feed's one image, as RSS <image> and JSON Feed "icon" (which the other readers
  // take first) have it: the larger logo, else the icon (docs/conformance.md).
  if (auto* icon = first_child(f, {"logo", "icon"}))
    feed.icon = reader::absolute_url(ctx_, icon->base(), icon->text(), "feed icon");
  extension::read_header(ctx_, f, ns::kTombstones, feed);
}

void Reader::entry_links(const Element& e, Article& a, std::string_view where) const {
  bool html_alternate = false;
  std::string s1, s2, s3;
  for (const auto& l : Children(e, ns_, "link")) {
    std::string rel = canonical_text(l.attr_view("rel", s1).value_or("alternate"));
    std::string href = reader::absolute_url(ctx_, l.base(), href_of(l), where);
    std::string type = canonical_text(l.attr_view("type", s3).value_or(""));
    if (href.empty()) continue;
    if (rel == "alternate" || rel.empty()) {
      if (extension::take_translation_link(l.attr_view("hreflang", s3).value_or(""), href, a))
        continue;
      bool is_html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
      if (a.link.empty() || (is_html && !html_alternate)) a.link = std::move(href);
      html_alternate |= is_html;
    } else if (rel == "enclosure") {
      Enclosure enc{std::move(href), std::move(type), 0,
                    canonical_text(l.attr_view("title", s1).value_or(""))};
      std::string length(text::trim(l.attr_view("length", s3).value_or("")));
      if (!length.empty() && length.size() < 19 &&
          length.find_first_not_of("0123456789") == std::string::npos)
        enc.length = std::stoll(length);
      a.enclosures.push_back(std::move(enc));
    }
  }
}

void Reader::categories(const Element& e, Article& a) const {
  std::string scratch;
  for (const auto& c : Children(e, ns_, "category")) {
    auto raw = c.attr_view("term", scratch);
    std::string term = raw ? canonical_text(*raw) : canonical_text(c.text());
    if (term.empty()) continue;
    if (c.raw_attr("scheme") == ns::kSicSection) {
      a.section = std::move(term);
    } else {
      if (a.tags.empty()) a.tags.reserve(4);  // one allocation for the usual few
      a.tags.push_back(std::move(term));
    }
  }
  // Dublin Core subjects, as some Atom 0.3 feeds carry them.
  for (const auto& s : Children(e, ns::kDc, "subject"))
    if (std::string term = canonical_text(s.text()); !term.empty()) a.tags.push_back(term);
}

// The entry's children the reader takes the first of, found in one pass.
constexpr std::array<std::string_view, 12> kEntryChildren = {
    "id",        "title",  "summary", "content", "rights",   "copyright",
    "published", "issued", "created", "updated", "modified", "source"};

void Reader::entry(const Element& e, Feed& feed, int n) {
  std::string where = "entry " + std::to_string(n);
  Article& a = feed.articles.emplace_back();
  auto [id, title, summary, content, rights, copyright, published, issued, created, updated,
        modified, source] = xml::first_children(e, ns_, kEntryChildren);
  std::string id_scratch, scratch;
  std::string_view raw_id = id ? id->text_view(id_scratch) : "";
  a.title = plain_of(title);
  if (summary) a.summary = plain(*summary);
  if (content && !content->raw_attr("src"))
    a.content_html =
        sanitize_html(html(*content, content_), content->base(), ctx_.options.sanitize);
  a.lang = reader::language(ctx_, e.lang(), {where, "xml:lang"});
  // Our extension first: its translations claim their alternate links.
  extension::read_article(ctx_, e, a, where);
  entry_links(e, a, where);
  extension::read_media_image(ctx_, e, a, where);
  categories(e, a);
  a.rights = plain_of(rights ? rights : copyright);
  if (auto* p = published ? published : issued ? issued : created)
    a.published = reader::date(ctx_, p->text_view(scratch), {where, "<published>"});
  else if (modified && atom03_)
    // Atom 0.3: without atom:created, its content MUST be considered the same as
    // atom:modified's (and <updated> below warns if that is unreadable).
    a.published = text::parse_feed_date(modified->text_view(scratch));
  bool has_updated = false;
  // sic:undated: the writer's stand-in date for an entry that has none (docs/feeds.md).
  if (auto* u = updated ? updated : modified; u && u->attr("undated", ns::kSic) != "true") {
    if (auto t = reader::date(ctx_, u->text_view(scratch), {where, "<updated>"})) {
      a.updated = *t;
      has_updated = true;
    }
  }
  a.authors = persons(e, "author", {where, "author"});
  if (a.authors.empty() && source) a.authors = persons(*source, "author", where);
  if (a.authors.empty() && !ctx_.sicnode) a.authors = feed.authors;
  reader::finish_article(ctx_, a, raw_id, has_updated, where);
}

void Reader::entries(Feed& feed) {
  if (root_.local() == "entry") return entry(root_, feed, 1);
  size_t count = 0;
  for ([[maybe_unused]] const auto& e : Children(root_, ns_, "entry")) ++count;
  feed.articles.reserve(count);
  int n = 0;
  for (const auto& e : Children(root_, ns_, "entry")) entry(e, feed, ++n);
}

}  // namespace

Result<Feed> read(const xml::Document& doc, const ParseOptions& options) {
  const Element& root = doc.root();
  // Atom 1.0 or 0.3 in their namespaces; without a namespace; or in any other one with
  // version="0.3" (the draft's early namespaces: necho, echo, pie...).
  bool atom03 = root.ns() == ns::kAtom03 || root.raw_attr("version") == "0.3";
  bool atom = root.ns() == ns::kAtom || root.ns().empty() || atom03;
  if (!atom || (root.local() != "feed" && root.local() != "entry"))
    return Error{"atom: the root element is <" + std::string(root.qname()) +
                 ">, not an Atom <feed>"};
  Feed feed;
  Context ctx(options, "atom", feed);
  for (auto uri : doc.root_namespaces()) ctx.sicnode |= uri == ns::kSic;
  Reader reader(root, ctx, atom03);
  if (root.local() == "feed") reader.header(feed);
  ctx.feed_key = !feed.id.empty() ? feed.id : options.base_url;
  reader.entries(feed);
  return feed;
}

}  // namespace sic::atom
