#include "sync/scheduler/scheduler.h"

#include <algorithm>

namespace sic::sync {
namespace {

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

void Scheduler::trigger() {
  full_round_ = true;
  loop_.wake();
}

void Scheduler::reschedule() { loop_.wake(); }

void Scheduler::stop() {
  loop_.request_stop();
  fetcher_->cancel();
  if (options_.key_fetcher) options_.key_fetcher->cancel();
  loop_.stop();
}

std::chrono::seconds Scheduler::interval_of(const PeerRecord& p) const {
  if (auto it = pushed_.find(p.id); it != pushed_.end() && it->second)
    return options_.push_fallback;
  if (p.interval_seconds && *p.interval_seconds > 0)
    return std::chrono::seconds(*p.interval_seconds);
  return options_.settings.interval;
}

TimePoint Scheduler::due_of(const PeerRecord& p) {
  if (!p.last_attempt) return TimePoint{};
  auto it = factor_.find(p.id);
  double factor = it == factor_.end() ? 1.0 : it->second;
  auto interval = std::chrono::duration_cast<std::chrono::seconds>(interval_of(p) * factor);
  return *p.last_attempt + std::max(interval, std::chrono::seconds(1));
}

void Scheduler::read_push_health(Catalogue& cat, TimePoint now) {
  pushed_.clear();
  if (!options_.push) return;
  auto subs = cat.push().list();
  if (!subs.ok()) return;
  for (const auto& s : *subs) pushed_[s.peer] = s.healthy(now);
}

void Scheduler::subscribe(Catalogue& cat) {
  if (!options_.push) return;
  auto report = push::subscribe_due(cat, *fetcher_, *options_.push);
  if (!options_.on_push_failure) return;
  if (!report.ok()) return options_.on_push_failure(report.error().message);
  for (const auto& f : report->failures) options_.on_push_failure(f);
}

TimePoint Scheduler::next_wake(Catalogue& cat, TimePoint now) {
  TimePoint wake = now + options_.max_sleep;
  read_push_health(cat, now);
  if (options_.push)
    if (auto due = push::next_due(cat, *options_.push); due.ok() && *due)
      wake = std::min(wake, std::max(**due, now));
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
    loop_.take_wake();
    run_once(full_round_.exchange(false));
    if (loop_.stopping()) return;
    if (auto cat = pool_.lease(); cat.ok()) subscribe(**cat);
  }
}

void Scheduler::run_once(bool everything) {
  auto cat = pool_.lease();
  if (!cat.ok()) {
    if (options_.on_error) options_.on_error("sync: " + cat.error().message);
    return;
  }
  TimePoint now = (*cat)->clock().now();
  read_push_health(**cat, now);
  RoundOptions round;
  round.wanted = [&](const PeerRecord& p) {
    if (!everything && now < std::max(due_of(p), backoff_floor(p))) return false;
    if (everything && now < backoff_floor(p)) return false;
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
  for (const auto& p : report->peers) factor_[p.peer] = 1 + options_.jitter * (2 * random_() - 1);
  ++rounds_;
  if (options_.on_round) options_.on_round(*report);
}

}  // namespace sic::sync
