// Articles and tombstones in the catalogue (table `articles` and its children).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/search_query.h"

namespace sic {
namespace catalogue {
struct Session;
}

// An article as stored: the model plus the node's bookkeeping.
struct StoredArticle {
  Article article;                   // translations included when asked for
  std::optional<TimePoint> deleted;  // set for a tombstone, whose content fields are empty
  std::string content_hash;          // article.content_hash() of the stored version
  TimePoint stored_at{};             // when this version was stored here
  std::int64_t seq = 0;              // the catalogue version that wrote it
};

// What a merge needs to know about a stored article or tombstone (docs/merge.md).
struct ArticleHead {
  std::string origin;
  TimePoint updated{};
  std::string content_hash;          // of the live version; meaningless for a tombstone
  std::optional<TimePoint> deleted;  // set for a tombstone
  Signature signature;               // of the stored version or tombstone
};

// A version or tombstone signed (or to be signed) by one node, for re-signing.
struct SignedHead {
  Iri id;
  std::string origin;
  TimePoint updated{};
  std::string content_hash;
  std::optional<TimePoint> deleted;
  Signature signature;
};

struct ArticleFilter {
  LanguageTag lang;  // the original's language; empty: any
  // Readable in this language range: the original's language or one of its
  // translations' is the tag or starts with it and '-' ("pt" takes "pt-BR"). Empty: any.
  LanguageTag available_in;
  std::string tag;  // "": any
  std::string section;
  std::string origin;
  // Only articles whose original or a translation matches this query (docs/search.md);
  // the order stays the caller's. Unset: any.
  std::optional<SearchQuery> text;
  bool include_deleted = false;
};

// Keyset paging, newest first: (updated, id) descending.
struct ArticleCursor {
  TimePoint updated{};
  std::string id;
};

struct ArticleQuery {
  ArticleFilter filter;
  std::size_t limit = 50;
  std::optional<ArticleCursor> before;                   // only articles strictly older than this
  std::optional<TimePoint> updated_from, updated_until;  // [from, until) when set
  bool with_translations = true;
};

// One entry of a monthly archive, as the archive's parts are cut (docs/publishing.md,
// "Archives").
struct ArchiveRow {
  Iri id;
  TimePoint time{};  // updated, or deleted for a tombstone
  bool deleted = false;
  std::int64_t text_bytes = 0;  // title, summary and content, translations' included
  std::int64_t html_bytes = 0;  // of which HTML (content_html), escaped again in XML
};

struct OriginLanguageCount {
  std::string origin;
  std::string lang;
  std::int64_t articles = 0;
};

class ArticleStore {
 public:
  explicit ArticleStore(catalogue::Session& session) : s_(session) {}

  // The article (or tombstone) with this id, or nullopt when the catalogue has none.
  Result<std::optional<StoredArticle>> find(const Iri& id, bool with_translations = true);
  // The id an article page's hashed segment stands for (feeds/model/iri.h,
  // iri_path_segment), or nullopt when the catalogue has none.
  Result<std::optional<Iri>> find_hashed(const HashedSegment& segment);
  // The same without content and children (one indexed read): nullopt when unknown.
  Result<std::optional<ArticleHead>> head(const Iri& id);

  // Inserts or replaces the article with its authors, tags and enclosures, and clears
  // a tombstone of the same id. article.translations are NOT written (TranslationStore
  // owns them; translations of the previous version stay and are judged by their
  // source_hash, and are marked outdated while it differs from the new content hash). No merge rule
  // here: sync/merge decides what to put.
  Status put(const Article& article);

  // Replaces the article (known or not) by a tombstone deleted at `when`: content,
  // authors, tags, enclosures and translations are dropped; id, origin and updated kept.
  Status tombstone(const Tombstone& tombstone);

  // put() and tombstone() for many at once: one write (one savepoint inside a
  // transaction) instead of one each, for a peer's batch. All or nothing.
  Status put_many(const std::vector<Article>& articles);
  Status tombstone_many(const std::vector<Tombstone>& tombstones);

  // Articles matching the query, newest first. Tombstones only with include_deleted.
  Result<std::vector<StoredArticle>> list(const ArticleQuery& query);
  Result<std::int64_t> count(const ArticleFilter& filter);
  // Replaces the signatures of stored versions or tombstones (a re-signing: the
  // content does not change), in one write. Unknown ids are skipped.
  Status set_signatures(const std::vector<std::pair<Iri, Signature>>& signatures);
  // The versions and tombstones whose origin is `origin`, or that `origin` signed;
  // with only_unsigned, those without a signature.
  Result<std::vector<SignedHead>> signed_heads(const std::string& origin, bool only_unsigned);

  // Tombstones deleted at or after `since`, newest first.
  Result<std::vector<Tombstone>> tombstones(TimePoint since, std::size_t limit = 1000);
  // Tombstones deleted in [from, until), of `origin` unless it is "", newest deletion
  // first (then id descending), at most `limit`. Each has `deleted` and `stored_at`
  // set and its article holds only id, origin, updated and via.
  Result<std::vector<StoredArticle>> deletions(TimePoint from, TimePoint until,
                                               const std::string& origin, std::size_t limit);
  // Calls visit for the live articles matching `filter` last updated in [from, until)
  // and the tombstones (of filter.origin unless it is "") deleted in it, oldest first
  // ((time, id) ascending), with the sizes of their text; one row at a time (a month can
  // hold 100,000). Reads the text; the content is not returned. Errors: the catalogue's.
  Status archive_rows(const ArticleFilter& filter, TimePoint from, TimePoint until,
                      const std::function<void(const ArchiveRow&)>& visit);
  // The months (UTC) in which a live article was last updated or a tombstone was
  // deleted, oldest first: the monthly archives (docs/publishing.md). Dates outside
  // the accepted ones (datetime.h) have none.
  Result<std::vector<std::chrono::year_month>> months();
  // Live articles counted by origin and language (for /metrics).
  Result<std::vector<OriginLanguageCount>> counts();

 private:
  Status load_children(StoredArticle& stored, bool with_translations);
  catalogue::Session& s_;
};

}  // namespace sic
