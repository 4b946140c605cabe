// RSS to the model (docs/feeds.md, "RSS"). RSS 2.0 and 0.9x elements have no
// namespace; RSS 1.0 and 0.90 put theirs in a namespace and the items next to the
// channel. Dublin Core, content:encoded and atom: elements are read in all of them.
#include "feeds/rss/reader.h"

#include "feeds/extension.h"
#include "feeds/ns.h"
#include "feeds/reader.h"
#include "feeds/text/markup.h"
#include "feeds/text/utf8.h"

namespace sic::rss {
namespace {

using reader::Context;
using xml::Children;
using xml::Element;

class Reader {
 public:
  Reader(std::string_view ns, Context& ctx) : ns_(ns), ctx_(ctx) {}
  void channel(const Element& c, Feed& feed);
  void item(const Element& e, Feed& feed, int n);

 private:
  const Element* child(const Element& e, std::string_view name) const { return e.child(ns_, name); }
  std::string text_of(const Element& e, std::string_view ns, std::string_view name) const {
    auto* c = e.child(ns, name);
    return c ? c->text() : "";
  }
  void authors(const Element& e, Article& a) const;
  void enclosures(const Element& e, Article& a, std::string_view where) const;
  void categories(const Element& e, Article& a) const;
  void dates(const Element& e, Article& a, bool& has_updated, std::string_view where) const;
  void content(const Element& e, Article& a) const;

  std::string_view ns_;  // the RSS elements' namespace ("" for RSS 2.0 and 0.9x)
  Context& ctx_;
};

Person atom_person(const Context& ctx, const Element& p, std::string_view where) {
  Person person;
  if (auto* n = p.child(ns::kAtom, "name")) person.name = canonical_text(n->text());
  if (auto* uri = p.child(ns::kAtom, "uri"))
    person.uri = reader::absolute_url(ctx, uri->base(), uri->text(), where);
  if (auto* email = p.child(ns::kAtom, "email")) person.email = text::trim(email->text());
  return person;
}

void Reader::channel(const Element& c, Feed& feed) {
  feed.title = reader::maybe_html_text(text_of(c, ns_, "title"));
  feed.subtitle = reader::maybe_html_text(text_of(c, ns_, "description"));
  std::string link = text_of(c, ns_, "link");
  if (link.empty()) link = c.attr("about", ns::kRdf).value_or("");
  std::string home = reader::absolute_url(ctx_, c.base(), link, "channel <link>");
  for (const auto& l : Children(c, ns::kAtom, "link")) {
    FeedLink fl;
    fl.href =
        reader::absolute_url(ctx_, l.base(), l.attr("href").value_or(""), "channel atom:link");
    fl.rel = std::string(text::trim(l.attr("rel").value_or("alternate")));
    fl.type = std::string(text::trim(l.attr("type").value_or("")));
    fl.hreflang = std::string(text::trim(l.attr("hreflang").value_or("")));
    if (!fl.href.empty()) feed.links.push_back(std::move(fl));
  }
  if (!home.empty() && feed.link("alternate").empty() && !ctx_.sicnode)
    feed.links.insert(feed.links.begin(), FeedLink{home, "alternate", "", ""});
  feed.id = !home.empty() ? home : feed.link("self");
  if (auto* id = c.child(ns::kSic, "id")) feed.id = text::trim(id->text());
  std::string lang = text_of(c, ns_, "language");
  if (lang.empty()) lang = text_of(c, ns::kDc, "language");
  feed.lang = reader::language(ctx_, lang, "channel <language>");
  for (auto name : {"lastBuildDate", "pubDate"}) {
    if (feed.updated) break;
    std::string d = text_of(c, ns_, name);
    if (!d.empty()) feed.updated = reader::date(ctx_, d, std::string("channel <") + name + ">");
  }
  if (!feed.updated)
    if (auto* d = c.child(ns::kDc, "date"))
      feed.updated = reader::date(ctx_, d->text(), "channel dc:date");
  for (auto name : {"managingEditor", "webMaster"})
    if (auto* p = child(c, name)) feed.authors.push_back(reader::person_from_text(p->text()));
  for (const auto& p : Children(c, ns::kDc, "creator"))
    feed.authors.push_back(Person{canonical_text(p.text()), "", ""});
  for (const auto& p : Children(c, ns::kAtom, "author"))
    feed.authors.push_back(atom_person(ctx_, p, "channel atom:author"));
  if (auto* image = child(c, "image"))
    feed.icon =
        reader::absolute_url(ctx_, image->base(), text_of(*image, ns_, "url"), "channel image");
  if (auto* node = c.child(ns::kSic, "node")) feed.node = canonical_text(node->text());
  feed.archive = c.child(ns::kHistory, "archive") != nullptr;
  int n = 0;
  for (const auto& t : Children(c, ns::kSic, "deleted-entry")) {
    std::string where = "deleted entry " + std::to_string(++n);
    if (auto tombstone = extension::read_tombstone(ctx_, t, where))
      feed.tombstones.push_back(std::move(*tombstone));
  }
}

// <author>, dc:creator and atom:author, in document order.
void Reader::authors(const Element& e, Article& a) const {
  for (const Element* c = e.first_child(); c; c = c->next_sibling()) {
    Person p;
    if (c->is(ns_, "author")) {
      p = reader::person_from_text(c->text());  // RSS 2.0: an email address, maybe a name
    } else if (c->is(ns::kDc, "creator")) {
      p.name = canonical_text(c->text());
    } else if (c->is(ns::kAtom, "author")) {
      p = atom_person(ctx_, *c, "item atom:author");
    } else {
      continue;
    }
    if (!p.name.empty() || !p.email.empty() || !p.uri.empty()) a.authors.push_back(std::move(p));
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
    a.enclosures.push_back({url, std::string(text::trim(l.attr("type").value_or(""))),
                            length_of(l.attr("length").value_or("")),
                            canonical_text(l.attr("title").value_or(""))});
  }
  for (const auto& x : Children(e, ns_, "enclosure")) {
    std::string url = reader::absolute_url(ctx_, x.base(), x.attr("url").value_or(""), where);
    if (url.empty()) continue;
    bool known = false;
    for (const auto& have : a.enclosures) known |= have.url == url;
    if (known) continue;
    a.enclosures.push_back({url, std::string(text::trim(x.attr("type").value_or(""))),
                            length_of(x.attr("length").value_or("")), ""});
  }
}

void Reader::categories(const Element& e, Article& a) const {
  for (const Element* c = e.first_child(); c; c = c->next_sibling()) {
    if (!c->is(ns_, "category") && !c->is(ns::kDc, "subject")) continue;
    std::string term = canonical_text(c->text());
    if (term.empty()) continue;
    if (c->attr("domain").value_or("") == ns::kSicSection)
      a.section = term;
    else
      a.tags.push_back(std::move(term));
  }
}

void Reader::dates(const Element& e, Article& a, bool& has_updated, std::string_view where) const {
  std::string w(where);
  if (auto* p = child(e, "pubDate")) {
    a.published = reader::date(ctx_, p->text(), w + " <pubDate>");
  } else if (auto* d = e.child(ns::kDc, "date")) {
    a.published = reader::date(ctx_, d->text(), w + " dc:date");
  } else if (auto* ap = e.child(ns::kAtom, "published")) {
    a.published = reader::date(ctx_, ap->text(), w + " atom:published");
  }
  const Element* updated = e.child(ns::kAtom, "updated");
  if (!updated) updated = e.child(ns::kDcTerms, "modified");
  if (updated)
    if (auto t =
            reader::date(ctx_, updated->text(), w + " <" + std::string(updated->qname()) + ">")) {
      a.updated = *t;
      has_updated = true;
    }
}

// content:encoded is the body and <description> the summary; without content:encoded
// the description is both (docs/feeds.md, "RSS").
void Reader::content(const Element& e, Article& a) const {
  auto* description = child(e, "description");
  auto* encoded = e.child(ns::kContent, "encoded");
  const Element* atom_content = e.child(ns::kAtom, "content");
  if (description) a.summary = reader::maybe_html_text(description->text());
  const Element* body = encoded ? encoded : atom_content ? atom_content : description;
  if (body) a.content_html = sanitize_html(body->text(), body->base(), ctx_.options.sanitize);
  if (!description) {
    if (auto* s = e.child(ns::kAtom, "summary")) a.summary = reader::maybe_html_text(s->text());
  }
}

void Reader::item(const Element& e, Feed& feed, int n) {
  std::string where = "item " + std::to_string(n);
  Article a;
  a.title = reader::maybe_html_text(text_of(e, ns_, "title"));
  if (a.title.empty()) a.title = reader::maybe_html_text(text_of(e, ns::kDc, "title"));
  content(e, a);
  std::string link = text_of(e, ns_, "link");
  if (link.empty())
    for (const auto& l : Children(e, ns::kAtom, "link"))
      if (text::trim(l.attr("rel").value_or("alternate")) == "alternate") {
        link = l.attr("href").value_or("");
        break;
      }
  a.link = reader::absolute_url(ctx_, e.base(), link, where + " <link>");
  std::string raw_id;
  if (auto* guid = child(e, "guid")) {
    raw_id = std::string(text::trim(guid->text()));
    bool permalink = text::trim(guid->attr("isPermaLink").value_or("true")) != "false";
    if (permalink && !raw_id.empty()) {
      std::string url = reader::absolute_url(ctx_, guid->base(), raw_id, where + " <guid>");
      if (!url.empty()) raw_id = url;
      if (a.link.empty()) a.link = url;
    }
  } else if (auto about = e.attr("about", ns::kRdf)) {
    raw_id = *about;
  }
  authors(e, a);
  enclosures(e, a, where);
  categories(e, a);
  a.rights = canonical_text(text_of(e, ns::kDc, "rights"));
  if (auto* lang = e.child(ns::kDc, "language"))
    a.lang = reader::language(ctx_, lang->text(), where + " dc:language");
  else
    a.lang = feed.lang;
  bool has_updated = false;
  dates(e, a, has_updated, where);
  extension::read_article(ctx_, e, a, where);
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
  Reader reader(rss_ns, ctx);
  reader.channel(*channel, feed);
  ctx.feed_key = !feed.id.empty() ? feed.id : options.base_url;
  int n = 0;
  for (const auto& item : Children(*items_parent, rss_ns, "item")) reader.item(item, feed, ++n);
  if (items_parent != channel)  // RSS 1.0 generators sometimes put items in the channel
    for (const auto& item : Children(*channel, rss_ns, "item")) reader.item(item, feed, ++n);
  return feed;
}

}  // namespace sic::rss
