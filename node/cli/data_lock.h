// The lock a command holds on a node's data_dir (data_dir/sicnode.lock) while it must
// be the only one of its kind there: `sicnode serve` for its whole run, `sicnode
// restore` while it replaces the catalogue. The kernel releases it when the process
// ends, however it ends (docs/operations.md, "Restoring").
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic::cli {

class DataDirLock {
 public:
  // Takes the lock without waiting. Error naming who holds it: "a sicnode serve (pid
  // 1234) uses /var/lib/sicnode".
  static Result<std::unique_ptr<DataDirLock>> acquire(const std::string& data_dir,
                                                      std::string_view holder);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace sic::cli
