#include "sync/merge/merge.h"

#include <iterator>
#include <map>
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

// The batch judged in memory, as if applied item by item: each id's state starts as
// the catalogue's and moves to every item that wins; only the final states are
// written, in one put_many and one tombstone_many.
class Batch {
 public:
  Batch(Catalogue& cat, const MergeOptions& options, MergeStats& stats)
      : cat_(cat), options_(options), stats_(stats) {}

  Status add(const Article& a) {
    if (a.shown_translation) return refuse(a.id, "shows a translation instead of the original");
    if (a.published && !is_accepted_date(*a.published))
      return refuse(a.id, "published " + date_range_problem(*a.published));
    if (!is_accepted_date(a.updated))
      return refuse(a.id, "updated " + date_range_problem(a.updated));
    if (too_far_ahead(a.updated)) return refuse(a.id, "updated " + ahead_text(a.updated));
    Change change = Change::of(a);
    auto slot = judge_in(a.id, change);
    if (!slot.ok()) return slot.error();
    if (*slot) {
      (*slot)->head = ArticleHead{change.origin, change.when, change.content_hash, std::nullopt};
      (*slot)->version = &a;
      (*slot)->tombstone = nullptr;
    }
    if (!a.translations.empty()) with_translations_.push_back(&a);
    return Status::Ok();
  }

  Status add(const Tombstone& t) {
    if (!is_accepted_date(t.deleted))
      return refuse(t.id, "deleted " + date_range_problem(t.deleted));
    if (too_far_ahead(t.deleted)) return refuse(t.id, "deleted " + ahead_text(t.deleted));
    Change change = Change::of(t);
    auto slot = judge_in(t.id, change);
    if (!slot.ok()) return slot.error();
    if (*slot) {
      TimePoint updated = (*slot)->head ? (*slot)->head->updated : t.deleted;
      (*slot)->head = ArticleHead{change.origin, updated, "", t.deleted};
      (*slot)->tombstone = &t;
      (*slot)->version = nullptr;
    }
    return Status::Ok();
  }

  Status write() {
    std::vector<Article> puts;
    std::vector<Tombstone> tombstones;
    for (auto& [id, state] : states_) {
      if (state.version) {
        puts.push_back(*state.version);
        puts.back().via = options_.peer;
        puts.back().shown_translation.reset();
      } else if (state.tombstone) {
        tombstones.push_back(*state.tombstone);
        tombstones.back().via = options_.peer;
      }
    }
    if (Status st = cat_.articles().put_many(puts); !st.ok()) return st;
    if (Status st = cat_.articles().tombstone_many(tombstones); !st.ok()) return st;
    return keep_translations();
  }

 private:
  struct State {
    std::optional<ArticleHead> head;       // as it stands after the items seen so far
    const Article* version = nullptr;      // to write: the winning version, or
    const Tombstone* tombstone = nullptr;  // the winning tombstone
  };

  Status refuse(const Iri& id, const std::string& why) {
    ++stats_.refused;
    note(stats_, id, why);
    return Status::Ok();
  }

  bool too_far_ahead(TimePoint when) const {
    return when > cat_.clock().now() + options_.max_ahead;
  }

  std::string ahead_text(TimePoint when) const {
    return format_rfc3339(when) + ", more than " + std::to_string(options_.max_ahead.count()) +
           " s ahead of this node's clock";
  }

  // Judges the change against the id's state; counts it. Returns the state to move
  // to the change when it wins, nullptr otherwise.
  Result<State*> judge_in(const Iri& id, const Change& change) {
    auto it = states_.find(id.str());
    if (it == states_.end()) {
      auto head = cat_.articles().head(id);
      if (!head.ok()) return head.error();
      it = states_.emplace(id.str(), State{*head}).first;
    }
    State& state = it->second;
    Verdict v = change.origin.empty() ? Verdict::kOriginMismatch
                                      : judge(state.head, change, options_.own_node);
    count(stats_, v);
    if (is_refusal(v)) note(stats_, id, refusal_reason(v, state.head, change));
    return changes_catalogue(v) ? &state : nullptr;
  }

  // Translations travel with versions; they are kept for articles live after the
  // batch whose claimed origin is the article's (docs/merge.md, "Translations").
  Status keep_translations() {
    for (const Article* a : with_translations_) {
      const State& state = states_.at(a->id.str());
      if (!state.head || state.head->deleted || state.head->origin != a->origin) continue;
      auto kept = keep_incoming_translations(cat_.translations(), *a, state.head->content_hash,
                                             options_.peer);
      if (!kept.ok()) return kept.error();
      stats_.translations += *kept;
    }
    return Status::Ok();
  }

  Catalogue& cat_;
  const MergeOptions& options_;
  MergeStats& stats_;
  std::map<std::string, State> states_;
  std::vector<const Article*> with_translations_;
};

}  // namespace

Change Change::of(const Article& version) {
  return {version.origin, version.updated, version.content_hash(), false};
}

Change Change::of(const Tombstone& tombstone) {
  return {tombstone.origin, tombstone.deleted, "", true};
}

const char* to_string(Verdict verdict) {
  static constexpr const char* kNames[] = {"new",       "update", "revive",      "delete",
                                           "unchanged", "older",  "own article", "origin mismatch"};
  static_assert(std::size(kNames) == std::size_t(Verdict::kOriginMismatch) + 1);
  return kNames[std::size_t(verdict)];
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
  if (!changes_catalogue(v) || own_node.empty() || incoming.origin != own_node) return v;
  // An echo of the node's own version, as a peer renders it (docs/merge.md, "Articles
  // without a link of their own").
  bool echo = v == Verdict::kUpdate && incoming.when == stored->updated;
  return echo ? Verdict::kUnchanged : Verdict::kOwnArticle;
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
    Batch batch(cat, options, stats);
    for (const auto& a : articles)
      if (Status s = batch.add(a); !s.ok()) return s;
    for (const auto& t : tombstones)
      if (Status s = batch.add(t); !s.ok()) return s;
    return batch.write();
  });
  if (!st.ok()) return st.error();
  return stats;
}

}  // namespace sic::sync
