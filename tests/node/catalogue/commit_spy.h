// A SQLite VFS for tests that runs a function in the middle of commits: after each
// write to a WAL file, so before the commit being written is visible (SQLite makes it
// visible afterwards, in the WAL index through shared memory). While a CommitSpy
// lives it is the default VFS: connections opened meanwhile go through it (close them
// before it ends); connections opened before do not.
#pragma once

#include <functional>

namespace sic::testing {

class CommitSpy {
 public:
  explicit CommitSpy(std::function<void()> in_commit);
  ~CommitSpy();
  CommitSpy(const CommitSpy&) = delete;
  CommitSpy& operator=(const CommitSpy&) = delete;

  // While armed, runs in_commit after every write to a WAL file opened through it.
  void arm(bool on = true);
  // How many times in_commit ran.
  int calls() const;
};

}  // namespace sic::testing
