// The sd_notify protocol as systemd speaks it: a datagram socket named by NOTIFY_SOCKET.
#include "node/service/systemd.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/support/poll.h"
#include "tests/support/temp_dir.h"

using namespace sic;
using namespace std::chrono_literals;

namespace {

// What systemd would be: a socket receiving the notifications, named in the
// environment for the test's duration.
class FakeSystemd {
 public:
  explicit FakeSystemd(const char* watchdog_usec = nullptr) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string path = dir_.file("notify").string();
    REQUIRE(path.size() < sizeof addr.sun_path);
    path.copy(addr.sun_path, path.size());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
    if (watchdog_usec) ::setenv("WATCHDOG_USEC", watchdog_usec, 1);
  }
  ~FakeSystemd() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::close(fd_);
  }
  // The messages received so far.
  std::vector<std::string> receive() {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;)
      messages_.emplace_back(buf, size_t(n));
    return messages_;
  }
  int count(const std::string& message) {
    auto all = receive();
    return int(std::count(all.begin(), all.end(), message));
  }

 private:
  test::TempDir dir_{"sic-notify"};
  int fd_ = -1;
  std::vector<std::string> messages_;
};

}  // namespace

TEST_CASE("Readiness and stopping are told to systemd", "[service]") {
  FakeSystemd systemd;
  service::notify_ready("node sic-pt serving http://127.0.0.1:8080");
  service::notify_stopping();
  CHECK(systemd.receive() ==
        std::vector<std::string>{"READY=1\nSTATUS=node sic-pt serving http://127.0.0.1:8080",
                                 "STOPPING=1\nSTATUS=Stopping"});
}

TEST_CASE("The watchdog interval is the unit's, and none without one", "[service]") {
  {
    FakeSystemd systemd("2000000");
    CHECK(service::watchdog_interval() == std::chrono::microseconds(2'000'000));
  }
  FakeSystemd without;
  CHECK_FALSE(service::watchdog_interval().has_value());
}

TEST_CASE("The watchdog is pinged only while the node says it is alive", "[service]") {
  FakeSystemd systemd;
  std::atomic<bool> alive{false};
  std::atomic<int> checks{0};
  auto watchdog = service::Watchdog::start(100ms, [&] {
    ++checks;
    return alive.load();
  });
  REQUIRE(test::poll_for(10s, [&] { return checks >= 3; }));
  CHECK(systemd.count("WATCHDOG=1") == 0);
  alive = true;
  REQUIRE(test::poll_for(10s, [&] { return systemd.count("WATCHDOG=1") >= 2; }));
  watchdog->stop();
  int after_stop = checks;
  watchdog->stop();  // idempotent
  CHECK(checks == after_stop);
}
