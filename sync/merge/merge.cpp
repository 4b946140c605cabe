#include "sync/merge/merge.h"

#include <tuple>

#include "node/catalogue/translations.h"
#include "sync/merge/translations.h"

namespace sic::sync {
namespace {

// The position of a change in the total order: (when, kind, hash), kind 0 for a
// version and 1 for a deletion.
using Key = std::tuple<TimePoint, int, std::string_view>;

Key key_of(const Change& c) {
  return {c.when, c.deletion ? 1 : 0, c.deletion ? std::string_view() : c.content_hash};
}

Key key_of(const ArticleHead& h) {
  if (h.deleted) return {*h.deleted, 1, std::string_view()};
  return {h.updated, 0, h.content_hash};
}

Verdict unchecked_verdict(const std::optional<ArticleHead>& stored, const Change& in) {
  if (!stored) return in.deletion ? Verdict::kDelete : Verdict::kNew;
  Key incoming = key_of(in), current = key_of(*stored);
  if (incoming == current) return Verdict::kUnchanged;
  if (incoming < current) return Verdict::kOlder;
  if (in.deletion) return Verdict::kDelete;
  return stored->deleted ? Verdict::kRevive : Verdict::kUpdate;
}

void note(MergeStats& stats, const Iri& id, const std::string& why) {
  if (stats.notes.size() < MergeStats::kMaxNotes) stats.notes.push_back(id.str() + ": " + why);
}

std::string refusal_reason(Verdict v, const std::optional<ArticleHead>& stored, const Change& in) {
  if (in.origin.empty()) return "no origin";
  if (v == Verdict::kOwnArticle) return "a change to this node's own article";
  return "origin mismatch: stored " + stored->origin + ", received " + in.origin;
}

void count(MergeStats& stats, Verdict v) {
  switch (v) {
    case Verdict::kNew:
    case Verdict::kRevive:
      ++stats.added;
      break;
    case Verdict::kUpdate:
      ++stats.updated;
      break;
    case Verdict::kDelete:
      ++stats.deleted;
      break;
    case Verdict::kUnchanged:
    case Verdict::kOlder:
      ++stats.unchanged;
      break;
    case Verdict::kOwnArticle:
    case Verdict::kOriginMismatch:
      ++stats.refused;
      break;
  }
}

// Judges one change against the catalogue; counts it and notes a refusal.
Result<Verdict> judge_in(Catalogue& cat, const Iri& id, const Change& change,
                         const MergeOptions& options, MergeStats& stats) {
  auto stored = cat.articles().head(id);
  if (!stored.ok()) return stored.error();
  Verdict v =
      change.origin.empty() ? Verdict::kOriginMismatch : judge(*stored, change, options.own_node);
  count(stats, v);
  if (is_refusal(v)) note(stats, id, refusal_reason(v, *stored, change));
  return v;
}

Status merge_version(Catalogue& cat, const Article& incoming, const MergeOptions& options,
                     MergeStats& stats) {
  if (incoming.shown_translation) {
    ++stats.refused;
    note(stats, incoming.id, "shows a translation instead of the original");
    return Status::Ok();
  }
  auto v = judge_in(cat, incoming.id, Change::of(incoming), options, stats);
  if (!v.ok()) return v.error();
  if (is_refusal(*v)) return Status::Ok();
  if (changes_catalogue(*v)) {
    Article stored = incoming;
    stored.via = options.peer;
    stored.shown_translation.reset();
    if (Status st = cat.articles().put(stored); !st.ok()) return st;
  }
  if (incoming.translations.empty()) return Status::Ok();
  auto head = cat.articles().head(incoming.id);
  if (!head.ok()) return head.error();
  if (!*head || (*head)->deleted) return Status::Ok();
  auto kept =
      keep_incoming_translations(cat.translations(), incoming, (*head)->content_hash, options.peer);
  if (!kept.ok()) return kept.error();
  stats.translations += *kept;
  return Status::Ok();
}

Status merge_tombstone(Catalogue& cat, const Tombstone& incoming, const MergeOptions& options,
                       MergeStats& stats) {
  auto v = judge_in(cat, incoming.id, Change::of(incoming), options, stats);
  if (!v.ok()) return v.error();
  if (!changes_catalogue(*v)) return Status::Ok();
  Tombstone stored = incoming;
  stored.via = options.peer;
  return cat.articles().tombstone(stored);
}

}  // namespace

Change Change::of(const Article& version) {
  return {version.origin, version.updated, version.content_hash(), false};
}

Change Change::of(const Tombstone& tombstone) {
  return {tombstone.origin, tombstone.deleted, "", true};
}

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kNew:
      return "new";
    case Verdict::kUpdate:
      return "update";
    case Verdict::kRevive:
      return "revive";
    case Verdict::kDelete:
      return "delete";
    case Verdict::kUnchanged:
      return "unchanged";
    case Verdict::kOlder:
      return "older";
    case Verdict::kOwnArticle:
      return "own article";
    case Verdict::kOriginMismatch:
      return "origin mismatch";
  }
  return "unknown";
}

bool changes_catalogue(Verdict v) {
  return v == Verdict::kNew || v == Verdict::kUpdate || v == Verdict::kRevive ||
         v == Verdict::kDelete;
}

bool is_refusal(Verdict v) { return v == Verdict::kOwnArticle || v == Verdict::kOriginMismatch; }

Verdict judge(const std::optional<ArticleHead>& stored, const Change& incoming,
              std::string_view own_node) {
  if (stored && stored->origin != incoming.origin) return Verdict::kOriginMismatch;
  Verdict v = unchecked_verdict(stored, incoming);
  if (changes_catalogue(v) && !own_node.empty() && incoming.origin == own_node)
    return Verdict::kOwnArticle;
  return v;
}

MergeStats& MergeStats::operator+=(const MergeStats& o) {
  added += o.added;
  updated += o.updated;
  deleted += o.deleted;
  unchanged += o.unchanged;
  refused += o.refused;
  translations += o.translations;
  for (const auto& n : o.notes)
    if (notes.size() < kMaxNotes) notes.push_back(n);
  return *this;
}

Result<MergeStats> merge(Catalogue& cat, const std::vector<Article>& articles,
                         const std::vector<Tombstone>& tombstones, const MergeOptions& options) {
  MergeStats stats;
  Status st = cat.transaction([&]() -> Status {
    for (const auto& a : articles)
      if (Status s = merge_version(cat, a, options, stats); !s.ok()) return s;
    for (const auto& t : tombstones)
      if (Status s = merge_tombstone(cat, t, options, stats); !s.ok()) return s;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return stats;
}

}  // namespace sic::sync
