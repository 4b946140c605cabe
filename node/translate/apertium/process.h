// Child processes for the Apertium engine: started without a shell, fed through
// pipes with a deadline, stopped by PID (docs/translation.md, "Apertium pipelines").
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"

namespace sic::translate::apertium {

using Deadline = std::chrono::steady_clock::time_point;

// A file descriptor with one owner; closed on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// Two connected descriptors for a child's standard input or output. Every descriptor
// made here is close-on-exec, so children inherit only what Child::spawn hands them.
struct Channel {
  Fd ours;    // the parent's end
  Fd theirs;  // the child's end
};
// The parent writes. exchange() and run_filter() write without letting SIGPIPE reach
// the node when the child has gone: the write fails with EPIPE instead.
Result<Channel> input_channel();
// The parent reads.
Result<Channel> output_channel();
// Between two children: {read end, write end}.
Result<std::pair<Fd, Fd>> pipe_between();
// An anonymous in-memory file collecting the children's standard error.
Result<Fd> error_log();
// What a child, or a pipeline of children, runs with: its input, its output and the
// log of its standard error.
struct Streams {
  Channel in;
  Channel out;
  Fd errors;
};
Result<Streams> open_streams();
// The last non-empty line written to an error_log(), or "".
std::string last_error_line(int log_fd);

// A running child process. The destructor stops it (SIGKILL) and reaps it when it
// has not been reaped yet, so no child outlives its owner and none is left a zombie.
class Child {
 public:
  // Starts argv[0], searched in PATH, with `in`, `out` and `err` as descriptors 0, 1
  // and 2 (-1 gives /dev/null) and every other descriptor closed, default signal
  // dispositions, its own process group (a terminal's Ctrl-C is for the node, which
  // stops its children itself) and LC_ALL=C.UTF-8. Errors name the program.
  static Result<Child> spawn(const std::vector<std::string>& argv, int in, int out, int err);

  Child() = default;
  Child(Child&& other) noexcept;
  Child& operator=(Child&& other) noexcept;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() { kill(); }

  pid_t pid() const { return pid_; }
  // False once the process has exited (it is then reaped).
  bool running();
  // Waits until the process exits or `deadline` passes. Returns its wait status
  // (see waitpid(2)), or std::nullopt when it is still running at the deadline.
  std::optional<int> wait_until(Deadline deadline);
  // Sends SIGKILL unless it has exited, then reaps it. Idempotent.
  void kill();

 private:
  pid_t pid_ = -1;
  bool reaped_ = true;
  int status_ = 0;
};

// Writes `input` to `to` while reading from `from` until `nuls` NUL bytes have been
// read (the null-flush protocol: one NUL out for each NUL in) or, when `nuls` is 0,
// until end of file; then `*close_when_written`, when given, is closed as soon as all
// of `input` is written. `output` holds what was read in every case.
struct Exchanged {
  enum Status {
    kOk,
    kTimeout,    // the deadline passed
    kClosed,     // `from` ended before enough NULs, or `to` was closed by the reader
    kCancelled,  // `*cancelled` became true (seen within kCancelCheck)
  } status = kOk;
  std::string output;
};
Exchanged exchange(int to, int from, std::string_view input, std::size_t nuls, Deadline deadline,
                   Fd* close_when_written = nullptr, const std::atomic<bool>* cancelled = nullptr);

// How soon exchange() and run_filter() notice that `*cancelled` became true.
inline constexpr std::chrono::milliseconds kCancelCheck{50};

// Runs argv as a filter: writes `input` to its standard input, closes it, reads its
// standard output to the end and waits for it to exit. Error when it cannot start,
// exits with a status other than 0 (quoting its last line of standard error), or is
// still running at the deadline (it is then killed), or when `*cancelled` becomes true
// (it is then killed; the error says "cancelled").
Result<std::string> run_filter(const std::vector<std::string>& argv, std::string_view input,
                               Deadline deadline, const std::atomic<bool>* cancelled = nullptr);

}  // namespace sic::translate::apertium
