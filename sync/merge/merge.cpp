#include "sync/merge/merge.h"

#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "feeds/feeds.h"
#include "node/catalogue/held.h"
#include "node/catalogue/translations.h"
#include "sync/merge/translations.h"
#include "sync/trust/checks.h"

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

std::string quoted(std::string_view text) { return "\"" + std::string(text.substr(0, 80)) + "\""; }

// One item of a batch: a version or a tombstone.
struct Item {
  const Article* version = nullptr;
  const Tombstone* tombstone = nullptr;

  const void* tag() const { return version ? static_cast<const void*>(version) : tombstone; }
  const Iri& id() const { return version ? version->id : tombstone->id; }
  const Signature& signature() const { return version ? version->signature : tombstone->signature; }
  TimePoint when() const { return version ? version->updated : tombstone->deleted; }
  // "" for an item of a plain feed.
  const std::string& claimed_origin() const {
    return version ? version->origin : tombstone->origin;
  }
};

// The batch judged in memory, as if applied item by item: each id's state starts as
// the catalogue's and moves to every item that wins; only the final states are
// written, in one put_many and one tombstone_many. Signatures are checked after the
// judging (start_checks), while the states are written; the caller rolls back and
// judges again without the items whose signature failed.
class Batch {
 public:
  Batch(Catalogue& cat, const MergeOptions& options, MergeStats& stats,
        const std::set<const void*>& rejected)
      : cat_(cat),
        options_(options),
        stats_(stats),
        rejected_(rejected),
        authority_(cat, options.keys_settled) {}

  Status add(const Article& a) {
    if (a.shown_translation) return refuse(a.id, "shows a translation instead of the original");
    if (a.published && !is_accepted_date(*a.published))
      return refuse(a.id, "published " + date_range_problem(*a.published));
    if (!is_accepted_date(a.updated))
      return refuse(a.id, "updated " + date_range_problem(a.updated));
    if (!a.translations.empty()) with_translations_.push_back(&a);
    return add(Item{&a, nullptr});
  }
  Status add(const Tombstone& t) {
    if (!is_accepted_date(t.deleted))
      return refuse(t.id, "deleted " + date_range_problem(t.deleted));
    return add(Item{nullptr, &t});
  }

  // The signature checks the judged items need, started (in parallel when asked).
  std::unique_ptr<Checks> start_checks(VerificationCache& cache, bool parallel) {
    return std::make_unique<Checks>(std::move(checks_), cache, parallel);
  }

  Status write() {
    std::vector<Article> puts;
    std::vector<Tombstone> tombstones;
    for (auto& [id, state] : states_) {
      if (state.winner.version) {
        puts.push_back(*state.winner.version);
        settle(puts.back(), state);
      } else if (state.winner.tombstone) {
        tombstones.push_back(*state.winner.tombstone);
        settle(tombstones.back(), state);
      }
    }
    if (Status st = cat_.articles().put_many(puts); !st.ok()) return st;
    if (Status st = cat_.articles().tombstone_many(tombstones); !st.ok()) return st;
    for (const auto& [origin, direct] : plain_origins_)
      if (Status st = authority_.note_plain(origin, direct); !st.ok()) return st;
    if (Status st = cat_.articles().set_signatures(resign_); !st.ok()) return st;
    return write_held();
  }

  // Translations travel with versions; they are kept for articles live after the
  // batch whose claimed origin is the article's, when their translator's signature
  // holds (docs/merge.md, "Translations").
  Status keep_translations(VerificationCache& cache) {
    for (const Article* a : with_translations_) {
      auto it = states_.find(a->id.str());
      if (it == states_.end()) continue;
      const State& state = it->second;
      if (!state.head || state.head->deleted || state.head->origin != origin_of(a->origin))
        continue;
      auto wanted = wanted_translations(cat_.translations(), *a, state.head->content_hash);
      if (!wanted.ok()) return wanted.error();
      for (const Translation* t : *wanted)
        if (Status st = keep_translation(*a, *t, cache); !st.ok()) return st;
    }
    return write_held();
  }

 private:
  struct State {
    std::optional<ArticleHead> head;  // as it stands after the items seen so far
    Item winner;                      // the item to write, if any
    bool plain = false;               // the winner is a plain feed's: this node signs it
  };

  const std::string& origin_of(const std::string& claimed) const {
    return claimed.empty() ? options_.peer : claimed;
  }

  template <typename T>
  void settle(T& item, const State& state) {
    item.via = options_.peer;
    if (!state.plain) return;
    item.origin = options_.peer;
    item.signature = {};
    if (options_.signer) crypto::sign(*options_.signer, item);
  }

  Status refuse(const Iri& id, const std::string& why, bool forgery = false) {
    ++stats_.refused;
    if (forgery) ++stats_.bad_signatures;
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

  Result<State*> state_of(const Iri& id) {
    auto it = states_.find(id.str());
    if (it == states_.end()) {
      auto head = cat_.articles().head(id);
      if (!head.ok()) return head.error();
      it = states_.emplace(id.str(), State{*head}).first;
    }
    return &it->second;
  }

  static std::string statement(const Item& item, const Change& change) {
    return article_statement(item.id(), change.origin, change.when, change.content_hash,
                             change.deletion);
  }

  Status add(const Item& item) {
    const Iri& id = item.id();
    if (too_far_ahead(item.when()))
      return refuse(id, (item.version ? "updated " : "deleted ") + ahead_text(item.when()));
    const bool plain = item.claimed_origin().empty();
    const std::string& origin = origin_of(item.claimed_origin());
    if (!is_node_id(origin))
      return refuse(id, "origin " + quoted(origin) + " is not a node id", true);
    Change change = item.version ? Change{origin, item.when(), item.version->content_hash(), false}
                                 : Change{origin, item.when(), "", true};
    auto state = state_of(id);
    if (!state.ok()) return state.error();
    Verdict v = judge((*state)->head, change, options_.own_node);
    if (is_refusal(v) || origin == options_.own_node) {
      count(stats_, v);
      if (is_refusal(v)) note(stats_, id, refusal_reason(v, (*state)->head, change));
      return Status::Ok();
    }
    if (plain) return add_plain(item, change, v, **state);
    return add_signed(item, change, v, **state);
  }

  // An item of a plain feed: the peer's own, signed by this node when stored.
  Status add_plain(const Item& item, const Change& change, Verdict v, State& state) {
    auto why = authority_.plain_refusal(change.origin);
    if (!why.ok()) return why.error();
    if (*why) return refuse(item.id(), **why, true);
    count(stats_, v);
    if (changes_catalogue(v)) {
      move(state, item, change);
      state.plain = true;
      plain_origins_[change.origin] = true;
    } else if (v == Verdict::kUnchanged && state.head->signature.empty() && options_.signer) {
      resign_.emplace_back(item.id(), options_.signer->sign(statement(item, change)));
    }
    return Status::Ok();
  }

  Status add_signed(const Item& item, const Change& change, Verdict v, State& state) {
    const Signature& sig = item.signature();
    auto standing = authority_.of_article(change.origin, sig, change.when);
    if (!standing.ok()) return standing.error();
    if (standing->kind == Standing::kRefused)
      return refuse(item.id(), standing->reason, standing->forgery);
    // A stored version signed by nobody yet, or by an older key, takes the signature.
    bool resign = v == Verdict::kUnchanged && state.head->signature != sig &&
                  (state.head->signature.empty() ||
                   (standing->current_key && state.head->signature.key != sig.key));
    if (!changes_catalogue(v) && !resign) {
      count(stats_, v);
      return Status::Ok();
    }
    if (standing->kind == Standing::kHeld) return hold(item);
    if (rejected_.count(item.tag())) return refuse(item.id(), "bad signature", true);
    checks_.push_back({item.tag(), *standing->key, statement(item, change), sig.value});
    count(stats_, v);
    if (resign) {
      resign_.emplace_back(item.id(), sig);
      ++stats_.resigned;
    } else {
      move(state, item, change);
    }
    if (sig.by != change.origin) plain_origins_.emplace(change.origin, false);
    return Status::Ok();
  }

  void move(State& state, const Item& item, const Change& change) {
    TimePoint updated = change.deletion && state.head ? state.head->updated : change.when;
    std::optional<TimePoint> deleted;
    if (change.deletion) deleted = change.when;
    state.head =
        ArticleHead{change.origin, updated, change.content_hash, deleted, item.signature()};
    state.winner = item;
    state.plain = false;
  }

  Status hold(const Item& item) {
    Feed doc;
    HeldKind kind = HeldKind::kVersion;
    if (item.version) {
      doc.articles.push_back(*item.version);
    } else {
      doc.tombstones.push_back(*item.tombstone);
      kind = HeldKind::kTombstone;
    }
    return hold(item.id(), item.signature(), kind, doc);
  }

  Status hold(const Iri& id, const Signature& sig, HeldKind kind, const Feed& doc) {
    held_.push_back(
        {0, options_.peer, sig.by, sig.url, id, kind, write_feed(FeedFormat::kJsonFeed, doc), {}});
    ++stats_.held;
    return Status::Ok();
  }

  Status write_held() {
    if (held_.empty()) return Status::Ok();
    auto already = cat_.held().count(options_.peer);
    if (!already.ok()) return already.error();
    std::int64_t room = std::int64_t(options_.max_held) - *already;
    for (const auto& h : held_) {
      if (room-- <= 0) {
        --stats_.held;
        (void)refuse(h.article, "too many entries held from " + options_.peer);
        continue;
      }
      if (Status st = cat_.held().hold(h); !st.ok()) return st;
    }
    held_.clear();
    return Status::Ok();
  }

  Status keep_translation(const Article& a, const Translation& t, VerificationCache& cache) {
    if (t.signature.by == options_.own_node) return Status::Ok();  // ours, never replaced
    std::string where = "translation into " + t.lang.str() + ": ";
    auto standing = authority_.of_translation(t.signature, t.translated_at);
    if (!standing.ok()) return standing.error();
    if (standing->kind == Standing::kRefused)
      return refuse(a.id, where + standing->reason, standing->forgery);
    if (standing->kind == Standing::kHeld) {
      Feed doc;
      doc.articles.push_back(a);
      doc.articles.back().translations = {t};
      return hold(a.id, t.signature, HeldKind::kTranslation, doc);
    }
    if (!cache.verify(*standing->key, statement_of(a.id, t), t.signature.value))
      return refuse(a.id, where + "bad signature", true);
    // t.link, the sender's page for it, is not stored: each node publishes its own.
    if (Status st = cat_.translations().put(a.id, t, options_.peer); !st.ok()) return st;
    ++stats_.translations;
    return Status::Ok();
  }

  Catalogue& cat_;
  const MergeOptions& options_;
  MergeStats& stats_;
  const std::set<const void*>& rejected_;
  Authority authority_;
  std::map<std::string, State> states_;
  std::vector<const Article*> with_translations_;
  std::vector<Checks::Item> checks_;
  std::vector<std::pair<Iri, Signature>> resign_;
  std::map<std::string, bool> plain_origins_;  // origin → read first-hand here
  std::vector<HeldItem> held_;
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
  held += o.held;
  bad_signatures += o.bad_signatures;
  resigned += o.resigned;
  for (const auto& n : o.notes)
    if (notes.size() < kMaxNotes) notes.push_back(n);
  return *this;
}

Result<MergeStats> merge(Catalogue& cat, const std::vector<Article>& articles,
                         const std::vector<Tombstone>& tombstones, const MergeOptions& options) {
  VerificationCache local;
  VerificationCache& cache = options.cache ? *options.cache : local;
  std::set<const void*> rejected;  // items whose signature failed: refused when judged again
  while (true) {
    MergeStats stats;
    std::vector<const void*> failed;
    Status st = cat.transaction([&]() -> Status {
      Batch batch(cat, options, stats, rejected);
      for (const auto& a : articles)
        if (Status s = batch.add(a); !s.ok()) return s;
      for (const auto& t : tombstones)
        if (Status s = batch.add(t); !s.ok()) return s;
      // Optimistic: the states are written while the signatures are checked.
      auto checks = batch.start_checks(cache, rejected.empty());
      Status written = batch.write();
      failed = checks->join();
      if (!written.ok()) return written;
      if (!failed.empty()) return Error{"merge: signatures failed; judged again without them"};
      return batch.keep_translations(cache);
    });
    if (!failed.empty()) {
      rejected.insert(failed.begin(), failed.end());
      continue;
    }
    if (!st.ok()) return st.error();
    return stats;
  }
}

}  // namespace sic::sync
