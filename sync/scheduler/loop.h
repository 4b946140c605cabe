// The thread a background job runs on (the sync scheduler, the translation worker):
// its sleep between turns, the wake-up that cuts the sleep short, and the stop that
// ends it. The job writes its own loop over wait_for().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sic::sync {

class BackgroundLoop {
 public:
  BackgroundLoop() = default;
  ~BackgroundLoop();  // stop()
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  // Runs body on a new thread; body loops until wait_for returns false. Call once.
  void start(std::function<void()> body);

  // On the loop's thread: sleeps up to `timeout`, less when wake() was called (also
  // before this call, if take_wake() has not taken it) or a stop was asked. Returns
  // false when the loop is stopping, true otherwise.
  bool wait_for(std::chrono::milliseconds timeout);
  // Whether wake() was called since the last take_wake(); clears it.
  bool take_wake();

  // Asks for a turn soon. Thread-safe.
  void wake();
  // True once a stop was asked. Thread-safe, lock-free (for cancelling work in flight).
  bool stopping() const { return stopping_; }
  // Asks the loop to end: stopping() becomes true and wait_for returns false at once.
  // Thread-safe.
  void request_stop();
  // request_stop(), then waits for the thread to end (unless called on it). Thread-safe,
  // idempotent.
  void stop();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;  // guarded by mutex_
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace sic::sync
