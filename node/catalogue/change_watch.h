// Whether the catalogue's files were written since the last look, from inotify
// events on their folder: a test far cheaper than a read transaction, made before
// reading the catalogue's version (docs/catalogue.md, "Knowing the version").
#pragma once

#include <memory>
#include <mutex>
#include <string>

namespace sic {

class ChangeWatch {
 public:
  // Watches the folder of `database_path` for writes to the files whose names start
  // with the database's (the database, its -wal, -shm and -journal), by any process.
  // nullptr when inotify cannot be used; callers then read the version every time.
  static std::unique_ptr<ChangeWatch> open(const std::string& database_path);
  ~ChangeWatch();
  ChangeWatch(const ChangeWatch&) = delete;
  ChangeWatch& operator=(const ChangeWatch&) = delete;

  // True when one of those files was written, created, removed or renamed since the
  // previous call, or when that cannot be known (events lost, the folder gone: then
  // always true). Never blocks. Thread-safe.
  //
  // Why it is enough: SQLite writes a commit's pages with write(2) before it makes
  // the commit visible (in the WAL index, through shared memory), and the kernel
  // queues the event during the write(2). So a commit visible before changed() is
  // called has its event queued by then.
  bool changed();

 private:
  ChangeWatch(int fd, std::string prefix) : fd_(fd), prefix_(std::move(prefix)) {}

  const int fd_;
  const std::string prefix_;
  std::mutex mutex_;
  bool broken_ = false;  // guarded by mutex_
};

}  // namespace sic
