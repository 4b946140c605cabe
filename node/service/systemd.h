// Running under systemd (docs/operations.md, "The service"): the readiness and
// stopping notifications of a Type=notify unit and its watchdog, through libsystemd's
// sd_notify(3). Every call is a no-op when systemd did not ask for notifications
// (NOTIFY_SOCKET unset), so the same binary runs anywhere.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace sic::service {

// READY=1 with a STATUS= line for `systemctl status`.
void notify_ready(std::string_view status);
// STOPPING=1: the node received SIGTERM and is finishing its requests.
void notify_stopping();

// The watchdog interval the unit asks for (WatchdogSec=, through WATCHDOG_USEC), or
// nullopt when it asks for none.
std::optional<std::chrono::microseconds> watchdog_interval();

// Sends WATCHDOG=1 from a thread of its own every half interval, but only when
// alive() says the node works (it must return within about a quarter of the
// interval). A node whose check fails or hangs stops sending, and systemd restarts it
// once the interval has passed without a ping.
class Watchdog {
 public:
  static std::unique_ptr<Watchdog> start(std::chrono::microseconds interval,
                                         std::function<bool()> alive);
  ~Watchdog();  // stop()
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  // Ends the thread (waiting for a check in progress). Idempotent.
  void stop();

 private:
  Watchdog(std::chrono::microseconds interval, std::function<bool()> alive);
  void loop();

  std::chrono::microseconds interval_;
  std::function<bool()> alive_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace sic::service
