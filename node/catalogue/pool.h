// Catalogue connections shared by the threads of a server. A lease gives one
// thread exclusive use of one connection until the lease ends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "node/catalogue/catalogue.h"
#include "node/catalogue/commit_watch.h"

namespace sic {

class CataloguePool {
 public:
  class Lease {
   public:
    Lease(CataloguePool& pool, std::unique_ptr<Catalogue> catalogue)
        : pool_(&pool), catalogue_(std::move(catalogue)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (catalogue_) pool_->give_back(std::move(catalogue_));
    }
    Catalogue* operator->() { return catalogue_.get(); }
    Catalogue& operator*() { return *catalogue_; }

   private:
    CataloguePool* pool_;
    std::unique_ptr<Catalogue> catalogue_;
  };

  // Opens the first connection now (creating and migrating the file), so that a bad
  // path is reported at start-up. At most max_connections are open at once; lease()
  // waits for a free one beyond that.
  static Result<std::unique_ptr<CataloguePool>> open(const std::string& path, const Clock& clock,
                                                     std::size_t max_connections = 4);
  // Thread-safe. Errors when a new connection cannot be opened.
  Result<Lease> lease();

  // The catalogue's version (Catalogue::version: it moves with every committed
  // write, by this process or another). Read from the catalogue only when a commit
  // became visible since the last read (CommitWatch), else the one read then: a
  // request that finds its document in the render cache costs no SQLite transaction.
  // Takes a lease when it reads: never call it while holding one. Thread-safe.
  Result<std::int64_t> version();

  // How many times a lease came back after a commit became visible (a count that only
  // grows), and a wait until it moves past `seen` or `timeout` passes. Commits made by
  // other processes are not noticed until a lease of this pool returns: callers poll
  // version() at the timeout as well. Thread-safe.
  std::uint64_t commits();
  void wait_for_commit(std::uint64_t seen, std::chrono::milliseconds timeout);

 private:
  CataloguePool(std::string path, const Clock& clock, std::size_t max)
      : path_(std::move(path)), clock_(clock), max_(max) {}
  void give_back(std::unique_ptr<Catalogue> catalogue);

  std::string path_;
  const Clock& clock_;
  std::size_t max_;
  std::size_t open_ = 0;
  std::vector<std::unique_ptr<Catalogue>> idle_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::condition_variable committed_;               // commits_ moved
  std::uint64_t commits_ = 0;                       // guarded by mutex_
  std::optional<CommitWatch::Mark> returned_mark_;  // guarded by mutex_

  std::unique_ptr<CommitWatch> watch_;  // nullptr: read the version every time
  std::mutex version_mutex_;
  // The last version read, and the commit mark taken just before reading it.
  std::optional<std::int64_t> version_;  // guarded by version_mutex_
  CommitWatch::Mark mark_{};             // guarded by version_mutex_
};

}  // namespace sic
