// Rounds in the background, for `sicnode serve` (docs/sync.md, "Rounds").
//
// One thread runs rounds over the peers and sources that are due: a peer is due
// when its interval (its own, else SyncSettings::interval), scaled by a random
// factor in [1 - jitter, 1 + jitter), has passed since its last attempt, and its
// back-off has ended. A peer never attempted is due at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "node/catalogue/pool.h"
#include "sync/http_client/http_client.h"
#include "sync/push/push.h"
#include "sync/round/round.h"
#include "sync/scheduler/loop.h"

namespace sic::sync {

struct SchedulerOptions {
  SyncSettings settings;
  // For other nodes' key documents (RoundOptions::key_fetcher); may be null.
  std::shared_ptr<fetch::Fetcher> key_fetcher;
  // Signatures checked by earlier rounds: settings.cache points to it when set.
  std::shared_ptr<VerificationCache> cache = std::make_shared<VerificationCache>();
  double jitter = 0.1;
  // The longest sleep between two looks at the peers (peers added by another
  // process are noticed after at most this long).
  std::chrono::seconds max_sleep{60};
  // Called on the scheduler's thread after every round, and with a message when a
  // round could not run (the catalogue failed). May be empty.
  std::function<void(const RoundReport&)> on_round;
  std::function<void(const std::string&)> on_error;
  // WebSub (docs/websub.md): when set, the subscriptions to the peers' hubs are asked
  // and renewed after every round and when due, and a peer whose hub pushes (a healthy
  // subscription) is polled every push_fallback instead of its interval.
  std::optional<push::SubscriberSettings> push;
  std::chrono::seconds push_fallback{3600};
  // Called with each subscription failure ("peer: message"). May be empty.
  std::function<void(const std::string&)> on_push_failure;
  // Called first on the scheduler's thread (`serve` lowers its CPU priority there, so
  // that a large merge does not slow the answers to requests). May be empty.
  std::function<void()> on_start;
};

class Scheduler {
 public:
  // Starts the thread at once. The pool and fetcher are used by that thread only
  // (the pool is thread-safe); the pool outlives the scheduler.
  Scheduler(CataloguePool& pool, std::unique_ptr<fetch::Fetcher> fetcher, SchedulerOptions options);
  // stop().
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Asks for a round over every peer and source as soon as possible, whatever their
  // intervals (back-off is still honoured). Returns at once; thread-safe.
  void trigger();
  // Looks again at when each peer is due (a subscription to its hub was verified or
  // denied: its interval changed), without a round for peers not due. Thread-safe.
  void reschedule();
  // Stops the thread: the fetches in flight are cancelled, a transaction in progress
  // completes, peers whose round was cut short keep their old state. Idempotent;
  // thread-safe.
  void stop();
  // Rounds completed so far (thread-safe).
  std::uint64_t rounds() const { return rounds_; }

 private:
  void loop();
  void run_once(bool everything);
  // When the next peer is due, from the catalogue; at most max_sleep from now.
  TimePoint next_wake(Catalogue& catalogue, TimePoint now);
  TimePoint due_of(const PeerRecord& peer);
  std::chrono::seconds interval_of(const PeerRecord& peer) const;
  // Which peers' hubs push to this node now (read from the catalogue).
  void read_push_health(Catalogue& catalogue, TimePoint now);
  void subscribe(Catalogue& catalogue);

  CataloguePool& pool_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  SchedulerOptions options_;
  fetch::UnitRandom random_;
  // The random factor of each peer's interval, drawn after its last round, so that
  // a change of interval (push starting or stopping) applies at once. Scheduler
  // thread only, like pushed_.
  std::map<std::string, double> factor_;
  std::map<std::string, bool> pushed_;
  std::atomic<std::uint64_t> rounds_{0};
  std::atomic<bool> full_round_{false};  // trigger() asked for one
  BackgroundLoop loop_;                  // last: its thread uses the members above
};

}  // namespace sic::sync
