#include "tests/support/process.h"

#include <signal.h>

#include <catch2/catch.hpp>

#include "tests/support/net.h"
#include "tests/support/poll.h"
#include "tests/support/temp_dir.h"

using namespace sic::test;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

TEST_CASE("A process's output, exit code, arguments, environment and folder are its own",
          "[support][process]") {
  TempDir dir;
  Process p({.program = "/bin/sh",
             .args = {"-c", "echo \"$1 $GREETING\"; pwd; echo oops >&2; exit 3", "sh", "hello"},
             .env = {{"GREETING", "world"}},
             .cwd = dir.path(),
             .output_dir = dir.path(),
             .name = "greeter"});
  CHECK(p.pid() > 0);
  CHECK(p.wait_for(Clock::now() + seconds(10)) == 3);
  CHECK_FALSE(p.running());
  CHECK(p.stdout_text() == "hello world\n" + dir.path().string() + "\n");
  CHECK(p.stderr_text() == "oops\n");
  CHECK(p.stdout_path() == dir.file("greeter.stdout"));
}

TEST_CASE("A program is looked up in PATH", "[support][process]") {
  Process p({.program = "true"});
  CHECK(p.wait_for(Clock::now() + seconds(10)) == 0);
}

TEST_CASE("A program that does not exist cannot be spawned", "[support][process]") {
  CHECK_THROWS_WITH(Process({.program = "/nonexistent/program"}),
                    Catch::Contains("cannot spawn /nonexistent/program"));
}

TEST_CASE("wait_for returns nothing while the process runs", "[support][process]") {
  Process p({.program = "sleep", .args = {"30"}});
  CHECK_FALSE(p.wait_for(Clock::now() + milliseconds(50)).has_value());
  CHECK(p.running());
  CHECK(p.stop() == 128 + SIGTERM);
  CHECK_FALSE(p.running());
}

TEST_CASE("stop() kills a process that ignores SIGTERM after the grace period",
          "[support][process]") {
  TempDir dir;
  Process p({.program = "/bin/sh",
             .args = {"-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"},
             .output_dir = dir.path()});
  REQUIRE(poll_for(seconds(10), [&] { return p.stdout_text() == "ready\n"; }));
  auto start = Clock::now();
  CHECK(p.stop(milliseconds(200)) == 128 + SIGKILL);
  CHECK(Clock::now() - start >= milliseconds(200));
  CHECK(Clock::now() - start < seconds(5));
  CHECK(p.stop() == 128 + SIGKILL);  // idempotent
}

TEST_CASE("The destructor stops and reaps a running process", "[support][process]") {
  pid_t pid;
  {
    Process p({.program = "sleep", .args = {"30"}});
    pid = p.pid();
    CHECK(::kill(pid, 0) == 0);
  }
  CHECK(::kill(pid, 0) == -1);  // gone and reaped, not a zombie
}

TEST_CASE("poll_until stops at the deadline or as soon as the predicate holds", "[support][poll]") {
  int calls = 0;
  CHECK(poll_for(
      seconds(5), [&] { return ++calls == 3; }, milliseconds(1)));
  CHECK(calls == 3);
  auto start = Clock::now();
  CHECK_FALSE(poll_for(milliseconds(50), [] { return false; }));
  CHECK(Clock::now() - start >= milliseconds(50));
}

TEST_CASE("A free loopback port refuses connections until a server listens", "[support][net]") {
  int port = free_loopback_port();
  CHECK(port > 0);
  CHECK(port < 65536);
  CHECK_FALSE(loopback_port_accepts(port));
}
