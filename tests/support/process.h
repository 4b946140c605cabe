// A child process for tests (posix_spawn), always stopped and reaped (RAII).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sic::test {

class TempDir;

struct ProcessOptions {
  std::string program{};            // a path, or a name looked up in PATH
  std::vector<std::string> args{};  // argv[1...]
  // Set in (or replacing in) the inherited environment.
  std::vector<std::pair<std::string, std::string>> env{};
  std::filesystem::path cwd{};  // empty: the current directory
  // Where NAME.stdout and NAME.stderr are written; empty: a temporary folder
  // owned by the Process (removed with it).
  std::filesystem::path output_dir{};
  std::string name = "process";
};

class Process {
 public:
  // Spawns the program with stdin from /dev/null and stdout/stderr to files, in a
  // process group of its own. Throws std::runtime_error when it cannot be spawned.
  explicit Process(ProcessOptions options);
  // stop() when the process still runs.
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }

  // False once the process has exited (it is then reaped).
  bool running();

  // Waits until the process exits or deadline passes. Returns its exit status
  // (the exit code, or 128 + the signal number when a signal ended it); nullopt
  // when it still runs at the deadline.
  std::optional<int> wait_for(std::chrono::steady_clock::time_point deadline);

  // Sends SIGTERM to the process group, then SIGKILL when it has not exited after
  // grace, and reaps it. Returns the exit status as wait_for does. Idempotent.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

  const std::filesystem::path& stdout_path() const { return stdout_path_; }
  const std::filesystem::path& stderr_path() const { return stderr_path_; }
  std::string stdout_text() const;
  std::string stderr_text() const;

 private:
  bool reap(bool block);

  std::unique_ptr<TempDir> own_output_;
  std::filesystem::path stdout_path_, stderr_path_;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

}  // namespace sic::test
