// The document layout (links, tombstones, languages) is described in docs/publishing.md.
#include "node/publish/feed_documents.h"

#include <algorithm>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/publish/localize.h"

namespace sic::publish {
namespace {

constexpr std::size_t kMaxTombstones = 1000;           // in a live feed
const TimePoint kFarFuture = from_unix(253402300799);  // 9999-12-31T23:59:59Z

// A feed being built, with what the HTTP layer needs to know about it.
struct Draft {
  Feed feed;
  TimePoint last_modified{};
  std::optional<TimePoint> fresh_until;

  // An article without a date (TimePoint{}) dates the document by when it was stored
  // here, so that no document is dated 1970 (docs/publishing.md, "Dates").
  void saw(TimePoint content_time, TimePoint stored_at) {
    TimePoint dated = content_time != TimePoint{} ? content_time : stored_at;
    if (!feed.updated || dated > *feed.updated) feed.updated = dated;
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
  f.key = ctx.keys->public_key();
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
    a->signature = {};  // the origin signed the original, not what this entry shows
    // Readers see what made the text: the content begins with the page's notice
    // (docs/translation.md, "Labelling").
    if (ctx.translation_notice)
      a->content_html =
          ctx.translation_notice(a->id, article.lang, *a->shown_translation, query.lang) +
          a->content_html;
  } else if (a->link.empty()) {
    a->link = ctx.article_url(a->id);
  }
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
    d.feed.tombstones.push_back({a.id, a.origin, *row.deleted, a.via, a.signature});
    d.saw(*row.deleted, row.stored_at);
  }
}

Document finish(Draft& d, FeedFormat format, std::string cache_control) {
  Document doc;
  doc.content_type = media_type(format);
  doc.body = write_feed(format, d.feed);
  doc.last_modified = std::max(d.last_modified, d.feed.updated.value_or(TimePoint{}));
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
  if (!query.q.empty()) parts.push_back("\u201c" + query.q + "\u201d");
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
    // A topic of the hub; a static export names it too (it copies the node's documents).
    for (auto& hub : hub_urls(ctx)) d.feed.links.push_back({std::move(hub), "hub", "", ""});
  }
  add_entries(ctx, query, page->rows, d);
  // Nothing to date it by: an empty feed is dated when it is rendered (it is cached
  // until the catalogue changes), never 1970.
  if (!d.feed.updated) d.feed.updated = ctx.clock->now();
  return finish(d, format, ctx.config.publish.cache_control);
}

namespace {

// The archive of a month for a query, cut into parts (oldest first): how many, and the
// ids of one of them, found in one pass over the month's rows (only that part's ids are
// kept: a month can hold 100,000 articles).
struct ArchivePlan {
  std::size_t parts = 1;
  std::vector<Iri> ids;  // of the part asked for, oldest first
};

// What an entry adds to a document, from the text stored: XML escapes markup again
// (about 1.3 times the HTML in practice, up to 4 times for markup alone), and each
// entry has a few hundred bytes of elements and links.
std::int64_t estimated_bytes(const ArchiveRow& row) {
  return 2048 + (row.text_bytes - row.html_bytes) + 3 * row.html_bytes;
}

// want: the part whose ids to keep (0: none); nullopt for the last one.
Result<ArchivePlan> plan_archive(const NodeContext& ctx, Catalogue& cat, Month month,
                                 const FeedQuery& query, std::optional<std::size_t> want) {
  const auto& settings = ctx.config.publish;
  ArchivePlan plan;
  std::size_t count = 0;
  std::int64_t bytes = 0;
  Status st = cat.articles().archive_rows(
      query.filter(), month_start(month), month_end(month), [&](const ArchiveRow& row) {
        std::int64_t size = estimated_bytes(row);
        if (count == settings.archive_part_entries ||
            (count > 0 && bytes + size > std::int64_t(settings.archive_part_bytes))) {
          ++plan.parts;
          count = 0;
          bytes = 0;
          if (!want) plan.ids.clear();  // the last part so far
        }
        ++count;
        bytes += size;
        if (!want || *want == plan.parts) plan.ids.push_back(row.id);
      });
  if (!st.ok()) return st.error();
  return plan;
}

// The entries of one part, loaded, into the draft: newest first, as in every feed.
Status add_part(const NodeContext& ctx, Catalogue& cat, const FeedQuery& query,
                const std::vector<Iri>& ids, Draft& d) {
  std::vector<StoredArticle> live, deleted;
  for (std::size_t i = ids.size(); i-- > 0;) {
    auto found = cat.articles().find(ids[i]);
    if (!found.ok()) return found.error();
    if (!found->has_value()) continue;
    ((*found)->deleted ? deleted : live).push_back(std::move(**found));
  }
  add_tombstones(deleted, d);
  add_entries(ctx, query, live, d);
  return Status::Ok();
}

// The URL of a month's part: the month's own for its last part.
std::string part_url(const NodeContext& ctx, FeedFormat format, Month month, std::size_t part,
                     std::size_t parts, const FeedQuery& query) {
  return part == parts ? archive_url(ctx, format, month, query)
                       : archive_part_url(ctx, format, month, part, query);
}

// prev-archive and next-archive of a part: along the parts of the month, then to the
// last part of the month before (its own URL) and the first of the month after.
Status link_neighbours(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                       const FeedQuery& query, const std::vector<Month>& months,
                       std::vector<Month>::const_iterator at, std::size_t part, std::size_t parts,
                       Draft& d) {
  if (part > 1)
    link(d, format, archive_part_url(ctx, format, *at, part - 1, query), "prev-archive");
  else if (at != months.begin())
    link(d, format, archive_url(ctx, format, *(at - 1), query), "prev-archive");
  if (part < parts) {
    link(d, format, part_url(ctx, format, *at, part + 1, parts, query), "next-archive");
  } else if (at + 1 != months.end()) {
    auto next_parts = archive_parts(ctx, cat, *(at + 1), query);
    if (!next_parts.ok()) return next_parts.error();
    link(d, format, part_url(ctx, format, *(at + 1), 1, *next_parts, query), "next-archive");
  }
  return Status::Ok();
}

Document not_found(const std::string& message) {
  return Document{404, "text/plain; charset=utf-8", "feeds: " + message + "\n"};
}

}  // namespace

Result<Document> render_archive(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                                Month month, const FeedQuery& query,
                                std::optional<std::size_t> part) {
  auto months = archive_months(cat);
  if (!months.ok()) return months.error();
  auto at = std::find(months->begin(), months->end(), month);
  if (at == months->end())
    return not_found("no archive for " + month_text(month) +
                     ": nothing was published or deleted that month");
  auto plan = plan_archive(ctx, cat, month, query, part);
  if (!plan.ok()) return plan.error();
  const std::size_t parts = plan->parts, k = part.value_or(parts);
  if (k < 1 || k > parts)
    return not_found("the archive of " + month_text(month) + " has " + std::to_string(parts) +
                     (parts == 1 ? " part" : " parts"));
  Draft d = start(ctx, format, query.first_page(), part_url(ctx, format, month, k, parts, query));
  d.feed.archive = true;
  link(d, format, feed_url(ctx, format, query.first_page()), "current");
  if (Status st = link_neighbours(ctx, cat, format, query, *months, at, k, parts, d); !st.ok())
    return st.error();
  if (Status st = add_part(ctx, cat, query, plan->ids, d); !st.ok()) return st.error();
  if (!d.feed.updated) d.feed.updated = month_start(month);
  bool ended = month_end(month) <= ctx.clock->now();
  if (!ended) d.fresh_before(month_end(month));
  return finish(
      d, format,
      ended ? ctx.config.publish.archive_cache_control : ctx.config.publish.cache_control);
}

Result<std::size_t> archive_parts(const NodeContext& ctx, Catalogue& cat, Month month,
                                  const FeedQuery& query) {
  auto plan = plan_archive(ctx, cat, month, query, std::size_t(0));  // no part's ids
  if (!plan.ok()) return plan.error();
  return plan->parts;
}

}  // namespace sic::publish
