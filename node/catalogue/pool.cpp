#include "node/catalogue/pool.h"

namespace sic {

Result<std::unique_ptr<CataloguePool>> CataloguePool::open(const std::string& path,
                                                           const Clock& clock,
                                                           std::size_t max_connections) {
  auto first = Catalogue::open(path, clock);
  if (!first.ok()) return first.error();
  std::unique_ptr<CataloguePool> pool(
      new CataloguePool(path, clock, std::max<size_t>(1, max_connections)));
  pool->idle_.push_back(std::move(*first));
  pool->open_ = 1;
  pool->watch_ = CommitWatch::open(path);
  return pool;
}

Result<std::int64_t> CataloguePool::version() {
  std::lock_guard lock(version_mutex_);
  // The mark comes first: a commit that became visible after it moves the mark, so the
  // next call reads again even when this read already saw that commit.
  std::optional<CommitWatch::Mark> mark = watch_ ? watch_->mark() : std::nullopt;
  if (mark && version_ && *mark == mark_) return *version_;
  version_.reset();
  auto cat = lease();
  if (!cat.ok()) return cat.error();
  auto read = (*cat)->version();
  if (!read.ok()) return read.error();
  if (mark) {
    version_ = *read;
    mark_ = *mark;
  }
  return *read;
}

Result<CataloguePool::Lease> CataloguePool::lease() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  ++open_;
  lock.unlock();
  auto c = Catalogue::open(path_, clock_);
  if (!c.ok()) {
    std::lock_guard relock(mutex_);
    --open_;
    freed_.notify_one();
    return c.error();
  }
  return Lease(*this, std::move(*c));
}

void CataloguePool::give_back(std::unique_ptr<Catalogue> catalogue) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(catalogue));
  freed_.notify_one();
  std::optional<CommitWatch::Mark> mark = watch_ ? watch_->mark() : std::nullopt;
  if (mark && mark != returned_mark_) {
    returned_mark_ = mark;
    ++commits_;
    committed_.notify_all();
  }
}

std::uint64_t CataloguePool::commits() {
  std::lock_guard lock(mutex_);
  return commits_;
}

void CataloguePool::wait_for_commit(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  committed_.wait_for(lock, timeout, [&] { return commits_ != seen; });
}

}  // namespace sic
