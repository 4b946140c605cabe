// RSS to the model (docs/feeds.md, "RSS"). RSS 2.0 and 0.9x elements have no
// namespace; RSS 1.0 and 0.90 put theirs in a namespace and the items next to the
// channel. Dublin Core, content:encoded, iTunes and atom: elements are read in all of
// them, as fallbacks where RSS has its own element.
#include "feeds/rss/reader.h"

#include "feeds/common/extension.h"
#include "feeds/common/reader.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/markup.h"
#include "feeds/text/plain.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/ns.h"

namespace sic::rss {
namespace {

using reader::Context;
using xml::Children;
using xml::Element;

bool is_itunes(const Element& e, std::string_view local) {
  return e.is(ns::kItunes, local) || e.is(ns::kItunesAlt, local);
}

// The text of an element that holds HTML: its character data, or when the HTML was
// written into it unescaped (child elements: invalid, and common), that markup.
std::string html_text(const Element& e) { return e.first_child() ? e.inner_html() : e.text(); }

const Element* itunes(const Element& e, std::string_view local) {
  auto* c = e.child(ns::kItunes, local);
  return c ? c : e.child(ns::kItunesAlt, local);
}

class Reader {
 public:
  Reader(std::string_view ns, const Element& root, Context& ctx)
      : ns_(ns), root_(root), ctx_(ctx) {}
  void channel(const Element& c, Feed& feed);
  void item(const Element& e, Feed& feed, int n);

 private:
  const Element* child(const Element& e, std::string_view name) const { return e.child(ns_, name); }
  std::string text_of(const Element& e, std::string_view ns, std::string_view name) const {
    auto* c = e.child(ns, name);
    return c ? c->text() : "";
  }
  // The first non-empty text among children (ns, name), in the order given; with
  // html, read as html_text.
  std::string first_text(const Element& e,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> names,
                         bool html = false) const {
    for (auto [ns, name] : names) {
      auto* c = e.child(ns, name);
      if (!c) continue;
      if (std::string t = html ? html_text(*c) : c->text(); !text::trim(t).empty()) return t;
    }
    return "";
  }
  std::string main_link(const Element& e, std::vector<std::string>* all,
                        const reader::Where& where) const;
  std::string icon(const Element& c, std::string_view where) const;
  std::vector<Person> channel_authors(const Element& c) const;
  void authors(const Element& e, Article& a) const;
  void alternate_links(const Element& e, Article& a, std::string_view where) const;
  void enclosures(const Element& e, Article& a, std::string_view where) const;
  void categories(const Element& e, Article& a) const;
  void dates(const Element& e, Article& a, bool& has_updated, std::string_view where) const;
  void content(const Element& e, Article& a) const;

  std::string_view ns_;  // the RSS elements' namespace ("" for RSS 2.0 and 0.9x)
  const Element& root_;
  Context& ctx_;
};

Person atom_person(const Context& ctx, const Element& p, std::string_view where) {
  Person person;
  if (auto* n = p.child(ns::kAtom, "name")) person.name = canonical_text(n->text());
  if (auto* uri = p.child(ns::kAtom, "uri"))
    person.uri = reader::absolute_url(ctx, uri->base(), uri->text(), where);
  if (auto* email = p.child(ns::kAtom, "email")) person.email = canonical_text(email->text());
  return person;
}

bool empty(const Person& p) { return p.name.empty() && p.email.empty() && p.uri.empty(); }

// The page link: the last <link> (text, or an href attribute some feeds use), as
// feedparser and gofeed take it; every one goes into *all when given.
std::string Reader::main_link(const Element& e, std::vector<std::string>* all,
                              const reader::Where& where) const {
  std::string last;
  for (const auto& l : Children(e, ns_, "link")) {
    std::string raw = l.text();
    if (text::trim(raw).empty()) raw = l.attr("href").value_or("");
    std::string url = reader::absolute_url(ctx_, l.base(), raw, where);
    if (url.empty()) continue;
    last = url;
    if (all) all->push_back(url);
  }
  return last;
}

// The channel's image: <image><url> (in RSS 1.0 next to the channel), itunes:image,
// or a media:content image.
std::string Reader::icon(const Element& c, std::string_view where) const {
  for (const Element* parent : {&c, &root_})
    for (const auto& image : Children(*parent, ns_, "image"))
      if (std::string url = text_of(image, ns_, "url"); !text::trim(url).empty())
        return reader::absolute_url(ctx_, image.base(), url, where);
  if (auto* image = itunes(c, "image")) {
    std::string href = image->attr("href").value_or(image->attr("url").value_or(image->text()));
    return reader::absolute_url(ctx_, image->base(), href, where);
  }
  for (const auto& link : Children(c, ns::kItunes, "link"))
    if (link.attr("rel") == "image")
      return reader::absolute_url(ctx_, link.base(), link.attr("href").value_or(""), where);
  for (const auto& m : Children(c, ns::kMedia, "content")) {
    std::string type = m.attr("type").value_or(""), medium = m.attr("medium").value_or("");
    if (type.rfind("image/", 0) == 0 || medium == "image")
      return reader::absolute_url(ctx_, m.base(), m.attr("url").value_or(""), where);
  }
  return "";
}

// The first of these that the channel has: managingEditor, webMaster, dc:author,
// dc:creator, atom:author, itunes:author.
std::vector<Person> Reader::channel_authors(const Element& c) const {
  std::vector<Person> out;
  for (auto name : {"author", "managingEditor", "webMaster"})
    if (auto* p = child(c, name); p && out.empty())
      out.push_back(reader::person_from_text(p->text()));
  if (out.empty())
    for (const auto& p : Children(c, ns::kDc, "author"))
      out.push_back(reader::person_from_text(p.text()));
  if (out.empty())
    for (const auto& p : Children(c, ns::kDc, "creator"))
      out.push_back(reader::person_from_text(p.text()));
  if (out.empty())
    for (const auto& p : Children(c, ns::kAtom, "author"))
      out.push_back(atom_person(ctx_, p, "channel author"));
  if (out.empty())
    if (auto* p = itunes(c, "author")) out.push_back({canonical_text(p->text()), "", ""});
  std::erase_if(out, empty);
  return out;
}

void Reader::channel(const Element& c, Feed& feed) {
  feed.title = reader::maybe_html_text(first_text(c, {{ns_, "title"}, {ns::kDc, "title"}}, true));
  std::string description = first_text(c,
                                       {{ns_, "description"},
                                        {ns::kDc, "description"},
                                        {ns::kItunes, "summary"},
                                        {ns::kItunesAlt, "summary"},
                                        {ns::kItunes, "subtitle"},
                                        {ns::kItunesAlt, "subtitle"}},
                                       true);
  feed.subtitle = reader::maybe_html_text(description);
  std::vector<std::string> pages;
  std::string home = main_link(c, &pages, "channel <link>");
  if (home.empty())
    home = reader::absolute_url(ctx_, c.base(), c.attr("about", ns::kRdf).value_or(""), "channel");
  if (!home.empty() && !ctx_.sicnode) {
    feed.links.push_back({home, "alternate", "", ""});
    for (const auto& p : pages)
      if (p != home) feed.links.push_back({p, "alternate", "", ""});
  }
  for (const auto& l : Children(c, ns::kAtom, "link")) {
    FeedLink fl;
    fl.href =
        reader::absolute_url(ctx_, l.base(), l.attr("href").value_or(""), "channel atom:link");
    fl.rel = canonical_text(l.attr("rel").value_or("alternate"));
    fl.type = canonical_text(l.attr("type").value_or(""));
    fl.hreflang = canonical_text(l.attr("hreflang").value_or(""));
    if (!fl.href.empty()) feed.links.push_back(std::move(fl));
  }
  feed.id = !home.empty() ? home : feed.link("self");
  if (auto* id = c.child(ns::kSic, "id")) feed.id = canonical_text(id->text());
  std::string lang = first_text(c, {{ns_, "language"}, {ns::kDc, "language"}});
  feed.lang = reader::language(ctx_, lang, "channel <language>");
  std::string updated = first_text(
      c, {{ns_, "lastBuildDate"}, {ns_, "pubDate"}, {ns::kDc, "date"}, {ns::kDcTerms, "modified"}});
  if (!updated.empty()) feed.updated = reader::date(ctx_, updated, "channel date");
  feed.rights = reader::maybe_html_text(first_text(c, {{ns_, "copyright"}, {ns::kDc, "rights"}}));
  feed.authors = channel_authors(c);
  feed.icon = icon(c, "channel image");
  extension::read_header(ctx_, c, ns::kSic, feed);
}

// <author>, dc:creator, dc:author and atom:author in document order; itunes:author
// when there is none of those.
void Reader::authors(const Element& e, Article& a) const {
  for (const Element* c = e.first_child(); c; c = c->next_sibling()) {
    Person p;
    if (c->is(ns::kDc, "creator") && ctx_.sicnode) {
      p.name = canonical_text(c->text());  // our writer's: a name alone, whatever it holds
    } else if (c->is(ns_, "author") || c->is(ns::kDc, "author") || c->is(ns::kDc, "creator")) {
      p = reader::person_from_text(c->text());  // a name, an email address, or both
    } else if (c->is(ns::kAtom, "author")) {
      p = atom_person(ctx_, *c, "item atom:author");
    } else {
      continue;
    }
    if (!empty(p)) a.authors.push_back(std::move(p));
  }
  if (a.authors.empty())
    if (auto* p = itunes(e, "author"); p && !canonical_text(p->text()).empty())
      a.authors.push_back({canonical_text(p->text()), "", ""});
}

// The atom:link alternates: those naming a translation's language are that
// translation's page; the first of the others is the page link when <link> gave none
// (docs/feeds.md, "Translation pages").
void Reader::alternate_links(const Element& e, Article& a, std::string_view where) const {
  bool want = a.link.empty();
  for (const auto& l : Children(e, ns::kAtom, "link")) {
    if (!want && a.translations.empty()) break;
    if (text::trim(l.attr("rel").value_or("alternate")) != "alternate") continue;
    std::string href = reader::absolute_url(ctx_, l.base(), l.attr("href").value_or(""), where);
    if (!href.empty() && extension::take_translation_link(l.attr("hreflang").value_or(""), href, a))
      continue;
    if (want) a.link = href;
    want = false;
  }
}

// atom:link rel="enclosure" first (they carry titles), then <enclosure> elements not
// already listed.
void Reader::enclosures(const Element& e, Article& a, std::string_view where) const {
  auto length_of = [](std::string_view s) -> std::int64_t {
    s = text::trim(s);
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos)
      return 0;
    return std::stoll(std::string(s));
  };
  for (const auto& l : Children(e, ns::kAtom, "link")) {
    if (text::trim(l.attr("rel").value_or("")) != "enclosure") continue;
    std::string url = reader::absolute_url(ctx_, l.base(), l.attr("href").value_or(""), where);
    if (url.empty()) continue;
    a.enclosures.push_back({url, canonical_text(l.attr("type").value_or("")),
                            length_of(l.attr("length").value_or("")),
                            canonical_text(l.attr("title").value_or(""))});
  }
  for (const auto& x : Children(e, ns_, "enclosure")) {
    std::string url = reader::absolute_url(ctx_, x.base(), x.attr("url").value_or(""), where);
    if (url.empty()) continue;
    bool known = false;
    for (const auto& have : a.enclosures) known |= have.url == url;
    if (known) continue;
    a.enclosures.push_back({url, canonical_text(x.attr("type").value_or("")),
                            length_of(x.attr("length").value_or("")), ""});
  }
}

// <category>, dc:subject, itunes:keywords (comma-separated) and atom:category terms,
// in document order; the category in our section domain is the section.
void Reader::categories(const Element& e, Article& a) const {
  auto add = [&](std::string_view raw) {
    if (std::string term = canonical_text(raw); !term.empty()) a.tags.push_back(std::move(term));
  };
  for (const Element* c = e.first_child(); c; c = c->next_sibling()) {
    if (c->is(ns_, "category")) {
      if (c->attr("domain").value_or("") == ns::kSicSection)
        a.section = canonical_text(c->text());
      else
        add(c->text());
    } else if (c->is(ns::kDc, "subject")) {
      add(c->text());
    } else if (c->is(ns::kAtom, "category")) {
      add(c->attr("term").value_or(""));
    } else if (is_itunes(*c, "category")) {  // maybe with sub-categories inside
      add(c->attr("text").value_or(""));
      for (const auto& sub : Children(*c, c->ns(), "category")) add(sub.attr("text").value_or(""));
    } else if (is_itunes(*c, "keywords")) {
      std::string keywords = c->text();
      for (size_t start = 0; start <= keywords.size();) {
        size_t comma = keywords.find(',', start);
        if (comma == std::string::npos) comma = keywords.size();
        add(std::string_view(keywords).substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
}

void Reader::dates(const Element& e, Article& a, bool& has_updated, std::string_view where) const {
  for (auto [ns, name] : {std::pair{ns_, std::string_view("pubDate")},
                          {ns::kDc, "date"},
                          {ns::kAtom, "published"},
                          {ns::kDcTerms, "issued"},
                          {ns::kDcTerms, "created"}}) {
    if (auto* p = e.child(ns, name)) {
      a.published = reader::date(ctx_, p->text(), reader::Where::element(where, p->qname()));
      break;
    }
  }
  const Element* updated = e.child(ns::kAtom, "updated");
  if (!updated) updated = e.child(ns::kDcTerms, "modified");
  if (updated)
    if (auto t =
            reader::date(ctx_, updated->text(), reader::Where::element(where, updated->qname()))) {
      a.updated = *t;
      has_updated = true;
    }
}

// The first child of e among these names, or nullptr.
const Element* first_of(
    const Element& e, std::initializer_list<std::pair<std::string_view, std::string_view>> names) {
  for (auto [ns, name] : names)
    if (auto* c = e.child(ns, name)) return c;
  return nullptr;
}

// content:encoded is the body and <description> the summary; without content:encoded
// the description is both (docs/feeds.md, "RSS").
void Reader::content(const Element& e, Article& a) const {
  const Element* description = first_of(e, {{ns_, "description"},
                                            {ns::kDc, "description"},
                                            {ns::kItunes, "summary"},
                                            {ns::kAtom, "summary"},
                                            {ns::kMedia, "description"}});
  if (!description)
    if (auto* group = e.child(ns::kMedia, "group"))
      description = group->child(ns::kMedia, "description");
  const Element* encoded = first_of(
      e,
      {{ns::kContent, "encoded"}, {ns::kXhtml, "body"}, {ns_, "fullitem"}, {ns::kAtom, "content"}});
  if (description) a.summary = reader::maybe_html_text(html_text(*description));
  const Element* body = encoded ? encoded : description;
  if (body) a.content_html = sanitize_html(html_text(*body), body->base(), ctx_.options.sanitize);
}

void Reader::item(const Element& e, Feed& feed, int n) {
  std::string where = "item " + std::to_string(n);
  Article a;
  a.title = reader::maybe_html_text(
      first_text(e, {{ns_, "title"}, {ns::kDc, "title"}, {ns::kMedia, "title"}}, true));
  content(e, a);
  if (auto* lang = e.child(ns::kDc, "language"))
    a.lang = reader::language(ctx_, lang->text(), {where, "dc:language"});
  else
    a.lang = feed.lang;
  // Our extension first: its translations claim their alternate links.
  extension::read_article(ctx_, e, a, where);
  a.link = main_link(e, nullptr, {where, "<link>"});
  alternate_links(e, a, where);
  std::string raw_id;
  if (auto* guid = child(e, "guid")) {
    raw_id = std::string(text::trim(guid->text()));
    bool permalink = text::trim(guid->attr("isPermaLink").value_or("true")) != "false";
    if (permalink && !raw_id.empty()) {
      std::string url = reader::absolute_url(ctx_, guid->base(), raw_id, {where, "<guid>"});
      if (!url.empty()) raw_id = url;
      if (a.link.empty()) a.link = url;
    }
  } else if (auto about = e.attr("about", ns::kRdf)) {
    raw_id = *about;
  }
  authors(e, a);
  enclosures(e, a, where);
  extension::read_media_image(ctx_, e, a, where);
  categories(e, a);
  a.rights = canonical_text(text_of(e, ns::kDc, "rights"));
  bool has_updated = false;
  dates(e, a, has_updated, where);
  reader::finish_article(ctx_, a, raw_id, has_updated, where);
  feed.articles.push_back(std::move(a));
}

}  // namespace

Result<Feed> read(const xml::Document& doc, const ParseOptions& options) {
  const Element& root = doc.root();
  const Element* channel = nullptr;
  const Element* items_parent = nullptr;
  std::string_view rss_ns;
  if (root.local() == "rss" || root.local() == "channel") {
    rss_ns = root.ns();
    channel = root.local() == "rss" ? root.child(rss_ns, "channel") : &root;
    if (channel == nullptr) channel = &root;  // <rss> holding the channel's elements itself
    items_parent = channel;
  } else if (root.is(ns::kRdf, "RDF")) {
    for (auto candidate : {ns::kRss10, ns::kRss090})
      if (root.child(candidate, "channel")) rss_ns = candidate;
    channel = root.child(rss_ns, "channel");
    items_parent = &root;
  }
  if (channel == nullptr)
    return Error{"rss: no <channel> in the <" + std::string(root.qname()) + "> document"};
  Feed feed;
  Context ctx(options, "rss", feed);
  for (auto uri : doc.root_namespaces()) ctx.sicnode |= uri == ns::kSic;
  Reader reader(rss_ns, root, ctx);
  reader.channel(*channel, feed);
  ctx.feed_key = !feed.id.empty() ? feed.id : options.base_url;
  int n = 0;
  for (const auto& item : Children(*items_parent, rss_ns, "item")) reader.item(item, feed, ++n);
  if (items_parent != channel)  // RSS 1.0 generators sometimes put items in the channel
    for (const auto& item : Children(*channel, rss_ns, "item")) reader.item(item, feed, ++n);
  return feed;
}

}  // namespace sic::rss
