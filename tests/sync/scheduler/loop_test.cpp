// The background loop the scheduler and the translation worker run on.
#include "sync/scheduler/loop.h"

#include <catch2/catch.hpp>

#include <atomic>

#include "tests/support/poll.h"

using namespace sic;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("A woken loop turns at once instead of sleeping its full wait", "[sync][loop]") {
  sync::BackgroundLoop loop;
  std::atomic<int> turns{0}, woken{0};
  loop.start([&] {
    while (loop.wait_for(hours(1))) {
      ++turns;
      if (loop.take_wake()) ++woken;
    }
  });
  loop.wake();
  REQUIRE(test::poll_for(seconds(10), [&] { return turns == 1; }));
  CHECK(woken == 1);
  loop.wake();
  REQUIRE(test::poll_for(seconds(10), [&] { return turns == 2; }));
  CHECK(woken == 2);
  loop.stop();  // returns although the wait is an hour
  CHECK(turns == 2);
}

TEST_CASE("A wake before the wait is not lost, and is taken once", "[sync][loop]") {
  sync::BackgroundLoop loop;
  loop.wake();
  CHECK(loop.take_wake());
  CHECK_FALSE(loop.take_wake());
  loop.wake();
  CHECK(loop.wait_for(hours(1)));  // returns at once: the wake is pending
  CHECK(loop.take_wake());
}

TEST_CASE("A stopped loop says so to the work in flight and to every wait", "[sync][loop]") {
  sync::BackgroundLoop loop;
  std::atomic<bool> saw_stop{false};
  loop.start([&] {
    while (!loop.stopping()) std::this_thread::sleep_for(milliseconds(1));
    saw_stop = !loop.wait_for(hours(1));
  });
  loop.stop();
  CHECK(saw_stop);
  CHECK(loop.stopping());
  loop.stop();  // idempotent
}
