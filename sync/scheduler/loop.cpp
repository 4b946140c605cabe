#include "sync/scheduler/loop.h"

namespace sic::sync {

BackgroundLoop::~BackgroundLoop() { stop(); }

void BackgroundLoop::start(std::function<void()> body) { thread_ = std::thread(std::move(body)); }

bool BackgroundLoop::wait_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, timeout, [this] { return stopping_.load() || woken_; });
  return !stopping_;
}

bool BackgroundLoop::take_wake() {
  std::lock_guard lock(mutex_);
  bool woken = woken_;
  woken_ = false;
  return woken;
}

void BackgroundLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void BackgroundLoop::request_stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void BackgroundLoop::stop() {
  request_stop();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

}  // namespace sic::sync
