// JSON Feed to the model (docs/feeds.md, "JSON Feed"). Items inherit the feed's
// authors and language; our own data is read from "_sicnode" objects; other "_"
// extensions are ignored.
#include "feeds/json_feed/reader.h"

#include <cpprest/json.h>

#include "feeds/common/reader.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/json_depth.h"
#include "feeds/text/json_keys.h"
#include "feeds/text/markup.h"
#include "feeds/text/plain.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/encoding.h"

namespace sic::json_feed {
namespace {

using reader::Context;
using web::json::value;

constexpr int kMaxDepth = 64;

const value* field(const value& v, const char* key) {
  if (!v.is_object()) return nullptr;
  const auto& object = v.as_object();
  auto it = object.find(key);
  return it == object.end() ? nullptr : &it->second;
}

std::string str(const value& v, const char* key) {
  const value* f = field(v, key);
  if (f && f->is_string()) return text::make_valid_utf8(f->as_string());
  if (f && f->is_number() && f->is_integer()) return std::to_string(f->as_number().to_int64());
  return "";
}

bool boolean(const value& v, const char* key) {
  const value* f = field(v, key);
  return f && f->is_boolean() && f->as_bool();
}

const web::json::array* array(const value& v, const char* key) {
  const value* f = field(v, key);
  return f && f->is_array() ? &f->as_array() : nullptr;
}

Signature signature(const value& v) {
  const value* s = field(v, "signature");
  if (!s || !s->is_object()) return {};
  return {canonical_text(str(*s, "by")), canonical_text(str(*s, "url")),
          canonical_text(str(*s, "key")), canonical_text(str(*s, "value"))};
}

class Reader {
 public:
  explicit Reader(Context& ctx) : ctx_(ctx) {}
  void header(const value& doc, Feed& feed);
  void item(const value& v, Feed& feed, int n);

 private:
  std::string url(std::string_view base, const value& v, const char* key,
                  const reader::Where& where) {
    return reader::absolute_url(ctx_, base, str(v, key), where);
  }
  std::vector<Person> authors(const value& v, const reader::Where& where);
  Person person(const value& v, const reader::Where& where);
  std::vector<FeedLink> links(const value& doc, const value* sic);
  std::vector<Enclosure> attachments(const web::json::array& list, const reader::Where& where);
  void extension(const value& sic, Article& a, const reader::Where& where);
  std::optional<Translation> translation(const value& t, const reader::Where& where);
  TranslationKind kind(const value& v, const reader::Where& where);

  Context& ctx_;
  std::string base_;
  std::vector<Person> feed_authors_;
};

Person Reader::person(const value& v, const reader::Where& where) {
  Person p;
  p.name = canonical_text(str(v, "name"));
  p.uri = url(base_, v, "url", where);
  p.email = canonical_text(str(v, "email"));
  return p;
}

// JSON Feed 1.1 "authors", or 1.0's "author".
std::vector<Person> Reader::authors(const value& v, const reader::Where& where) {
  std::vector<Person> out;
  if (auto* list = array(v, "authors")) {
    for (const auto& a : *list)
      if (a.is_object()) out.push_back(person(a, where));
  } else if (const value* a = field(v, "author"); a && a->is_object()) {
    out.push_back(person(*a, where));
  }
  std::erase_if(out,
                [](const Person& p) { return p.name.empty() && p.uri.empty() && p.email.empty(); });
  return out;
}

std::vector<FeedLink> Reader::links(const value& doc, const value* sic) {
  std::vector<FeedLink> out;
  if (auto* list = sic ? array(*sic, "links") : nullptr) {
    for (const auto& l : *list) {
      FeedLink link{url(base_, l, "href", "feed link"), canonical_text(str(l, "rel")),
                    canonical_text(str(l, "type")), canonical_text(str(l, "hreflang"))};
      if (!link.href.empty() && !link.rel.empty()) out.push_back(std::move(link));
    }
    return out;
  }
  auto add = [&](const char* key, const char* rel) {
    std::string href = url(base_, doc, key, key);
    if (!href.empty()) out.push_back({href, rel, "", ""});
  };
  add("feed_url", "self");
  add("home_page_url", "alternate");
  add("next_url", "next");
  if (auto* hubs = array(doc, "hubs"))
    for (const auto& h : *hubs) {
      std::string href = url(base_, h, "url", "hub");
      if (!href.empty()) out.push_back({href, "hub", "", ""});
    }
  return out;
}

void Reader::header(const value& doc, Feed& feed) {
  const value* sic = field(doc, "_sicnode");
  ctx_.sicnode = sic && sic->is_object();
  base_ = ctx_.options.base_url;
  feed.title = canonical_text(str(doc, "title"));
  feed.subtitle = canonical_text(str(doc, "description"));
  feed.lang = reader::language(ctx_, str(doc, "language"), "feed language");
  feed.authors = authors(doc, "feed author");
  feed_authors_ = feed.authors;
  feed.links = links(doc, ctx_.sicnode ? sic : nullptr);
  feed.icon = url(base_, doc, "icon", "feed icon");
  if (feed.icon.empty()) feed.icon = url(base_, doc, "favicon", "feed favicon");
  feed.id = feed.link("self");
  if (feed.id.empty()) feed.id = feed.link("alternate");
  if (!ctx_.sicnode) return;
  if (std::string id = canonical_text(str(*sic, "id")); !id.empty()) feed.id = id;
  feed.node = canonical_text(str(*sic, "node"));
  feed.key = canonical_text(str(*sic, "key"));
  feed.rights = canonical_text(str(*sic, "rights"));
  if (field(*sic, "authors")) feed.authors = authors(*sic, "feed author");
  if (std::string updated = str(*sic, "updated"); !updated.empty())
    feed.updated = reader::date(ctx_, updated, "feed _sicnode.updated");
  feed.archive = boolean(*sic, "archive");
  if (auto* tombstones = array(*sic, "tombstones")) {
    int n = 0;
    for (const auto& t : *tombstones) {
      std::string where = "deleted entry " + std::to_string(++n);
      auto id = Iri::parse(text::iri_safe(str(t, "id")));
      auto when = reader::date(ctx_, str(t, "deleted"), where);
      if (!id.ok() || !when) {
        ctx_.warn(where + ": ignored (needs an IRI id and a date)");
        continue;
      }
      feed.tombstones.push_back({*id, canonical_text(str(t, "origin")), *when,
                                 canonical_text(str(t, "via")), signature(t)});
    }
  }
}

std::vector<Enclosure> Reader::attachments(const web::json::array& list,
                                           const reader::Where& where) {
  std::vector<Enclosure> out;
  for (const auto& a : list) {
    Enclosure e;
    e.url = url(base_, a, "url", where);
    if (e.url.empty()) continue;
    e.type = canonical_text(str(a, "mime_type"));
    if (e.type.empty()) e.type = canonical_text(str(a, "type"));  // our _sicnode form
    e.title = canonical_text(str(a, "title"));
    const value* size = field(a, "size_in_bytes");
    if (!size) size = field(a, "length");
    if (size && size->is_number() && size->is_integer() && size->as_number().to_int64() > 0)
      e.length = size->as_number().to_int64();
    out.push_back(std::move(e));
  }
  return out;
}

TranslationKind Reader::kind(const value& v, const reader::Where& where) {
  std::string kind = str(v, "kind");
  if (kind == "human") return TranslationKind::kHuman;
  if (!kind.empty() && kind != "machine")
    ctx_.warn(where.str() + ": unknown translation kind \"" + kind + "\"");
  return TranslationKind::kMachine;
}

std::optional<Translation> Reader::translation(const value& v, const reader::Where& where) {
  Translation t;
  t.lang = reader::language(ctx_, str(v, "lang"), where);
  if (t.lang.empty()) {
    ctx_.warn(where.str() + ": a translation without a language is ignored");
    return std::nullopt;
  }
  t.title = canonical_text(str(v, "title"));
  t.summary = canonical_text(str(v, "summary"));
  t.content_html = sanitize_html(str(v, "content_html"), base_, ctx_.options.sanitize);
  t.kind = kind(v, where);
  t.engine = canonical_text(str(v, "engine"));
  t.source_hash = canonical_text(str(v, "source_hash"));
  if (auto when = reader::date(ctx_, str(v, "translated_at"), where)) t.translated_at = *when;
  t.outdated = boolean(v, "outdated");
  t.link = url(base_, v, "url", where);
  t.signature = signature(v);
  return t;
}

void Reader::extension(const value& sic, Article& a, const reader::Where& where) {
  std::string w = where.str();
  a.origin = canonical_text(str(sic, "origin"));
  a.section = canonical_text(str(sic, "section"));
  a.via = canonical_text(str(sic, "via"));
  a.rights = canonical_text(str(sic, "rights"));
  a.signature = signature(sic);
  if (std::string alt = str(sic, "image_alt"); !a.image.url.empty() && alt.size() <= kMaxImageAlt)
    a.image.alt = canonical_text(alt);
  if (field(sic, "lang")) a.lang = reader::language(ctx_, str(sic, "lang"), w);
  if (field(sic, "authors")) a.authors = authors(sic, {w, "author"});
  if (auto* list = array(sic, "attachments")) a.enclosures = attachments(*list, {w, "attachment"});
  if (const value* note = field(sic, "shown_translation"); note && note->is_object()) {
    TranslationNote n;
    n.original_lang = reader::language(ctx_, str(*note, "original_lang"), w);
    n.kind = kind(*note, w);
    n.engine = canonical_text(str(*note, "engine"));
    n.outdated = boolean(*note, "outdated");
    n.by = canonical_text(str(*note, "by"));
    a.shown_translation = n;
  }
  if (auto* list = array(sic, "translations")) {
    int n = 0;
    for (const auto& t : *list)
      if (auto tr = translation(t, w + ": translation " + std::to_string(++n)))
        a.translations.push_back(std::move(*tr));
  }
}

void Reader::item(const value& v, Feed& feed, int n) {
  std::string where = "item " + std::to_string(n);
  Article a;
  a.title = canonical_text(str(v, "title"));
  a.summary = canonical_text(str(v, "summary"));
  if (field(v, "content_html"))
    a.content_html = sanitize_html(str(v, "content_html"), base_, ctx_.options.sanitize);
  else if (field(v, "content_text"))
    a.content_html = sanitize_html(text::escape_html(str(v, "content_text")), "", {});
  a.link = url(base_, v, "url", {where, "url"});
  if (a.link.empty()) a.link = url(base_, v, "external_url", {where, "external_url"});
  a.authors = authors(v, {where, "author"});
  if (a.authors.empty() && !ctx_.sicnode) a.authors = feed_authors_;
  if (auto* tags = array(v, "tags"))
    for (const auto& t : *tags)
      if (t.is_string())
        if (std::string tag = canonical_text(t.as_string()); !tag.empty()) a.tags.push_back(tag);
  a.lang = field(v, "language") ? reader::language(ctx_, str(v, "language"), where) : feed.lang;
  if (auto* list = array(v, "attachments"))
    a.enclosures = attachments(*list, {where, "attachment"});
  if (const value* image = field(v, "image"); image && image->is_string())
    reader::set_image(ctx_, a, base_, str(v, "image"), "", {where, "image"});
  if (std::string published = str(v, "date_published"); !published.empty())
    a.published = reader::date(ctx_, published, {where, "date_published"});
  bool has_updated = false;
  if (std::string modified = str(v, "date_modified"); !modified.empty())
    if (auto t = reader::date(ctx_, modified, {where, "date_modified"})) {
      a.updated = *t;
      has_updated = true;
    }
  if (const value* sic = field(v, "_sicnode"); sic && sic->is_object()) extension(*sic, a, where);
  reader::fallback_image(ctx_, a, where);
  reader::finish_article(ctx_, a, str(v, "id"), has_updated, where);
  feed.articles.push_back(std::move(a));
}

}  // namespace

Result<Feed> read(std::string_view bytes, const ParseOptions& options) {
  auto utf8 = xml::to_utf8(bytes, xml::Syntax::kJson);
  if (!utf8.ok()) return utf8.error();
  if (json_nesting_depth(*utf8) > kMaxDepth)
    return Error{"json: nested deeper than " + std::to_string(kMaxDepth) + " levels"};
  // Which of two values a reader takes is up to it: an ambiguous document is refused.
  if (auto key = json_duplicate_key(*utf8)) return Error{"json: duplicate key " + *key};
  std::error_code error;
  value doc = value::parse(*utf8, error);
  if (error) return Error{"json: not valid JSON (" + error.message() + ")"};
  if (!doc.is_object()) return Error{"json: the document is not a JSON object"};
  // The version is a jsonfeed.org URL; some publishers write just "1" or "1.1".
  std::string version = str(doc, "version");
  bool bare = version == "1" || version == "1.0" || version == "1.1";
  if (version.find("jsonfeed.org/version/") == std::string::npos && !bare)
    return Error{"json: not a JSON Feed (no jsonfeed.org \"version\")"};
  Feed feed;
  Context ctx(options, "json", feed);
  try {
    Reader reader(ctx);
    reader.header(doc, feed);
    ctx.feed_key = !feed.id.empty() ? feed.id : options.base_url;
    const auto* items = array(doc, "items");
    if (items == nullptr) return Error{"json: the feed has no \"items\" array"};
    int n = 0;
    for (const auto& item : *items) {
      ++n;
      if (item.is_object())
        reader.item(item, feed, n);
      else
        ctx.warn("item " + std::to_string(n) + " is not an object");
    }
    // JSON Feed has no feed date: it changed when its newest item did.
    if (!feed.updated && !ctx.sicnode)
      for (const auto& a : feed.articles)
        if (a.updated != TimePoint{} && (!feed.updated || a.updated > *feed.updated))
          feed.updated = a.updated;
  } catch (const web::json::json_exception& e) {
    return Error{std::string("json: ") + e.what()};
  }
  return feed;
}

}  // namespace sic::json_feed
