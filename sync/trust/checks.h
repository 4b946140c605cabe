// Signature checks run on a few threads while the caller goes on writing (the
// merge's optimistic write, docs/merge.md "Cost"); the caller joins them before it
// commits.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "feeds/crypto/ed25519.h"
#include "sync/trust/authority.h"

namespace sic::sync {

class Checks {
 public:
  struct Item {
    const void* tag;  // what the caller knows the item by
    crypto::PublicKey key;
    std::string statement;
    std::string signature;
  };
  // Below this many items no thread is started: join() checks them.
  static constexpr std::size_t kParallelFrom = 64;

  // Starts checking the items on up to `threads` threads (0: the hardware's
  // concurrency, at most 4) when `parallel` and there are enough of them.
  Checks(std::vector<Item> items, VerificationCache& cache, bool parallel, unsigned threads = 0);
  ~Checks();  // joins
  Checks(const Checks&) = delete;
  Checks& operator=(const Checks&) = delete;

  // Checks what is left on the calling thread, waits for the others and returns the
  // tags of the items whose signature did not verify. Call once.
  std::vector<const void*> join();

 private:
  void work();

  std::vector<Item> items_;
  std::vector<char> ok_;
  VerificationCache& cache_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> threads_;
};

}  // namespace sic::sync
