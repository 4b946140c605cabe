#include "sync/round/round.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <optional>
#include <set>

#include "feeds/model/hash.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/websub.h"
#include "sync/import/import.h"

namespace sic::sync {
namespace {

using SteadyClock = std::chrono::steady_clock;

// One peer's part of a round: what was read, what is left, what went wrong.
struct Walk {
  PeerRecord record;  // as stored before the round
  PeerReport report;
  std::deque<std::string> frontier;  // follow-up documents still to read
  std::set<std::string> seen;        // every URL read or queued in this round
  std::vector<Feed> documents;       // read with a 200, origins and `via` settled
  bool live_ok = false;              // the live document was read (200) or not modified (304)
  fetch::Validators validators;      // the live document's, to store when live_ok
  std::optional<std::chrono::seconds> retry_after;
  bool failed = false;
  std::string head_key;    // the key the peer's live feed names for itself
  bool read_live = false;  // the live document came with a 200
  std::string hub, topic;  // its first rel="hub" ("" none) and its rel="self"

  bool is_source() const { return record.kind == PeerKind::kSource; }
  bool walking(std::size_t max_documents) const {
    return !failed && live_ok && !frontier.empty() && report.documents < max_documents;
  }
  void fail(std::string message) {
    if (failed) return;
    failed = true;
    report.error = std::move(message);
  }
};

// What a peer's document says, as this node stores it: the peer recorded as `via`,
// the feed's language for entries that have none. Items without an origin (a plain
// CMS or RSS feed) keep none: the merge makes the peer their origin.
void settle_origins(Feed& feed, const std::string& peer) {
  for (auto& a : feed.articles) {
    if (a.lang.empty()) a.lang = feed.lang;
    a.via = peer;
  }
  for (auto& t : feed.tombstones) t.via = peer;
}

// True when the document has entries and every one of them would change the
// catalogue: the walk has not reached known ground yet.
Result<bool> all_new(Catalogue& cat, const Feed& feed, const std::string& own_node,
                     const std::string& peer) {
  if (feed.articles.empty() && feed.tombstones.empty()) return false;
  auto is_new = [&](const Iri& id, Change change) -> Result<bool> {
    if (change.origin.empty()) change.origin = peer;
    auto head = cat.articles().head(id);
    if (!head.ok()) return head.error();
    return changes_catalogue(judge(*head, change, own_node));
  };
  for (const auto& a : feed.articles) {
    auto n = is_new(a.id, Change::of(a));
    if (!n.ok() || !*n) return n;
  }
  for (const auto& t : feed.tombstones) {
    auto n = is_new(t.id, Change::of(t));
    if (!n.ok() || !*n) return n;
  }
  return true;
}

// The link to read after this document (docs/sync.md, "Reading a peer"): while the
// peer is not backfilled, its history — prev-archive (RFC 5005 archives), else next
// (a paged feed without archives); once backfilled, the next page (else the previous
// archive) only when every entry of this one was new.
void queue_links(Catalogue& cat, Walk& w, const Feed& feed, const SyncSettings& settings) {
  if (w.is_source()) return;
  const std::string next = feed.link("next"), previous = feed.link("prev-archive");
  std::string follow;
  if (!w.record.backfilled) {
    follow = previous.empty() ? next : previous;
  } else {
    auto fresh = all_new(cat, feed, settings.node_id, w.record.id);
    if (!fresh.ok()) return w.fail(fresh.error().message);
    if (*fresh) follow = next.empty() ? previous : next;
  }
  if (!follow.empty() && w.seen.insert(follow).second) w.frontier.push_back(follow);
}

void read_document(Catalogue& cat, Walk& w, const fetch::Response& r, const std::string& label,
                   const SyncSettings& settings) {
  ParseOptions parse{r.final_url, settings.max_body_bytes, settings.sanitize};
  auto feed = parse_feed(r.body, parse);
  if (!feed.ok()) return w.fail(label + feed.error().message);
  if (!w.is_source()) settle_origins(*feed, w.record.id);
  if (feed->node == w.record.id && !feed->key.empty()) w.head_key = feed->key;
  ++w.report.documents;
  w.report.entries += feed->articles.size() + feed->tombstones.size();
  w.report.warnings += feed->warnings.size();
  queue_links(cat, w, *feed, settings);
  w.documents.push_back(std::move(*feed));
}

std::string failure_text(const fetch::Response& r) {
  return r.error.empty() ? std::string(fetch::to_string(r.outcome)) : r.error;
}

void on_live(Catalogue& cat, Walk& w, const fetch::Response& r, const SyncSettings& settings) {
  w.report.bytes += r.wire_bytes;
  w.retry_after = r.retry_after;
  if (r.outcome == fetch::Outcome::kNotModified) {
    w.live_ok = true;
    w.validators = r.validators;
  } else if (r.outcome == fetch::Outcome::kOk) {
    read_document(cat, w, r, "", settings);
    w.live_ok = !w.failed;
    w.validators = r.validators;
    if (w.live_ok) {
      const Feed& live = w.documents.back();
      w.read_live = true;
      w.hub = live.link("hub");
      w.topic = live.link("self").empty() ? r.final_url : live.link("self");
    }
  } else {
    return w.fail(failure_text(r));
  }
  if (!w.live_ok) return;
  for (const auto& url : w.record.pending_urls)
    if (w.seen.insert(url).second) w.frontier.push_back(url);
}

void on_follow_up(Catalogue& cat, Walk& w, const std::string& url, const fetch::Response& r,
                  const SyncSettings& settings) {
  w.report.bytes += r.wire_bytes;
  if (r.outcome == fetch::Outcome::kOk)
    read_document(cat, w, r, url + ": ", settings);
  else
    w.fail(url + ": " + failure_text(r));
  if (w.failed) {
    w.retry_after = r.retry_after;
    w.frontier.push_front(url);  // read it again next round
  }
}

// The peers that take part in this round, and the reports of those backing off.
std::vector<Walk> choose(const std::vector<PeerRecord>& peers, const RoundOptions& options,
                         TimePoint now, std::vector<PeerReport>& skipped) {
  std::vector<Walk> walks;
  for (const auto& p : peers) {
    if (!options.only.empty() &&
        std::find(options.only.begin(), options.only.end(), p.id) == options.only.end())
      continue;
    if (options.wanted && !options.wanted(p)) continue;
    PeerReport report{.peer = p.id, .kind = p.kind, .backfilled = p.backfilled};
    if (!options.ignore_backoff && p.consecutive_failures > 0 && p.next_attempt &&
        *p.next_attempt > now) {
      report.status = PeerStatus::kBackingOff;
      report.error = "backing off until " + format_rfc3339(*p.next_attempt) + " after " +
                     std::to_string(p.consecutive_failures) + " failures: " + p.last_error;
      skipped.push_back(std::move(report));
      continue;
    }
    Walk w;
    w.record = p;
    w.report = std::move(report);
    w.seen.insert(p.url);
    walks.push_back(std::move(w));
  }
  return walks;
}

MergeOptions merge_options(const SyncSettings& settings, const std::string& peer) {
  MergeOptions options{settings.node_id, peer};
  options.signer = settings.signer;
  options.cache = settings.cache;
  return options;
}

ImportOptions import_options(const SyncSettings& settings, const std::string& source) {
  auto it = settings.source_langs.find(source);
  return {settings.node_id, it != settings.source_langs.end() ? it->second : settings.default_lang,
          settings.signer};
}

class Round {
 public:
  Round(Catalogue& cat, fetch::Fetcher& fetcher, const SyncSettings& settings,
        const RoundOptions& options, const fetch::UnitRandom& random)
      : cat_(cat), fetcher_(fetcher), settings_(settings), options_(options), random_(random) {}

  Result<RoundReport> run() {
    auto started = SteadyClock::now();
    auto peers = cat_.peers().list();
    if (!peers.ok()) return peers.error();
    std::vector<PeerReport> skipped;
    walks_ = choose(*peers, options_, cat_.clock().now(), skipped);
    progress_.peers_total = walks_.size();
    read_live();
    read_follow_ups(started + settings_.walk_budget);
    RoundReport report;
    apply_all(report);
    if (!cancelled()) learn(report);
    for (auto& s : skipped) report.peers.push_back(std::move(s));
    std::sort(report.peers.begin(), report.peers.end(),
              [](const PeerReport& a, const PeerReport& b) { return a.peer < b.peer; });
    report.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started);
    return report;
  }

 private:
  bool cancelled() const { return options_.cancelled && options_.cancelled(); }

  void report_progress() {
    if (!options_.progress) return;
    progress_.documents = 0;
    progress_.peers_done = 0;
    for (const auto& w : walks_) {
      progress_.documents += w.report.documents;
      if (!w.walking(settings_.max_documents_per_peer)) ++progress_.peers_done;
    }
    options_.progress(progress_);
  }

  void read_live() {
    std::vector<fetch::Request> requests;
    for (const auto& w : walks_)
      requests.push_back(
          {.url = w.record.url, .validators = {w.record.etag, w.record.last_modified}});
    fetch::Progress arrived;
    if (options_.progress)
      arrived = [this](std::size_t finished, std::size_t) {
        progress_.peers_done = finished;
        options_.progress(progress_);
      };
    auto responses = fetcher_.fetch_all(requests, arrived);
    if (cancelled()) return;
    for (std::size_t i = 0; i < walks_.size(); ++i)
      on_live(cat_, walks_[i], responses[i], settings_);
    report_progress();
  }

  // Waves: one document per walking peer, all peers in parallel.
  void read_follow_ups(SteadyClock::time_point deadline) {
    while (!cancelled() && SteadyClock::now() < deadline) {
      std::vector<std::size_t> who;
      std::vector<fetch::Request> requests;
      for (std::size_t i = 0; i < walks_.size(); ++i) {
        Walk& w = walks_[i];
        if (!w.walking(settings_.max_documents_per_peer)) continue;
        requests.push_back({.url = w.frontier.front()});
        w.frontier.pop_front();
        who.push_back(i);
      }
      if (requests.empty()) return;
      auto responses = fetcher_.fetch_all(requests);
      if (cancelled()) return;
      for (std::size_t k = 0; k < who.size(); ++k)
        on_follow_up(cat_, walks_[who[k]], requests[k].url, responses[k], settings_);
      report_progress();
    }
  }

  void apply_all(RoundReport& report) {
    for (auto& w : walks_) {
      if (cancelled()) return;
      apply(w);
      report.peers.push_back(std::move(w.report));
    }
  }

  // The peer's state after this round's attempt.
  PeerRecord next_state(const Walk& w, TimePoint now) const {
    PeerRecord p = w.record;
    p.last_attempt = now;
    fetch::Backoff before{int(p.consecutive_failures), p.next_attempt.value_or(TimePoint{})};
    auto after = fetch::next_backoff(before, !w.failed, w.failed ? w.retry_after : std::nullopt,
                                     now, settings_.backoff, random_);
    p.consecutive_failures = after.consecutive_failures;
    p.next_attempt = after.not_before;
    p.last_error = w.failed ? w.report.error : "";
    if (!w.failed) p.last_success = now;
    p.entries_received += std::int64_t(w.report.entries);
    p.bytes_received += std::int64_t(w.report.bytes);
    if (!w.live_ok) return p;
    p.etag = w.validators.etag;
    p.last_modified = w.validators.last_modified;
    p.pending_urls.assign(w.frontier.begin(), w.frontier.end());
    if (!w.failed && w.frontier.empty()) p.backfilled = true;
    return p;
  }

  Status store(Walk& w) {
    return cat_.transaction([&]() -> Status {
      for (const auto& doc : w.documents) {
        auto stats = w.is_source() ? import_feed(cat_, doc, import_options(settings_, w.record.id))
                                   : merge(cat_, doc.articles, doc.tombstones,
                                           merge_options(settings_, w.record.id));
        if (!stats.ok()) return stats.error();
        w.report.stats += *stats;
      }
      if (w.report.stats.bad_signatures > 0)
        if (Status st = cat_.peers().add_bad_signatures(w.record.id, w.report.stats.bad_signatures);
            !st.ok())
          return st;
      if (settings_.push && w.read_live)
        if (Status st =
                cat_.push().note_hub(w.record.id, w.hub, w.topic, hex_encode(random_bytes(32)));
            !st.ok())
          return st;
      return cat_.peers().save_state(next_state(w, cat_.clock().now()));
    });
  }

  // The keys held entries wait for, and the entries judged again (learn_keys).
  void learn(RoundReport& report) {
    std::vector<KeyHint> hints;
    for (const auto& w : walks_)
      if (!w.head_key.empty()) hints.push_back({w.record.id, w.head_key});
    LearnSettings learning = settings_.learning;
    learning.own_node = settings_.node_id;
    learning.signer = settings_.signer;
    learning.cache = settings_.cache;
    learning.ignore_backoff = options_.ignore_backoff;
    fetch::Fetcher& fetcher = options_.key_fetcher ? *options_.key_fetcher : fetcher_;
    auto learned = learn_keys(cat_, fetcher, learning, hints);
    if (!learned.ok()) {
      report.key_failures.push_back(learned.error().message);
      return;
    }
    report.keys_learned = learned->learned;
    report.key_failures = learned->failures;
    for (auto& p : report.peers)
      if (auto it = learned->by_peer.find(p.peer); it != learned->by_peer.end())
        p.stats += it->second;
  }

  void apply(Walk& w) {
    Status st = store(w);
    if (!st.ok()) {
      w.report.stats = MergeStats{};
      w.live_ok = false;  // nothing was applied: keep the old validators
      w.failed = true;
      w.report.error = st.message();
      (void)cat_.peers().save_state(next_state(w, cat_.clock().now()));
    }
    w.report.pending = w.failed && !w.live_ok ? w.record.pending_urls.size() : w.frontier.size();
    w.report.backfilled = w.record.backfilled || (!w.failed && w.live_ok && w.frontier.empty());
    if (w.failed) {
      w.report.status = PeerStatus::kFailed;
    } else {
      bool read_something = !w.documents.empty();
      w.report.status = read_something ? PeerStatus::kOk : PeerStatus::kNotModified;
    }
  }

  Catalogue& cat_;
  fetch::Fetcher& fetcher_;
  const SyncSettings& settings_;
  const RoundOptions& options_;
  const fetch::UnitRandom& random_;
  std::vector<Walk> walks_;
  RoundProgress progress_;
};

}  // namespace

const char* to_string(PeerStatus status) {
  static constexpr const char* kNames[] = {"ok", "not modified", "failed", "backing off"};
  static_assert(std::size(kNames) == std::size_t(PeerStatus::kBackingOff) + 1);
  return kNames[std::size_t(status)];
}

bool RoundReport::all_ok() const {
  return std::all_of(peers.begin(), peers.end(), [](const PeerReport& p) {
    return p.status == PeerStatus::kOk || p.status == PeerStatus::kNotModified;
  });
}

MergeStats RoundReport::total() const {
  MergeStats sum;
  for (const auto& p : peers) sum += p.stats;
  return sum;
}

Result<MergeStats> apply_pushed(Catalogue& catalogue, const PeerRecord& peer, std::string_view body,
                                const std::string& url, const SyncSettings& settings) {
  ParseOptions parse{url, settings.max_body_bytes, settings.sanitize};
  auto feed = parse_feed(body, parse);
  if (!feed.ok()) return feed.error();
  const bool source = peer.kind == PeerKind::kSource;
  if (!source) settle_origins(*feed, peer.id);
  MergeStats total;
  Status st = catalogue.transaction([&]() -> Status {
    Result<MergeStats> stats =
        source
            ? import_feed(catalogue, *feed, import_options(settings, peer.id))
            : merge(catalogue, feed->articles, feed->tombstones, merge_options(settings, peer.id));
    if (!stats.ok()) return stats.error();
    total = *stats;
    if (total.bad_signatures == 0) return Status::Ok();
    return catalogue.peers().add_bad_signatures(peer.id, total.bad_signatures);
  });
  if (!st.ok()) return st.error();
  return total;
}

Result<RoundReport> run_round(Catalogue& catalogue, fetch::Fetcher& fetcher,
                              const SyncSettings& settings, const RoundOptions& options,
                              const fetch::UnitRandom& random) {
  return Round(catalogue, fetcher, settings, options, random).run();
}

}  // namespace sic::sync
