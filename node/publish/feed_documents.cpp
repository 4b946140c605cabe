// The document layout (links, tombstones, languages) is described in docs/publishing.md.
#include "node/publish/feed_documents.h"

#include <algorithm>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/publish/localize.h"

namespace sic::publish {
namespace {

constexpr std::size_t kMaxTombstones = 1000;           // in a live feed
constexpr std::size_t kMaxArchiveEntries = 100000;     // far beyond a node's month
const TimePoint kFarFuture = from_unix(253402300799);  // 9999-12-31T23:59:59Z

// A feed being built, with what the HTTP layer needs to know about it.
struct Draft {
  Feed feed;
  TimePoint last_modified{};
  std::optional<TimePoint> fresh_until;

  void saw(TimePoint content_time, TimePoint stored_at) {
    if (!feed.updated || content_time > *feed.updated) feed.updated = content_time;
    last_modified = std::max({last_modified, content_time, stored_at});
  }
  void fresh_before(TimePoint t) {
    if (!fresh_until || t < *fresh_until) fresh_until = t;
  }
};

Draft start(const NodeContext& ctx, FeedFormat format, const FeedQuery& query,
            const std::string& self) {
  Draft d;
  Feed& f = d.feed;
  f.id = feed_url(ctx, format, query.first_page());
  f.title = feed_title(ctx, query);
  f.node = ctx.config.node.id;
  f.lang = document_language(ctx, query);
  f.authors.push_back({ctx.config.node.name, ctx.url("/"), ""});
  f.links.push_back({self, "self", bare_media_type(format), ""});
  f.links.push_back({listing_url(ctx, query.first_page()), "alternate", "text/html", ""});
  return d;
}

void link(Draft& d, FeedFormat format, std::string href, const char* rel) {
  d.feed.links.push_back({std::move(href), rel, bare_media_type(format), ""});
}

// The entry as published: shown in the query's language, with its alternate link. In
// the full feed each translation links to this node's page showing it.
std::optional<Article> entry(const NodeContext& ctx, const FeedQuery& query, Article& article) {
  std::optional<Article> a;
  if (query.lang.empty()) {
    a = std::move(article);
    for (auto& t : a->translations) t.link = article_page_url(ctx, a->id, t.lang);
  } else {
    a = in_language(article, query.lang);
  }
  if (!a) return std::nullopt;
  if (a->shown_translation) {
    a->link = article_page_url(ctx, a->id, query.lang);  // the page showing the translation
    // Readers see what made the text: the content begins with the page's notice
    // (docs/translation.md, "Labelling").
    if (ctx.translation_notice)
      a->content_html =
          ctx.translation_notice(a->id, article.lang, *a->shown_translation, query.lang) +
          a->content_html;
  } else if (a->link.empty())
    a->link = ctx.article_url(a->id);
  return a;
}

void add_entries(const NodeContext& ctx, const FeedQuery& query, std::vector<StoredArticle>& rows,
                 Draft& d) {
  for (auto& row : rows) {
    TimePoint stored = row.stored_at;
    for (const auto& t : row.article.translations) stored = std::max(stored, t.translated_at);
    auto a = entry(ctx, query, row.article);
    if (!a) continue;
    d.saw(a->updated, stored);
    d.feed.articles.push_back(std::move(*a));
  }
}

void add_tombstones(const std::vector<StoredArticle>& rows, Draft& d) {
  for (const auto& row : rows) {
    const Article& a = row.article;
    d.feed.tombstones.push_back({a.id, a.origin, *row.deleted, a.via});
    d.saw(*row.deleted, row.stored_at);
  }
}

Document finish(Draft& d, FeedFormat format, std::string cache_control) {
  if (!d.feed.updated) d.feed.updated = TimePoint{};
  Document doc;
  doc.content_type = media_type(format);
  doc.body = write_feed(format, d.feed);
  doc.last_modified = std::max(d.last_modified, *d.feed.updated);
  doc.cache_control = std::move(cache_control);
  doc.self_url = d.feed.link("self");
  for (const auto& l : d.feed.links)
    if (l.rel == "hub") doc.hub_urls.push_back(l.href);
  doc.fresh_until = d.fresh_until;
  return doc;
}

Status add_live_tombstones(const NodeContext& ctx, Catalogue& cat, const FeedQuery& query,
                           Draft& d) {
  const auto window =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.config.publish.tombstone_days);
  TimePoint now = ctx.clock->now();
  auto rows = cat.articles().deletions(now - window, kFarFuture, query.origin, kMaxTombstones);
  if (!rows.ok()) return rows.error();
  add_tombstones(*rows, d);
  for (const auto& row : *rows) d.fresh_before(*row.deleted + window);
  return Status::Ok();
}

}  // namespace

LanguageTag document_language(const NodeContext& ctx, const FeedQuery& query) {
  return query.lang.empty() ? ctx.config.node.languages.front() : query.lang;
}

std::string feed_title(const NodeContext& ctx, const FeedQuery& query) {
  LanguageTag lang = document_language(ctx, query);
  std::vector<std::string> parts;
  if (!query.tag.empty()) parts.push_back(ctx.taxonomy->topic_label(query.tag, lang));
  if (!query.section.empty()) parts.push_back(ctx.taxonomy->section_label(query.section, lang));
  if (!query.origin.empty()) parts.push_back(query.origin);
  std::string title = ctx.config.node.name;
  for (size_t i = 0; i < parts.size(); ++i) title += (i == 0 ? " — " : ", ") + parts[i];
  return title;
}

Result<std::vector<Month>> archive_months(Catalogue& cat) { return cat.articles().months(); }

Result<ArticlePage> read_page(const NodeContext& ctx, Catalogue& cat, const FeedQuery& query,
                              bool with_translations) {
  const std::size_t page_size = ctx.config.publish.page_size;
  ArticleQuery aq;
  aq.filter = query.filter();
  aq.limit = page_size + 1;  // one more tells whether another page follows
  aq.before = query.page;
  aq.with_translations = with_translations;
  auto rows = cat.articles().list(aq);
  if (!rows.ok()) return rows.error();
  ArticlePage page{std::move(*rows), std::nullopt};
  if (page.rows.size() > page_size) {
    page.rows.resize(page_size);
    const Article& last = page.rows.back().article;
    page.next = ArticleCursor{last.updated, last.id.str()};
  }
  return page;
}

Result<Document> render_live_feed(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                                  const FeedQuery& query, const FeedOptions& options) {
  auto page = read_page(ctx, cat, query, true);
  if (!page.ok()) return page.error();

  Draft d = start(ctx, format, query.first_page(), feed_url(ctx, format, query));
  if (query.page) link(d, format, feed_url(ctx, format, query.first_page()), "first");
  if (page->next && options.paging) {
    FeedQuery next = query;
    next.page = page->next;
    link(d, format, feed_url(ctx, format, next), "next");
  }
  if (!query.page) {
    auto months = archive_months(cat);
    if (!months.ok()) return months.error();
    if (!months->empty())
      link(d, format, archive_url(ctx, format, months->back(), query), "prev-archive");
    if (Status st = add_live_tombstones(ctx, cat, query, d); !st.ok()) return st.error();
  }
  add_entries(ctx, query, page->rows, d);
  return finish(d, format, ctx.config.publish.cache_control);
}

Result<Document> render_archive(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                                Month month, const FeedQuery& query) {
  auto months = archive_months(cat);
  if (!months.ok()) return months.error();
  auto at = std::find(months->begin(), months->end(), month);
  if (at == months->end()) {
    Document missing{404, "text/plain; charset=utf-8",
                     "feeds: no archive for " + month_text(month) +
                         ": nothing was published or deleted that month\n"};
    return missing;
  }
  ArticleQuery aq;
  aq.filter = query.filter();
  aq.limit = kMaxArchiveEntries;
  aq.updated_from = month_start(month);
  aq.updated_until = month_end(month);
  auto rows = cat.articles().list(aq);
  if (!rows.ok()) return rows.error();
  auto deleted = cat.articles().deletions(month_start(month), month_end(month), query.origin,
                                          kMaxArchiveEntries);
  if (!deleted.ok()) return deleted.error();

  Draft d = start(ctx, format, query.first_page(), archive_url(ctx, format, month, query));
  d.feed.archive = true;
  link(d, format, feed_url(ctx, format, query.first_page()), "current");
  if (at != months->begin())
    link(d, format, archive_url(ctx, format, *(at - 1), query), "prev-archive");
  if (at + 1 != months->end())
    link(d, format, archive_url(ctx, format, *(at + 1), query), "next-archive");
  add_tombstones(*deleted, d);
  add_entries(ctx, query, *rows, d);
  if (!d.feed.updated) d.feed.updated = month_start(month);
  bool ended = month_end(month) <= ctx.clock->now();
  if (!ended) d.fresh_before(month_end(month));
  return finish(
      d, format,
      ended ? ctx.config.publish.archive_cache_control : ctx.config.publish.cache_control);
}

}  // namespace sic::publish
