// One round with every kind of failing peer beside a healthy one.
#include <catch2/catch.hpp>

#include "node/catalogue/peer_health.h"
#include "sync/round/peers.h"
#include "sync/round/round.h"
#include "tests/support/net.h"
#include "tests/sync/round/round_support.h"

using namespace sic;
using namespace sic::test;
using sic::sync::PeerStatus;
using sic::testing::CatalogueDir;

namespace {

struct FaultyNetwork {
  TestServer healthy, faulty;
  int down_port = free_loopback_port();

  FaultyNetwork() {
    healthy.route(
        "/feeds/atom",
        atom_reply(atom_document("sic-es", {article_of("sic-es", 1), article_of("sic-pt", 2)})));
    Reply error;
    error.status = 500;
    error.body = "oops";
    faulty.route("/500", error);
    Reply garbage;
    garbage.body = random_bytes(4096, 42);
    garbage.content_type = "application/atom+xml";
    faulty.route("/garbage", garbage);
    Reply slow = atom_reply(atom_document("sic-slow", {article_of("sic-slow", 1)}));
    slow.trickle_bytes = 10;
    slow.trickle_interval = std::chrono::milliseconds(200);
    faulty.route("/slow", slow);
    faulty.route("/busy", retry_after(429, "120"));
    Reply cut = atom_reply(atom_document("sic-cut", {article_of("sic-cut", 1)}));
    cut.close_after = 100;
    faulty.route("/cut", cut);
  }

  void add_to(Catalogue& cat, bool with_slow = true) {
    add_peer(cat, "sic-es", healthy.url("/feeds/atom"));
    add_peer(cat, "sic-down", "http://127.0.0.1:" + std::to_string(down_port) + "/feeds/atom");
    add_peer(cat, "sic-500", faulty.url("/500"));
    add_peer(cat, "sic-garbage", faulty.url("/garbage"));
    if (with_slow) add_peer(cat, "sic-slow", faulty.url("/slow"));
    add_peer(cat, "sic-busy", faulty.url("/busy"));
    add_peer(cat, "sic-cut", faulty.url("/cut"));
  }
};

}  // namespace

TEST_CASE("Healthy peers sync while the others fail, within the timeouts, storing nothing of them",
          "[sync][round][faults]") {
  FaultyNetwork net;
  CatalogueDir dir;
  auto cat = dir.open();
  net.add_to(*cat);
  auto fetcher = loopback_fetcher(2);

  auto started = std::chrono::steady_clock::now();
  auto report = round_of(*cat, *fetcher);
  auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK(elapsed < std::chrono::seconds(4));
  CHECK(!report.all_ok());
  CHECK(report.peers.size() == 7);

  CHECK(report_for(report, "sic-es").status == PeerStatus::kOk);
  CHECK(report_for(report, "sic-es").stats.added == 2);
  struct Expected {
    const char* peer;
    const char* error_start;
  };
  for (auto [peer, error_start] :
       {Expected{"sic-down", "could not connect"}, Expected{"sic-500", "server answered 500"},
        Expected{"sic-garbage", "detect: not a feed"}, Expected{"sic-slow", "timed out after 2 s"},
        Expected{"sic-busy", "server answered 429"}, Expected{"sic-cut", "connection closed"}}) {
    INFO(peer);
    const auto& r = report_for(report, peer);
    CHECK(r.status == PeerStatus::kFailed);
    CHECK(r.error.rfind(error_start, 0) == 0);
    CHECK(r.stats.changed() == 0);
    PeerRecord state = peer_record(*cat, peer);
    CHECK(state.consecutive_failures == 1);
    CHECK(state.last_error == r.error);
    CHECK(!state.last_success);
    CHECK(state.etag.empty());
    CHECK(health_of(state, dir.clock.now()) == Health::kBackingOff);
  }
  CHECK(live_articles(*cat).size() == 2);
  // Retry-After is a floor on the back-off (the first failure alone waits 60 s).
  CHECK(*peer_record(*cat, "sic-busy").next_attempt == dir.clock.now() + std::chrono::seconds(120));
  CHECK(*peer_record(*cat, "sic-500").next_attempt == dir.clock.now() + std::chrono::seconds(60));
}

TEST_CASE("Peers backing off are skipped until their time, and retried when asked",
          "[sync][round][faults]") {
  FaultyNetwork net;
  CatalogueDir dir;
  auto cat = dir.open();
  net.add_to(*cat, false);
  auto fetcher = loopback_fetcher(2);
  round_of(*cat, *fetcher);
  std::size_t requests = net.faulty.request_count();

  auto again = round_of(*cat, *fetcher);
  CHECK(report_for(again, "sic-500").status == PeerStatus::kBackingOff);
  CHECK(report_for(again, "sic-500").error.find("backing off until") == 0);
  CHECK(report_for(again, "sic-es").status == PeerStatus::kOk);
  CHECK(net.faulty.request_count() == requests);

  dir.clock.advance(std::chrono::seconds(61));
  auto later = round_of(*cat, *fetcher);
  CHECK(report_for(later, "sic-500").status == PeerStatus::kFailed);
  CHECK(report_for(later, "sic-busy").status == PeerStatus::kBackingOff);
  CHECK(peer_record(*cat, "sic-500").consecutive_failures == 2);
  CHECK(*peer_record(*cat, "sic-500").next_attempt == dir.clock.now() + std::chrono::seconds(120));

  sync::RoundOptions forced;
  forced.ignore_backoff = true;
  auto all = round_of(*cat, *fetcher, hub_settings(), forced);
  CHECK(report_for(all, "sic-busy").status == PeerStatus::kFailed);
}

TEST_CASE("A peer that recovers resets its failures", "[sync][round][faults]") {
  TestServer peer;
  Reply error;
  error.status = 503;
  peer.route("/feeds/atom", error);
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  round_of(*cat, *fetcher);
  CHECK(peer_record(*cat, "sic-es").consecutive_failures == 1);
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)})));
  dir.clock.advance(std::chrono::seconds(3600));
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").status == PeerStatus::kOk);
  PeerRecord state = peer_record(*cat, "sic-es");
  CHECK(state.consecutive_failures == 0);
  CHECK(state.last_error.empty());
  CHECK(health_of(state, dir.clock.now()) == Health::kOk);
  CHECK(lag_of(state, dir.clock.now() + std::chrono::seconds(30)) == std::chrono::seconds(30));
}
