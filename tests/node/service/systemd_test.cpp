// The sd_notify protocol as systemd speaks it: a datagram socket named by NOTIFY_SOCKET.
#include "node/service/systemd.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/support/notify_socket.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace std::chrono_literals;

namespace {

// What systemd would be: a notify socket named in the environment (and a watchdog
// interval) for the test's duration.
class FakeSystemd : public test::NotifySocket {
 public:
  explicit FakeSystemd(const char* watchdog_usec = nullptr) {
    ::setenv("NOTIFY_SOCKET", path().c_str(), 1);
    if (watchdog_usec) ::setenv("WATCHDOG_USEC", watchdog_usec, 1);
  }
  ~FakeSystemd() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
  }
};

}  // namespace

TEST_CASE("Readiness and stopping are told to systemd", "[service]") {
  FakeSystemd systemd;
  service::notify_ready("node sic-pt serving http://127.0.0.1:8080");
  service::notify_stopping();
  CHECK(systemd.messages() ==
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
