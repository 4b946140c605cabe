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
#include <string>

#include "node/catalogue/pool.h"
#include "sync/http_client/http_client.h"
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

  CataloguePool& pool_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  SchedulerOptions options_;
  fetch::UnitRandom random_;
  std::map<std::string, TimePoint> due_;  // scheduler thread only
  std::atomic<std::uint64_t> rounds_{0};
  BackgroundLoop loop_;  // last: its thread uses the members above
};

}  // namespace sic::sync
