#include "tests/support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "tests/support/temp_dir.h"

extern char** environ;

namespace sic::test {
namespace {

// The inherited environment with overrides applied, as "KEY=VALUE" strings.
std::vector<std::string> environment(const ProcessOptions& options) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    std::string key = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& [k, v] : options.env) overridden = overridden || k == key;
    if (!overridden) out.push_back(entry);
  }
  for (const auto& [k, v] : options.env) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Owns the posix_spawn attribute and file-action objects.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
};

void prepare(SpawnSetup& s, const ProcessOptions& options, const std::string& out,
             const std::string& err) {
  posix_spawn_file_actions_addopen(&s.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&s.actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&s.actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&s.actions, options.cwd.c_str());
  // A clean signal state (the test runner may block or ignore signals) and a
  // process group of its own, so that stop() reaches the child's children too.
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int signal : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigmask(&s.attributes, &none);
  posix_spawnattr_setsigdefault(&s.attributes, &defaults);
  posix_spawnattr_setpgroup(&s.attributes, 0);
  posix_spawnattr_setflags(&s.attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
}

int decode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

}  // namespace

Process::Process(ProcessOptions options) {
  std::filesystem::path dir = options.output_dir;
  if (dir.empty()) {
    own_output_ = std::make_unique<TempDir>("sic-process");
    dir = own_output_->path();
  }
  stdout_path_ = dir / (options.name + ".stdout");
  stderr_path_ = dir / (options.name + ".stderr");
  std::vector<std::string> argv_strings{options.program};
  argv_strings.insert(argv_strings.end(), options.args.begin(), options.args.end());
  std::vector<std::string> env_strings = environment(options);
  auto argv = pointers(argv_strings);
  auto envp = pointers(env_strings);
  SpawnSetup setup;
  prepare(setup, options, stdout_path_.string(), stderr_path_.string());
  int rc = posix_spawnp(&pid_, options.program.c_str(), &setup.actions, &setup.attributes,
                        argv.data(), envp.data());
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("process: cannot spawn " + options.program + ": " + std::strerror(rc));
  }
}

Process::~Process() {
  if (pid_ > 0) stop();
}

bool Process::reap(bool block) {
  if (exit_status_) return true;
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (rc < 0 && errno == EINTR);
  if (rc == pid_) {
    exit_status_ = decode(status);
  } else if (rc < 0) {
    exit_status_ = -1;  // not our child any more (ECHILD): nothing left to wait for
  }
  return exit_status_.has_value();
}

bool Process::running() { return pid_ > 0 && !reap(false); }

std::optional<int> Process::wait_for(std::chrono::steady_clock::time_point deadline) {
  while (!reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_status_;
}

int Process::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (!reap(false)) {
    ::kill(-pid_, SIGTERM);
    if (!wait_for(std::chrono::steady_clock::now() + grace)) {
      ::kill(-pid_, SIGKILL);
      reap(true);
    }
  }
  return *exit_status_;
}

std::string Process::stdout_text() const { return read_text_file(stdout_path_); }
std::string Process::stderr_text() const { return read_text_file(stderr_path_); }

}  // namespace sic::test
