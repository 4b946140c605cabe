#include "sync/scheduler/scheduler.h"

#include <algorithm>

namespace sic::sync {
namespace {

std::chrono::seconds interval_of(const PeerRecord& p, const SyncSettings& settings) {
  if (p.interval_seconds && *p.interval_seconds > 0)
    return std::chrono::seconds(*p.interval_seconds);
  return settings.interval;
}

// Not before the end of the peer's back-off.
TimePoint backoff_floor(const PeerRecord& p) {
  if (p.consecutive_failures > 0 && p.next_attempt) return *p.next_attempt;
  return TimePoint{};
}

}  // namespace

Scheduler::Scheduler(CataloguePool& pool, std::unique_ptr<fetch::Fetcher> fetcher,
                     SchedulerOptions options)
    : pool_(pool),
      fetcher_(std::move(fetcher)),
      options_(std::move(options)),
      random_(fetch::system_unit_random()) {
  if (options_.cache) options_.settings.cache = options_.cache.get();
  loop_.start([this] { loop(); });
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::trigger() { loop_.wake(); }

void Scheduler::stop() {
  loop_.request_stop();
  fetcher_->cancel();
  if (options_.key_fetcher) options_.key_fetcher->cancel();
  loop_.stop();
}

TimePoint Scheduler::due_of(const PeerRecord& p) {
  if (auto it = due_.find(p.id); it != due_.end()) return it->second;
  if (!p.last_attempt) return TimePoint{};
  return *p.last_attempt + interval_of(p, options_.settings);
}

TimePoint Scheduler::next_wake(Catalogue& cat, TimePoint now) {
  TimePoint wake = now + options_.max_sleep;
  auto peers = cat.peers().list();
  if (!peers.ok()) {
    if (options_.on_error) options_.on_error("sync: " + peers.error().message);
    return wake;
  }
  for (const auto& p : *peers) wake = std::min(wake, std::max(due_of(p), backoff_floor(p)));
  return wake;
}

void Scheduler::loop() {
  if (options_.on_start) options_.on_start();
  while (true) {
    std::chrono::seconds sleep = options_.max_sleep;
    if (auto cat = pool_.lease(); cat.ok()) {
      TimePoint now = (*cat)->clock().now();
      sleep = std::max(std::chrono::seconds(0), next_wake(**cat, now) - now);
    } else if (options_.on_error) {
      options_.on_error("sync: " + cat.error().message);
    }
    if (!loop_.wait_for(sleep)) return;
    run_once(loop_.take_wake());
  }
}

void Scheduler::run_once(bool everything) {
  auto cat = pool_.lease();
  if (!cat.ok()) {
    if (options_.on_error) options_.on_error("sync: " + cat.error().message);
    return;
  }
  TimePoint now = (*cat)->clock().now();
  std::map<std::string, std::chrono::seconds> intervals;
  RoundOptions round;
  round.wanted = [&](const PeerRecord& p) {
    if (!everything && now < std::max(due_of(p), backoff_floor(p))) return false;
    if (everything && now < backoff_floor(p)) return false;
    intervals[p.id] = interval_of(p, options_.settings);
    return true;
  };
  round.cancelled = [this] { return loop_.stopping(); };
  round.key_fetcher = options_.key_fetcher.get();
  auto report = run_round(**cat, *fetcher_, options_.settings, round, random_);
  if (loop_.stopping()) return;
  if (!report.ok()) {
    if (options_.on_error) options_.on_error("sync: " + report.error().message);
    return;
  }
  if (report->peers.empty()) return;
  TimePoint done = (*cat)->clock().now();
  for (const auto& p : report->peers) {
    double factor = 1 + options_.jitter * (2 * random_() - 1);
    auto interval = std::chrono::duration_cast<std::chrono::seconds>(intervals[p.peer] * factor);
    due_[p.peer] = done + std::max(interval, std::chrono::seconds(1));
  }
  ++rounds_;
  if (options_.on_round) options_.on_round(*report);
}

}  // namespace sic::sync
