#include "tests/node/catalogue/commit_spy.h"

#include <sqlite3.h>

#include <atomic>
#include <stdexcept>

namespace sic::testing {
namespace {

// One spy at a time: SQLite's VFS callbacks carry no pointer back to it.
sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs spy_vfs;
sqlite3_io_methods wal_methods;  // the real ones, with xWrite wrapped
const sqlite3_io_methods* real_wal_methods = nullptr;
std::function<void()> hook;
std::atomic<bool> armed{false};
std::atomic<int> writes_seen{0};

int spy_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  int rc = real_wal_methods->xWrite(file, data, amount, offset);
  if (rc == SQLITE_OK && armed) {
    hook();
    ++writes_seen;
  }
  return rc;
}

int spy_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
  int rc = real_vfs->xOpen(real_vfs, name, file, flags, out);
  if (rc != SQLITE_OK || !file->pMethods) return rc;
  if (flags & SQLITE_OPEN_WAL) {
    real_wal_methods = file->pMethods;
    wal_methods = *file->pMethods;
    wal_methods.xWrite = spy_write;
    file->pMethods = &wal_methods;
  }
  return rc;
}

}  // namespace

CommitSpy::CommitSpy(std::function<void()> in_commit) {
  if (real_vfs) throw std::logic_error("one CommitSpy at a time");
  real_vfs = sqlite3_vfs_find(nullptr);
  hook = std::move(in_commit);
  armed = false;
  writes_seen = 0;
  spy_vfs = *real_vfs;
  spy_vfs.zName = "sicnode-commit-spy";
  spy_vfs.pNext = nullptr;
  spy_vfs.xOpen = spy_open;
  sqlite3_vfs_register(&spy_vfs, 1);
}

CommitSpy::~CommitSpy() {
  sqlite3_vfs_register(real_vfs, 1);
  sqlite3_vfs_unregister(&spy_vfs);
  real_vfs = nullptr;
  hook = nullptr;
}

void CommitSpy::arm(bool on) { armed = on; }

int CommitSpy::calls() const { return writes_seen; }

}  // namespace sic::testing
