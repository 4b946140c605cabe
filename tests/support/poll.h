// Waiting for a condition in tests without fixed sleeps.
#pragma once

#include <chrono>
#include <thread>
#include <utility>

namespace sic::test {

// Calls predicate every step until it returns true (then returns true) or the
// deadline passes (then returns false, after one last try).
template <typename Predicate>
bool poll_until(std::chrono::steady_clock::time_point deadline, Predicate&& predicate,
                std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(step);
  }
  return predicate();
}

// The same with a timeout from now.
template <typename Predicate>
bool poll_for(std::chrono::milliseconds timeout, Predicate&& predicate,
              std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
  return poll_until(std::chrono::steady_clock::now() + timeout, std::forward<Predicate>(predicate),
                    step);
}

}  // namespace sic::test
