#include "node/translate/apertium/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace sic::translate::apertium {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

int remaining_ms(Deadline deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return int(std::clamp<long long>(left.count(), 0, 60'000));
}

Status set_nonblocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
    return Error{"apertium: fcntl: " + errno_text(errno)};
  return Status::Ok();
}

// The environment of the children: ours with a UTF-8 locale, which Apertium needs.
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view var(*e);
    if (var.starts_with("LC_") || var.starts_with("LANG=") || var.starts_with("LANGUAGE="))
      continue;
    env.emplace_back(var);
  }
  env.emplace_back("LC_ALL=C.UTF-8");
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// posix_spawn's attributes and file actions, released on every path.
struct SpawnSetup {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  SpawnSetup() {
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  void set_attributes() {
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2})
      sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  }
  void set_stdio(int in, int out, int err) {
    std::array<int, 3> fds{in, out, err};
    for (int target = 0; target < 3; ++target) {
      if (fds[target] >= 0)
        posix_spawn_file_actions_adddup2(&actions, fds[target], target);
      else
        posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_RDWR, 0);
    }
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  }
};

// write(2) to a pipe whose reader is gone raises SIGPIPE, which would end the node.
// The signal is blocked in this thread for the call and, when the write raised it,
// taken off the thread's pending signals before it is unblocked.
ssize_t write_without_sigpipe(int fd, const char* data, std::size_t size) {
  sigset_t sigpipe, old, pending;
  sigemptyset(&sigpipe);
  sigaddset(&sigpipe, SIGPIPE);
  sigpending(&pending);
  bool already_pending = sigismember(&pending, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &sigpipe, &old);
  ssize_t n = write(fd, data, size);
  int error = errno;
  if (n < 0 && error == EPIPE && !already_pending) {
    timespec now{0, 0};
    while (sigtimedwait(&sigpipe, nullptr, &now) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = error;
  return n;
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

int Fd::release() { return std::exchange(fd_, -1); }

void Fd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

namespace {

// A pipe whose parent's end is non-blocking: its write end when the parent writes.
Result<Channel> channel(bool parent_writes) {
  auto pipe = pipe_between();
  if (!pipe.ok()) return pipe.error();
  auto& [read_end, write_end] = *pipe;
  Channel c = parent_writes ? Channel{std::move(write_end), std::move(read_end)}
                            : Channel{std::move(read_end), std::move(write_end)};
  if (Status s = set_nonblocking(c.ours.get()); !s.ok()) return s.error();
  return c;
}

}  // namespace

Result<Channel> input_channel() { return channel(true); }

Result<Channel> output_channel() { return channel(false); }

Result<std::pair<Fd, Fd>> pipe_between() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) return Error{"apertium: pipe: " + errno_text(errno)};
  return std::pair<Fd, Fd>(Fd(fds[0]), Fd(fds[1]));
}

Result<Fd> error_log() {
  Fd fd(memfd_create("apertium-stderr", MFD_CLOEXEC));
  if (!fd) return Error{"apertium: memfd_create: " + errno_text(errno)};
  int flags = fcntl(fd.get(), F_GETFL);
  if (flags >= 0) fcntl(fd.get(), F_SETFL, flags | O_APPEND);
  return fd;
}

Result<Streams> open_streams() {
  auto in = input_channel();
  if (!in.ok()) return in.error();
  auto out = output_channel();
  if (!out.ok()) return out.error();
  auto errors = error_log();
  if (!errors.ok()) return errors.error();
  return Streams{std::move(*in), std::move(*out), std::move(*errors)};
}

std::string last_error_line(int log_fd) {
  struct stat st {};
  if (log_fd < 0 || fstat(log_fd, &st) < 0 || st.st_size <= 0) return "";
  std::string tail(std::size_t(std::min<off_t>(st.st_size, 4096)), '\0');
  ssize_t n = pread(log_fd, tail.data(), tail.size(), st.st_size - off_t(tail.size()));
  tail.resize(std::size_t(std::max<ssize_t>(n, 0)));
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' '))
    tail.pop_back();
  std::size_t start = tail.rfind('\n');
  return start == std::string::npos ? tail : tail.substr(start + 1);
}

Result<Child> Child::spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  if (argv.empty()) return Error{"apertium: empty command"};
  SpawnSetup setup;
  setup.set_attributes();
  setup.set_stdio(in, out, err);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment();
  std::vector<char*> c_args = c_strings(args), c_env = c_strings(env);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, c_args[0], &setup.actions, &setup.attr, c_args.data(), c_env.data());
  if (rc != 0) return Error{"apertium: cannot start " + argv[0] + ": " + errno_text(rc)};
  Child child;
  child.pid_ = pid;
  child.reaped_ = false;
  return child;
}

Child::Child(Child&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      reaped_(std::exchange(other.reaped_, true)),
      status_(other.status_) {}

Child& Child::operator=(Child&& other) noexcept {
  if (this != &other) {
    kill();
    pid_ = std::exchange(other.pid_, -1);
    reaped_ = std::exchange(other.reaped_, true);
    status_ = other.status_;
  }
  return *this;
}

bool Child::running() {
  if (reaped_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  reaped_ = true;  // exited (r == pid_), or reaped elsewhere (ECHILD)
  if (r == pid_) status_ = status;
  return false;
}

std::optional<int> Child::wait_until(Deadline deadline) {
  if (!running()) return status_;
  Fd pidfd(int(syscall(SYS_pidfd_open, pid_, 0)));
  while (running()) {
    int wait_ms = remaining_ms(deadline);
    if (wait_ms <= 0) return std::nullopt;
    if (pidfd) {
      pollfd fd{pidfd.get(), POLLIN, 0};
      poll(&fd, 1, wait_ms);
    } else {  // kernels before 5.3: no pidfd to wait on
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait_ms, 5)));
    }
  }
  return status_;
}

void Child::kill() {
  if (reaped_) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  status_ = status;
  reaped_ = true;
}

Exchanged exchange(int to, int from, std::string_view input, std::size_t nuls, Deadline deadline,
                   Fd* close_when_written, const std::atomic<bool>* cancelled) {
  Exchanged result;
  std::size_t written = 0, seen = 0;
  bool until_eof = nuls == 0;
  auto all_written = [&] {
    if (close_when_written) close_when_written->reset();
    to = -1;
  };
  if (input.empty()) all_written();
  std::array<char, 65536> buffer;
  while (until_eof || seen < nuls) {
    if (cancelled && cancelled->load()) return {Exchanged::kCancelled, std::move(result.output)};
    int wait_ms = remaining_ms(deadline);
    if (wait_ms <= 0) return {Exchanged::kTimeout, std::move(result.output)};
    if (cancelled) wait_ms = std::min(wait_ms, int(kCancelCheck.count()));
    std::array<pollfd, 2> fds{{{from, POLLIN, 0}, {to, POLLOUT, 0}}};
    nfds_t count = to >= 0 ? 2 : 1;
    int ready = poll(fds.data(), count, wait_ms);
    if (ready < 0 && errno != EINTR) return {Exchanged::kClosed, std::move(result.output)};
    if (ready <= 0) continue;
    if (count == 2 && fds[1].revents) {
      ssize_t n = write_without_sigpipe(to, input.data() + written, input.size() - written);
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        return {Exchanged::kClosed, std::move(result.output)};
      if (n > 0) written += std::size_t(n);
      if (written == input.size()) all_written();
    }
    if (fds[0].revents) {
      ssize_t n = read(from, buffer.data(), buffer.size());
      if (n == 0)
        return {until_eof ? Exchanged::kOk : Exchanged::kClosed, std::move(result.output)};
      if (n < 0 && errno != EAGAIN && errno != EINTR)
        return {Exchanged::kClosed, std::move(result.output)};
      if (n > 0) {
        result.output.append(buffer.data(), std::size_t(n));
        seen += std::size_t(std::count(buffer.data(), buffer.data() + n, '\0'));
      }
    }
  }
  return result;
}

Result<std::string> run_filter(const std::vector<std::string>& argv, std::string_view input,
                               Deadline deadline, const std::atomic<bool>* cancelled) {
  auto streams = open_streams();
  if (!streams.ok()) return streams.error();
  auto& [in, out, log] = *streams;
  auto child = Child::spawn(argv, in.theirs.get(), out.theirs.get(), log.get());
  if (!child.ok()) return child.error();
  in.theirs.reset();
  out.theirs.reset();
  Exchanged result =
      exchange(in.ours.get(), out.ours.get(), input, 0, deadline, &in.ours, cancelled);
  in.ours.reset();
  std::string name = "apertium: " + argv[0];
  if (result.status == Exchanged::kCancelled) return Error{name + " cancelled"};  // ~Child kills it
  std::optional<int> status = child->wait_until(deadline);
  if (result.status == Exchanged::kTimeout || !status) return Error{name + " timed out"};
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    std::string line = last_error_line(log.get());
    return Error{name + " " + describe_exit(*status) + (line.empty() ? "" : ": " + line)};
  }
  if (result.status != Exchanged::kOk) return Error{name + " closed its output early"};
  return std::move(result.output);
}

}  // namespace sic::translate::apertium
