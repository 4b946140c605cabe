#include "node/translate/apertium/process.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>

using namespace sic::translate::apertium;

namespace {

Deadline in(std::chrono::milliseconds ms) { return std::chrono::steady_clock::now() + ms; }

}  // namespace

TEST_CASE("A filter gets its whole input and gives its whole output",
          "[translate][apertium][process]") {
  std::string big(3 * 1024 * 1024, 'x');  // far more than a pipe holds: no deadlock
  for (std::size_t i = 0; i < big.size(); i += 1000) big[i] = '\n';
  auto out = run_filter({"cat"}, big, in(std::chrono::seconds(20)));
  REQUIRE(out.ok());
  CHECK(*out == big);
  CHECK(run_filter({"cat"}, "", in(std::chrono::seconds(5))).value().empty());
}

TEST_CASE("A filter may open /dev/stdin by its name", "[translate][apertium][process]") {
  // apertium-destxt does, and cannot open a socket that way.
  auto out = run_filter({"sh", "-c", "cat /dev/stdin"}, "Hola", in(std::chrono::seconds(5)));
  REQUIRE(out.ok());
  CHECK(*out == "Hola");
}

TEST_CASE("A failing filter is an error quoting its standard error",
          "[translate][apertium][process]") {
  auto out = run_filter({"sh", "-c", "echo first >&2; echo 'broken input' >&2; exit 3"}, "",
                        in(std::chrono::seconds(5)));
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message == "apertium: sh exited with status 3: broken input");
}

TEST_CASE("A filter past its deadline is killed and reported", "[translate][apertium][process]") {
  auto out = run_filter({"sleep", "30"}, "", in(std::chrono::milliseconds(200)));
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message == "apertium: sleep timed out");
}

TEST_CASE("A program that does not exist cannot be started", "[translate][apertium][process]") {
  auto child = Child::spawn({"no-such-program-for-sicnode"}, -1, -1, -1);
  REQUIRE_FALSE(child.ok());
  CHECK(child.error().message ==
        "apertium: cannot start no-such-program-for-sicnode: No such file or directory");
}

TEST_CASE("A child is killed and reaped when its owner goes away",
          "[translate][apertium][process]") {
  pid_t pid = 0;
  {
    auto child = Child::spawn({"sleep", "30"}, -1, -1, -1);
    REQUIRE(child.ok());
    pid = child->pid();
    CHECK(child->running());
  }
  CHECK(::kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

TEST_CASE("Children inherit only their standard descriptors", "[translate][apertium][process]") {
  int leaked[2];
  REQUIRE(pipe(leaked) == 0);  // not close-on-exec, as another library might leave one
  auto out = run_filter({"ls", "/proc/self/fd"}, "", in(std::chrono::seconds(5)));
  close(leaked[0]);
  close(leaked[1]);
  REQUIRE(out.ok());
  std::istringstream lines(*out);
  std::string fd;
  while (std::getline(lines, fd)) {
    INFO(fd);
    CHECK(std::stoi(fd) <= 3);  // 0, 1, 2 and the folder ls reads
  }
}

TEST_CASE("Null-flushed chunks come back one by one", "[translate][apertium][process]") {
  auto to = input_channel();
  auto from = output_channel();
  REQUIRE(to.ok());
  REQUIRE(from.ok());
  auto child = Child::spawn({"cat"}, to->theirs.get(), from->theirs.get(), -1);
  REQUIRE(child.ok());
  to->theirs.reset();
  from->theirs.reset();
  std::string input("uno\0dos\0", 8);
  Exchanged both =
      exchange(to->ours.get(), from->ours.get(), input, 2, in(std::chrono::seconds(5)));
  CHECK(both.status == Exchanged::kOk);
  CHECK(both.output == input);
  Exchanged stuck = exchange(to->ours.get(), from->ours.get(), "no terminator", 1,
                             in(std::chrono::milliseconds(100)));
  CHECK(stuck.status == Exchanged::kTimeout);
}

TEST_CASE("Writing to a child that has exited fails without a signal",
          "[translate][apertium][process]") {
  auto to = input_channel();
  auto from = output_channel();
  REQUIRE(to.ok());
  REQUIRE(from.ok());
  auto child = Child::spawn({"true"}, to->theirs.get(), from->theirs.get(), -1);
  REQUIRE(child.ok());
  to->theirs.reset();
  from->theirs.reset();
  REQUIRE(child->wait_until(in(std::chrono::seconds(5))));
  std::string input(256 * 1024, 'x');
  input.back() = '\0';
  Exchanged result =
      exchange(to->ours.get(), from->ours.get(), input, 1, in(std::chrono::seconds(5)));
  CHECK(result.status == Exchanged::kClosed);  // and this process is still here (no SIGPIPE)
}
