#include "sync/trust/checks.h"

#include <algorithm>

namespace sic::sync {

Checks::Checks(std::vector<Item> items, VerificationCache& cache, bool parallel, unsigned threads)
    : items_(std::move(items)), ok_(items_.size(), 0), cache_(cache) {
  if (!parallel || items_.size() < kParallelFrom) return;
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

Checks::~Checks() {
  next_ = items_.size();  // the threads stop after the item in hand
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void Checks::work() {
  for (std::size_t i = next_++; i < items_.size(); i = next_++) {
    const Item& item = items_[i];
    ok_[i] = cache_.verify(item.key, item.statement, item.signature) ? 1 : 0;
  }
}

std::vector<const void*> Checks::join() {
  work();
  for (auto& t : threads_) t.join();
  threads_.clear();
  std::vector<const void*> failed;
  for (std::size_t i = 0; i < items_.size(); ++i)
    if (!ok_[i]) failed.push_back(items_[i].tag);
  return failed;
}

}  // namespace sic::sync
