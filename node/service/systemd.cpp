#include "node/service/systemd.h"

#include <systemd/sd-daemon.h>

#include <string>

namespace sic::service {

void notify_ready(std::string_view status) {
  std::string message = "READY=1\nSTATUS=" + std::string(status);
  sd_notify(0, message.c_str());
}

void notify_stopping() { sd_notify(0, "STOPPING=1\nSTATUS=Stopping"); }

std::optional<std::chrono::microseconds> watchdog_interval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

std::unique_ptr<Watchdog> Watchdog::start(std::chrono::microseconds interval,
                                          std::function<bool()> alive) {
  std::unique_ptr<Watchdog> w(new Watchdog(interval, std::move(alive)));
  w->thread_ = std::thread([p = w.get()] { p->loop(); });
  return w;
}

Watchdog::Watchdog(std::chrono::microseconds interval, std::function<bool()> alive)
    : interval_(interval), alive_(std::move(alive)) {}

Watchdog::~Watchdog() { stop(); }

void Watchdog::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (alive_()) sd_notify(0, "WATCHDOG=1");
    lock.lock();
    wake_.wait_for(lock, interval_ / 2, [this] { return stopping_; });
  }
}

}  // namespace sic::service
