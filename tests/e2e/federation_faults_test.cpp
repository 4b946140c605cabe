// `sicnode sync` on a node whose peers fail in every way at once: the healthy one
// syncs, the round ends within the timeouts, the failures show in `peers list` and
// /metrics. And the background rounds of `sicnode serve`.
#include "tests/e2e/federation_support.h"
#include "tests/support/net.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::test;
using std::chrono::seconds;

namespace {

std::string peer_toml(const std::string& id, const std::string& url) {
  return "[[peers]]\nid = \"" + id + "\"\nurl = \"" + url + "\"\n";
}

// The line of a table that starts with the peer's id.
std::string line_of(const std::string& out, const std::string& peer) {
  std::size_t at = out.find("\n" + peer + " ");
  if (at == std::string::npos) return "";
  return out.substr(at + 1, out.find('\n', at + 1) - at - 1);
}

// The value of one sample in a Prometheus text, -1 when absent.
double metric(const std::string& text, const std::string& sample) {
  std::size_t at = text.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + sample.size() + 2));
}

struct FaultyPeers {
  TestNode healthy{{.id = "sic-es"}};
  TestServer faulty;
  std::string down = "http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/feeds/atom";

  FaultyPeers() {
    std::string token = healthy.create_token();
    healthy.start();
    HttpResult created =
        http_post(healthy.url("/api/articles"), R"({"title": "Línea de ayuda", "lang": "es"})",
                  {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    REQUIRE(created.status == 201);
    Reply error;
    error.status = 500;
    faulty.route("/500", error);
    Reply garbage;
    garbage.body = random_bytes(20000, 7);
    faulty.route("/garbage", garbage);
    Reply slow;
    slow.body = std::string(5000, ' ');
    slow.trickle_bytes = 1;
    slow.trickle_interval = std::chrono::milliseconds(100);
    faulty.route("/slow", slow);
    faulty.route("/busy", retry_after(429, "3600"));
  }

  std::string toml() const {
    return peer_toml("sic-es", healthy.url("/feeds/atom")) + peer_toml("sic-down", down) +
           peer_toml("sic-500", faulty.url("/500")) +
           peer_toml("sic-garbage", faulty.url("/garbage")) +
           peer_toml("sic-slow", faulty.url("/slow")) + peer_toml("sic-busy", faulty.url("/busy"));
  }
};

}  // namespace

TEST_CASE(
    "A round with a peer down, a 500, random bytes, a trickle and a 429 syncs the healthy one",
    "[e2e][federation][faults]") {
  FaultyPeers peers;
  TestNode hub({.id = "sic-hub", .extra_toml = peers.toml()});
  add_sync_keys(hub, "timeout_seconds = 2\nconnect_timeout_seconds = 1\n");

  auto started = std::chrono::steady_clock::now();
  CommandResult r = hub.run({"sync"});
  auto elapsed = std::chrono::steady_clock::now() - started;
  INFO(r.out << r.err);
  // The trickle alone would last 500 s; the 2 s timeout ends it. The bound leaves room
  // for a loaded machine (an ASan build next to other jobs) without losing that proof.
  CHECK(elapsed < seconds(20));
  CHECK(r.status == 1);
  CHECK(line_of(r.out, "sic-es").find("ok") != std::string::npos);
  CHECK(line_of(r.out, "sic-es").find(" 1 ") != std::string::npos);
  for (const auto& [peer, error] :
       std::vector<std::pair<std::string, std::string>>{{"sic-down", "could not connect"},
                                                        {"sic-500", "server answered 500"},
                                                        {"sic-garbage", "not a feed"},
                                                        {"sic-slow", "timed out after 2 s"},
                                                        {"sic-busy", "retry after 3600 s"}}) {
    INFO(peer);
    std::string line = line_of(r.out, peer);
    CHECK(line.find("failed") != std::string::npos);
    CHECK(line.find(error) != std::string::npos);
  }
  CHECK(r.out.find("6 peers") != std::string::npos);
  CHECK(r.out.find("1 ok, 5 not ok; 1 new") != std::string::npos);

  CommandResult list = hub.run({"peers", "list"});
  INFO(list.out);
  CHECK(list.status == 0);
  CHECK(line_of(list.out, "sic-es").find(" ok ") != std::string::npos);
  for (const char* peer : {"sic-down", "sic-500", "sic-garbage", "sic-slow", "sic-busy"}) {
    INFO(peer);
    CHECK(line_of(list.out, peer).find("backing off") != std::string::npos);
    CHECK(list.out.find(std::string("\n") + peer + ": ") != std::string::npos);
  }

  hub.start();
  HttpResult m = http_get(hub.url("/metrics"));
  REQUIRE(m.status == 200);
  CHECK(metric(m.body, R"(sicnode_peer_up{kind="peer",peer="sic-es"})") == 1);
  CHECK(metric(m.body, R"(sicnode_peer_consecutive_failures{kind="peer",peer="sic-es"})") == 0);
  CHECK(metric(m.body, R"(sicnode_peer_entries_received_total{kind="peer",peer="sic-es"})") == 1);
  CHECK(metric(m.body, R"(sicnode_peer_received_bytes_total{kind="peer",peer="sic-es"})") > 0);
  CHECK(metric(m.body,
               R"(sicnode_peer_last_success_timestamp_seconds{kind="peer",peer="sic-es"})") > 0);
  CHECK(metric(m.body, R"(sicnode_peer_lag_seconds{kind="peer",peer="sic-es"})") >= 0);
  for (const char* peer : {"sic-down", "sic-500", "sic-garbage", "sic-slow", "sic-busy"}) {
    INFO(peer);
    std::string labels = std::string(R"({kind="peer",peer=")") + peer + "\"}";
    CHECK(metric(m.body, "sicnode_peer_up" + labels) == 0);
    CHECK(metric(m.body, "sicnode_peer_consecutive_failures" + labels) == 1);
    CHECK(metric(m.body, "sicnode_peer_last_success_timestamp_seconds" + labels) == 0);
  }
  HttpResult articles = http_get(hub.url("/api/articles"));
  CHECK(web::json::value::parse(articles.body)["articles"].size() == 1);
}

TEST_CASE("serve reads its peers in the background and counts its rounds",
          "[e2e][federation][serve]") {
  FaultyPeers peers;
  TestNode hub({.id = "sic-hub", .extra_toml = peers.toml()});
  add_sync_keys(hub, "timeout_seconds = 2\nconnect_timeout_seconds = 1\n");
  hub.start();
  bool arrived = poll_for(seconds(15), [&] {
    HttpResult r = http_get(hub.url("/api/articles"));
    return r.status == 200 && web::json::value::parse(r.body)["articles"].size() == 1;
  });
  CHECK(arrived);
  REQUIRE(poll_for(seconds(15),
                   [&] { return hub.server_log().find("sync: 6 peers") != std::string::npos; }));
  CHECK(hub.server_log().find("1 ok, 5 not ok; 1 new") != std::string::npos);
  HttpResult m = http_get(hub.url("/metrics"));
  CHECK(m.body.find("sicnode_sync_rounds_total 1") != std::string::npos);
  CHECK(metric(m.body, R"(sicnode_sync_entries_total{peer="sic-es",result="added"})") == 1);
  CHECK(metric(m.body, R"(sicnode_sync_peer_attempts_total{peer="sic-500",status="failed"})") == 1);
}

TEST_CASE("SIGTERM stops serve at once while a peer trickles, and records no failure",
          "[e2e][federation][serve]") {
  TestServer peer;
  Reply endless;
  endless.body = std::string(100000, ' ');
  endless.trickle_bytes = 1;
  endless.trickle_interval = std::chrono::milliseconds(200);
  peer.route("/feeds/atom", endless);
  TestNode hub({.id = "sic-hub", .extra_toml = peer_toml("sic-slow", peer.url("/feeds/atom"))});
  hub.start();
  REQUIRE(peer.wait_for_requests(1, seconds(15)));
  auto started = std::chrono::steady_clock::now();
  CHECK(hub.stop() == 0);
  CHECK(std::chrono::steady_clock::now() - started < seconds(3));
  CHECK(hub.server_log().find("stopped") != std::string::npos);
  CommandResult list = hub.run({"peers", "list"});
  CHECK(line_of(list.out, "sic-slow").find(" new ") != std::string::npos);
}

TEST_CASE("/network shows each peer's health, and POST /network/sync runs a round now",
          "[e2e][federation][network]") {
  FaultyPeers peers;
  TestNode hub({.id = "sic-hub", .extra_toml = peers.toml()});
  add_sync_keys(hub, "timeout_seconds = 2\nconnect_timeout_seconds = 1\n");
  std::string token = hub.create_token();
  hub.start();
  REQUIRE(poll_for(seconds(15),
                   [&] { return hub.server_log().find("sync: 6 peers") != std::string::npos; }));
  HttpResult page = http_get(hub.url("/network"));
  REQUIRE(page.status == 200);
  CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(page.header("Cache-Control") == "no-cache");
  CHECK(page.body.find("<h1>Network</h1>") != std::string::npos);
  CHECK(page.body.find("6 peers, 0 sources; ok: 1, backing off: 5 (as of <time") !=
        std::string::npos);
  CHECK(page.body.find("<tr id=\"peer-sic-es\"><th scope=\"row\" data-label=\"Peer\"><span "
                       "class=\"name\">sic-es</span> <span class=\"kind\">peer</span></th>"
                       "<td class=\"health ok\" data-label=\"Health\">ok</td>") !=
        std::string::npos);
  CHECK(page.body.find("<td class=\"health backing off\" data-label=\"Health\">backing off</td>") !=
        std::string::npos);
  CHECK(page.body.find("server answered 500") != std::string::npos);
  CHECK(page.body.find("<th scope=\"row\">sic-es</th><td>1</td>") != std::string::npos);

  // A new article on the healthy peer arrives at once when a round is asked for.
  std::string es_token = peers.healthy.create_token("second");
  REQUIRE(http_post(peers.healthy.url("/api/articles"), R"({"title": "Segunda", "lang": "es"})",
                    {{"Authorization", "Bearer " + es_token}, {"Content-Type", "application/json"}})
              .status == 201);
  CHECK(http_post(hub.url("/network/sync"), "").status == 401);
  HttpResult asked =
      http_post(hub.url("/network/sync"), "", {{"Authorization", "Bearer " + token}});
  CHECK(asked.status == 202);
  CHECK(poll_for(seconds(15), [&] {
    HttpResult r = http_get(hub.url("/api/articles"));
    return r.status == 200 && web::json::value::parse(r.body)["articles"].size() == 2;
  }));
}
