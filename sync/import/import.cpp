#include "sync/import/import.h"

#include <algorithm>

namespace sic::sync {
namespace {

void note(MergeStats& stats, const Iri& id, const std::string& why) {
  if (stats.notes.size() < MergeStats::kMaxNotes) stats.notes.push_back(id.str() + ": " + why);
}

// The entry as one of this node's own articles, before its date is settled.
Article own_version(const Article& entry, const Feed& feed, const ImportOptions& options) {
  Article a = entry;
  a.origin = options.node_id;
  a.via.clear();
  a.translations.clear();
  a.shown_translation.reset();
  a.signature = {};
  if (a.lang.empty()) a.lang = !feed.lang.empty() ? feed.lang : options.default_lang;
  return a;
}

// Stores the version, signed.
Status put(Catalogue& cat, Article& a, const ImportOptions& options) {
  if (options.signer) crypto::sign(*options.signer, a);
  return cat.articles().put(a);
}

// What is wrong with an entry's dates for this node (docs/model.md, "Dates"), or "".
std::string date_problem(const Article& a) {
  if (a.published && !is_accepted_date(*a.published))
    return "published " + date_range_problem(*a.published);
  if (!is_accepted_date(a.updated)) return "updated " + date_range_problem(a.updated);
  return "";
}

Status refuse(MergeStats& stats, const Iri& id, const std::string& why) {
  ++stats.refused;
  note(stats, id, why + ", not imported");
  return Status::Ok();
}

Status import_entry(Catalogue& cat, const Article& entry, const Feed& feed,
                    const ImportOptions& options, MergeStats& stats) {
  if (std::string problem = date_problem(entry); !problem.empty())
    return refuse(stats, entry.id, problem);
  Article a = own_version(entry, feed, options);
  const bool dated = a.updated != TimePoint{};
  auto stored = cat.articles().head(a.id);
  if (!stored.ok()) return stored.error();
  if (!*stored) {
    if (!dated) a.updated = a.published.value_or(cat.clock().now());
    ++stats.added;
    return put(cat, a, options);
  }
  const ArticleHead& head = **stored;
  if (head.origin != options.node_id) return refuse(stats, a.id, "belongs to " + head.origin);
  if (head.deleted) {
    if (!dated || a.updated <= *head.deleted) {
      ++stats.unchanged;
      return Status::Ok();
    }
    ++stats.added;
    return put(cat, a, options);
  }
  TimePoint wanted = a.updated;
  a.updated = head.updated;
  if (a.content_hash() == head.content_hash) {
    ++stats.unchanged;
    return Status::Ok();
  }
  // A change must be newer than what peers have, or their merge would ignore it.
  a.updated = std::max(wanted, head.updated + std::chrono::seconds(1));
  if (!is_accepted_date(a.updated))
    return refuse(stats, a.id,
                  "a change of the version dated " + format_rfc3339(head.updated) +
                      " must be dated later, and " + date_range_problem(a.updated));
  ++stats.updated;
  return put(cat, a, options);
}

Status import_tombstone(Catalogue& cat, const Tombstone& t, const ImportOptions& options,
                        MergeStats& stats) {
  if (!is_accepted_date(t.deleted))
    return refuse(stats, t.id, "deleted " + date_range_problem(t.deleted));
  Tombstone own = t;
  own.origin = options.node_id;
  own.via.clear();
  own.signature = {};
  auto stored = cat.articles().head(own.id);
  if (!stored.ok()) return stored.error();
  Verdict v = judge(*stored, Change::of(own), "");
  if (is_refusal(v)) {
    ++stats.refused;
    note(stats, own.id, "belongs to " + (*stored)->origin + ", not deleted");
    return Status::Ok();
  }
  if (!changes_catalogue(v)) {
    ++stats.unchanged;
    return Status::Ok();
  }
  ++stats.deleted;
  if (options.signer) crypto::sign(*options.signer, own);
  return cat.articles().tombstone(own);
}

}  // namespace

Result<MergeStats> import_feed(Catalogue& cat, const Feed& feed, const ImportOptions& options) {
  MergeStats stats;
  Status st = cat.transaction([&]() -> Status {
    for (const auto& entry : feed.articles)
      if (Status s = import_entry(cat, entry, feed, options, stats); !s.ok()) return s;
    for (const auto& t : feed.tombstones)
      if (Status s = import_tombstone(cat, t, options, stats); !s.ok()) return s;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return stats;
}

}  // namespace sic::sync
