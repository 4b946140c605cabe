// The feed documents: live (with its pages) and monthly archives, in Atom, JSON Feed
// and RSS (docs/publishing.md). Pure functions of the catalogue, the config and the
// clock: the same catalogue renders the same bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/context/render_cache.h"
#include "node/publish/query.h"
#include "node/publish/urls.h"

namespace sic::publish {

struct FeedOptions {
  // False for static export: no `next` links, since pages need the server.
  bool paging = true;
};

// The live feed (no page) or one of its pages: the newest [publish] page_size
// articles matching the query (after query.page when set), with a `next` link when
// more follow. The live feed also has `prev-archive` (the newest month) and the
// tombstones of the last [publish] tombstone_days days; a page has `first`.
// Errors: the catalogue's.
Result<Document> render_live_feed(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                                  const FeedQuery& query, const FeedOptions& options = {});

// One part of the archive of a month (docs/publishing.md, "Archives"): the month's
// articles of the query (last updated in the month) and tombstones (deleted in it),
// oldest first, are cut into parts of at most [publish] archive_part_entries entries
// and archive_part_bytes bytes (estimated from the stored text); part 1 holds the
// oldest. `part` is 1-based; nullopt is the last part (the month's own URL). The
// document has fh:archive, `current`, and `prev-archive` / `next-archive` along the
// chain of parts and months (months without any article or tombstone are skipped). A
// 404 document when the catalogue has nothing in that month or the part does not
// exist. Errors: the catalogue's.
Result<Document> render_archive(const NodeContext& ctx, Catalogue& cat, FeedFormat format,
                                Month month, const FeedQuery& query,
                                std::optional<std::size_t> part = std::nullopt);

// How many parts the archive of a month has for the query (1 when the month has
// nothing the query selects). Errors: the catalogue's.
Result<std::size_t> archive_parts(const NodeContext& ctx, Catalogue& cat, Month month,
                                  const FeedQuery& query);

// The months that have an archive, oldest first.
Result<std::vector<Month>> archive_months(Catalogue& cat);

// One page of the query's articles, newest first (after query.page when set): at most
// [publish] page_size, and the cursor of the next page when more follow. Errors: the
// catalogue's.
struct ArticlePage {
  std::vector<StoredArticle> rows;
  std::optional<ArticleCursor> next;
};
Result<ArticlePage> read_page(const NodeContext& ctx, Catalogue& cat, const FeedQuery& query,
                              bool with_translations);

// The title of a (filtered) feed: "Node name" or "Node name — Cyberbullying, Helplines,
// sic-es", with taxonomy labels in the query's language (else the node's first).
std::string feed_title(const NodeContext& ctx, const FeedQuery& query);

// The language a document is shown in: the query's, else the node's first.
LanguageTag document_language(const NodeContext& ctx, const FeedQuery& query);

}  // namespace sic::publish
