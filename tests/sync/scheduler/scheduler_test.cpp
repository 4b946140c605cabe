// The background scheduler with a real catalogue pool and real peers on loopback.
#include "sync/scheduler/scheduler.h"

#include <catch2/catch.hpp>

#include "tests/support/poll.h"
#include "tests/sync/round/round_support.h"

using namespace sic;
using namespace sic::test;
using sic::testing::CatalogueDir;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

std::unique_ptr<CataloguePool> pool_of(CatalogueDir& dir) {
  return std::move(CataloguePool::open(dir.file(), dir.clock).value());
}

std::size_t article_count(CataloguePool& pool) {
  auto cat = pool.lease();
  REQUIRE(cat.ok());
  return live_articles(**cat).size();
}

sync::SchedulerOptions options_with(std::atomic<int>& rounds) {
  sync::SchedulerOptions o;
  o.settings = hub_settings();
  o.on_round = [&rounds](const sync::RoundReport&) { ++rounds; };
  return o;
}

}  // namespace

TEST_CASE("The scheduler reads a new peer at once, then only when asked or due",
          "[sync][scheduler]") {
  TestServer peer;
  peer.route("/feeds/atom",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 1)}), "\"v1\""));
  CatalogueDir dir;
  auto pool = pool_of(dir);
  {
    auto cat = pool->lease();
    add_peer(**cat, "sic-es", peer.url("/feeds/atom"));
  }
  std::atomic<int> rounds{0};
  sync::Scheduler scheduler(*pool, loopback_fetcher(), options_with(rounds));
  REQUIRE(poll_for(seconds(10), [&] { return article_count(*pool) == 1; }));
  REQUIRE(poll_for(seconds(10), [&] { return rounds == 1; }));

  peer.route("/feeds/atom",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 2), article_of("sic-es", 1)}),
                        "\"v2\""));
  CHECK(!poll_for(milliseconds(300), [&] { return peer.request_count() > 1; }));
  scheduler.trigger();
  REQUIRE(poll_for(seconds(10), [&] { return article_count(*pool) == 2; }));
  CHECK(peer.request_count() == 2);
  CHECK(scheduler.rounds() >= 2);
}

TEST_CASE("Stopping the scheduler cancels a slow fetch at once and records no failure",
          "[sync][scheduler]") {
  TestServer peer;
  Reply slow = atom_reply(atom_document("sic-es", {article_of("sic-es", 1)}));
  slow.trickle_bytes = 1;
  slow.trickle_interval = milliseconds(100);
  peer.route("/feeds/atom", slow);
  CatalogueDir dir;
  auto pool = pool_of(dir);
  {
    auto cat = pool->lease();
    add_peer(**cat, "sic-es", peer.url("/feeds/atom"));
  }
  std::atomic<int> rounds{0};
  auto scheduler =
      std::make_unique<sync::Scheduler>(*pool, loopback_fetcher(30), options_with(rounds));
  REQUIRE(peer.wait_for_requests(1, seconds(10)));
  auto started = std::chrono::steady_clock::now();
  scheduler->stop();
  CHECK(std::chrono::steady_clock::now() - started < seconds(2));
  scheduler.reset();
  CHECK(rounds == 0);
  auto cat = pool->lease();
  PeerRecord state = peer_record(**cat, "sic-es");
  CHECK(!state.last_attempt);
  CHECK(state.consecutive_failures == 0);
}
