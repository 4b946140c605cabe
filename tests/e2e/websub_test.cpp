// WebSub between real `sicnode serve` processes on 127.0.0.1 (docs/websub.md): every
// node polls hourly, so what arrives within seconds came by push.
#include <cpprest/json.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "feeds/model/hash.h"
#include "feeds/model/iri.h"
#include "tests/support/poll.h"
#include "tests/support/sicnode.h"
#include "tests/support/test_server.h"

namespace sic::test {
namespace {

using namespace std::chrono_literals;

void append_config(const TestNode& node, const std::string& text) {
  std::ofstream(node.config_path(), std::ios::app) << "\n" << text;
}

// Inserts keys at the top of the [sync] section TestNode writes.
void sync_keys(const TestNode& node, const std::string& keys) {
  std::string text = read_text_file(node.config_path());
  std::size_t at = text.find("[sync]\n");
  REQUIRE(at != std::string::npos);
  text.insert(at + 7, keys);
  std::ofstream(node.config_path()) << text;
}

// Nodes that poll their peers hourly; `fallback` is [sync] push_fallback_seconds.
class PushNetwork {
 public:
  explicit PushNetwork(const std::vector<std::string>& ids, int fallback = 3600) {
    for (const auto& id : ids) {
      NodeOptions options;
      options.id = id;
      options.name = "Node " + id;
      auto node = std::make_unique<TestNode>(options);
      sync_keys(*node, "interval_seconds = 3600\npush_fallback_seconds = " +
                           std::to_string(fallback) + "\n");
      nodes_[id] = std::move(node);
    }
  }
  TestNode& operator[](const std::string& id) { return *nodes_.at(id); }

  // `from` reads `to`'s Atom feed ([[peers]] in its config).
  void follow(const std::string& from, const std::string& to) {
    append_config((*this)[from], "[[peers]]\nid = \"" + to + "\"\nurl = \"" +
                                     (*this)[to].url("/feeds/atom") + "\"\n");
  }
  void start(const std::string& id) {
    if (!tokens_.count(id)) tokens_[id] = (*this)[id].create_token("tests");
    (*this)[id].start();
  }
  Headers auth(const std::string& id) {
    return {{"Authorization", "Bearer " + tokens_.at(id)}, {"Content-Type", "application/json"}};
  }
  std::string post(const std::string& id, const std::string& title) {
    std::string body = R"({"title": ")" + title + R"(", "lang": "en", "summary": "About )" + title +
                       R"(", "tags": ["cyberbullying"], "section": "awareness"})";
    HttpResult r = http_post((*this)[id].url("/api/articles"), body, auth(id));
    INFO(r.body);
    REQUIRE(r.status == 201);
    return web::json::value::parse(r.body)["id"].as_string();
  }
  // The article's title on a node; "" when it does not have it, "(deleted)" for a tombstone.
  std::string title_on(const std::string& id, const std::string& article) {
    HttpResult r = http_get((*this)[id].url("/api/articles/" + percent_encode(article)));
    if (r.status == 410) return "(deleted)";
    if (r.status != 200) return "";
    return web::json::value::parse(r.body)["title"].as_string();
  }
  // A metric's value on a node (the first series whose line starts with `series`).
  double metric(const std::string& id, const std::string& series) {
    HttpResult r = http_get((*this)[id].url("/metrics"));
    if (r.status != 200) return -1;
    std::size_t at = r.body.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stod(r.body.substr(at + series.size() + 2));
  }
  // Waits until the node's hub has n verified subscribers.
  bool subscribers(const std::string& id, double n) {
    return poll_for(
        20s, [&] { return metric(id, "sicnode_websub_subscribers") >= n; }, 50ms);
  }
  // The push row of `peer` in `sicnode peers list` on node `id`.
  std::string push_row(const std::string& id, const std::string& peer) {
    CommandResult r = (*this)[id].run({"peers", "list"});
    std::size_t table = r.out.find("\nPUSH");
    if (table == std::string::npos) return "";
    std::size_t at = r.out.find("\n" + peer + " ", table);
    if (at == std::string::npos) return "";
    return r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
  }

 private:
  std::map<std::string, std::unique_ptr<TestNode>> nodes_;
  std::map<std::string, std::string> tokens_;
};

// Waits (bounded) until `check` says what is expected on the node.
bool arrives(PushNetwork& net, const std::string& node, const std::string& article,
             const std::string& title, std::chrono::milliseconds within = 15s) {
  return poll_for(
      within, [&] { return net.title_on(node, article) == title; }, 20ms);
}

}  // namespace

TEST_CASE(
    "websub: a chain a→b→c→d polling hourly carries a post, an edit and a deletion in seconds",
    "[websub][e2e]") {
  PushNetwork net({"sic-a", "sic-b", "sic-c", "sic-d"});
  net.follow("sic-b", "sic-a");
  net.follow("sic-c", "sic-b");
  net.follow("sic-d", "sic-c");
  for (const char* id : {"sic-a", "sic-b", "sic-c", "sic-d"}) net.start(id);
  // Each node's first round reads its peer's feed, finds rel="hub" and subscribes.
  for (const char* hub : {"sic-a", "sic-b", "sic-c"}) {
    INFO(hub << "\n" << net[hub].server_log());
    REQUIRE(net.subscribers(hub, 1));
  }

  std::string id = net.post("sic-a", "Pushed helpline hours");
  CHECK(arrives(net, "sic-d", id, "Pushed helpline hours"));
  for (const char* relay : {"sic-b", "sic-c"})
    CHECK(net.title_on(relay, id) == "Pushed helpline hours");

  std::string body = R"({"title": "Pushed helpline hours, corrected", "lang": "en"})";
  HttpResult edited =
      http_put(net["sic-a"].url("/api/articles/" + percent_encode(id)), body, net.auth("sic-a"));
  REQUIRE(edited.status == 200);
  CHECK(arrives(net, "sic-d", id, "Pushed helpline hours, corrected"));

  HttpResult removed =
      http_delete(net["sic-a"].url("/api/articles/" + percent_encode(id)), net.auth("sic-a"));
  REQUIRE(removed.status == 204);
  CHECK(arrives(net, "sic-d", id, "(deleted)"));

  // Visible to operators: the subscription and its deliveries.
  std::string row = net.push_row("sic-d", "sic-c");
  INFO(row);
  CHECK(row.find("active") != std::string::npos);
  CHECK(row.find(net["sic-c"].url("/websub")) != std::string::npos);
  HttpResult network = http_get(net["sic-d"].url("/network"));
  CHECK(network.body.find("Push") != std::string::npos);
}

TEST_CASE("websub: feeds and pages name the hub and themselves, as links and Link headers",
          "[websub][e2e]") {
  TestNode node;
  node.start();
  std::string hub = node.url("/websub");
  for (const char* path : {"/feeds/atom", "/feeds/json?lang=en", "/feeds/rss", "/"}) {
    INFO(path);
    HttpResult r = http_get(node.url(path));
    REQUIRE(r.status == 200);
    std::string link = r.header("Link");
    CHECK(link.find("<" + hub + ">; rel=\"hub\"") != std::string::npos);
    CHECK(link.find("rel=\"self\"") != std::string::npos);
    CHECK(r.body.find(hub) != std::string::npos);  // <link rel="hub">, atom:link, "hubs"
  }
}

TEST_CASE("websub: a forged delivery, a callback that does not echo, a dead subscriber",
          "[websub][e2e]") {
  PushNetwork net({"sic-a", "sic-b"});
  net.follow("sic-b", "sic-a");
  net.start("sic-a");
  net.start("sic-b");
  REQUIRE(net.subscribers("sic-a", 1));
  std::string first = net.post("sic-a", "First pushed article");
  REQUIRE(arrives(net, "sic-b", first, "First pushed article"));

  SECTION("a delivery with a wrong or missing HMAC changes nothing and is counted") {
    HttpResult feed = http_get(net["sic-a"].url("/feeds/atom"));
    std::string forged = feed.body;
    std::size_t at = forged.find("First pushed article");
    REQUIRE(at != std::string::npos);
    forged.replace(at, 20, "Forged pushed article");
    std::string callback = net["sic-b"].url("/websub/callback/sic-a");
    HttpResult wrong =
        http_post(callback, forged,
                  {{"Content-Type", "application/atom+xml"},
                   {"X-Hub-Signature", "sha256=" + hmac_hex("sha256", "not the secret", forged)}});
    CHECK(wrong.status == 403);
    HttpResult missing = http_post(callback, forged, {{"Content-Type", "application/atom+xml"}});
    CHECK(missing.status == 403);
    CHECK(net.title_on("sic-b", first) == "First pushed article");
    std::string row = net.push_row("sic-b", "sic-a");
    INFO(row);
    CHECK(row.find(" 2  http") != std::string::npos);  // BAD HMAC 2
    CHECK(net.metric("sic-b",
                     "sicnode_push_deliveries_total{peer=\"sic-a\",result=\"bad signature\"}") ==
          2);
  }

  SECTION("a callback that does not echo the challenge receives nothing; a dead one slows nobody") {
    TestServer liar, dead, slow;
    liar.route("/cb", Reply{.body = "not the challenge"});
    auto echo = [](const RecordedRequest& r) {
      if (r.method == "GET") {
        std::size_t at = r.target.find("hub.challenge=");
        std::string challenge = r.target.substr(at + 14, r.target.find('&', at) - at - 14);
        return Reply{.body = challenge};
      }
      return Reply{.status = 204};
    };
    dead.route("/cb", echo);
    slow.route("/cb", [&](const RecordedRequest& r) {
      Reply reply = echo(r);
      if (r.method == "POST") reply.delay = 8s;  // holds a delivery until the hub's timeout
      return reply;
    });
    auto subscribe = [&](TestServer& server) {
      std::string form = "hub.mode=subscribe&hub.callback=" + percent_encode(server.url("/cb")) +
                         "&hub.topic=" + percent_encode(net["sic-a"].url("/feeds/atom")) +
                         "&hub.secret=s3cret";
      HttpResult r = http_post(net["sic-a"].url("/websub"), form,
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
      INFO(r.body);
      CHECK(r.status == 202);
    };
    subscribe(liar);
    subscribe(dead);
    subscribe(slow);
    REQUIRE(liar.wait_for_requests(1, 10s));
    REQUIRE(net.subscribers("sic-a", 3));  // sic-b, dead and slow; not the liar
    // slow's first delivery (the document at subscription) is held for 8 s.
    REQUIRE(slow.wait_for_requests(2, 10s));
    dead.stop();

    auto posted = std::chrono::steady_clock::now();
    std::string second = net.post("sic-a", "Second pushed article");
    CHECK(arrives(net, "sic-b", second, "Second pushed article", 5s));
    CHECK(std::chrono::steady_clock::now() - posted < 3s);
    CHECK(liar.requests_to("/cb").size() == 1);  // the verification only, no delivery
    CHECK(net.metric("sic-a",
                     "sicnode_websub_verifications_total{mode=\"subscribe\","
                     "result=\"not echoed\"}") == 1);
  }
}

TEST_CASE("websub: a restart keeps subscriptions on both sides", "[websub][e2e]") {
  PushNetwork net({"sic-a", "sic-b"});
  net.follow("sic-b", "sic-a");
  net.start("sic-a");
  net.start("sic-b");
  REQUIRE(net.subscribers("sic-a", 1));
  // An article first: an empty feed is dated when it is rendered, so it would be a new
  // document at a's restart, pushed while b is still down and then retried with back-off.
  std::string before = net.post("sic-a", "Before the restart");
  REQUIRE(arrives(net, "sic-b", before, "Before the restart"));
  REQUIRE(net["sic-b"].stop() == 0);
  REQUIRE(net["sic-a"].stop() == 0);
  net.start("sic-a");
  net.start("sic-b");
  CHECK(net.metric("sic-a", "sicnode_websub_subscribers") == 1);
  std::string id = net.post("sic-a", "After the restart");
  CHECK(arrives(net, "sic-b", id, "After the restart", 10s));
}

TEST_CASE("websub: a subscriber renews before its lease ends", "[websub][e2e]") {
  PushNetwork net({"sic-a", "sic-b"});
  for (const char* id : {"sic-a", "sic-b"})
    append_config(net[id], "[websub]\nlease_seconds = 10\nmin_lease_seconds = 10\n");
  net.follow("sic-b", "sic-a");
  net.start("sic-a");
  net.start("sic-b");
  REQUIRE(net.subscribers("sic-a", 1));
  const std::string verified =
      "sicnode_websub_verifications_total{mode=\"subscribe\",result=\"verified\"}";
  // Asked again at four fifths of the 10 s lease, twice within 20 s, never lapsing.
  auto started = std::chrono::steady_clock::now();
  bool lapsed = false;
  bool renewed = poll_for(
      20s,
      [&] {
        lapsed |= net.metric("sic-a", "sicnode_websub_subscribers") != 1;
        return net.metric("sic-a", verified) >= 3;
      },
      100ms);
  CHECK(renewed);
  CHECK_FALSE(lapsed);
  CHECK(std::chrono::steady_clock::now() - started > 10s);
  CHECK(net.push_row("sic-b", "sic-a").find("active") != std::string::npos);
}

TEST_CASE("websub: when the hub stops pushing, polling catches up on the fallback round",
          "[websub][e2e]") {
  PushNetwork net({"sic-a", "sic-b"}, 10);
  net.follow("sic-b", "sic-a");
  net.start("sic-a");
  net.start("sic-b");
  REQUIRE(net.subscribers("sic-a", 1));
  // The hub dies with a change it never pushed: killed, the change made while it is
  // down, and it comes back without its hub.
  net["sic-a"].kill();
  std::string feed = net["sic-a"].dir() / "cms.xml";
  std::ofstream(feed) << R"(<?xml version="1.0"?><rss version="2.0"><channel><title>CMS</title>
<link>https://cms.example/</link><description>x</description>
<item><title>Written while the hub was down</title><link>https://cms.example/down</link>
<guid>https://cms.example/down</guid><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>
<description>Hub down.</description></item></channel></rss>)";
  CommandResult imported = net["sic-a"].run({"import", feed});
  INFO(imported.out << imported.err);
  REQUIRE(imported.status == 0);
  append_config(net["sic-a"], "[websub]\nhub = false\n");
  net.start("sic-a");
  HttpResult api = http_get(net["sic-a"].url("/api/articles?limit=5"));
  auto list = web::json::value::parse(api.body)["articles"].as_array();
  std::string id;
  for (auto& a : list)
    if (a["title"].as_string() == "Written while the hub was down") id = a["id"].as_string();
  REQUIRE(!id.empty());
  CHECK(net.title_on("sic-b", id).empty());
  // push_fallback_seconds = 10 since b's last poll.
  CHECK(arrives(net, "sic-b", id, "Written while the hub was down", 25s));
  // That poll found no hub any more: b polls at its interval again.
  CHECK(poll_for(5s,
                 [&] { return net.push_row("sic-b", "sic-a").find("none") != std::string::npos; }));
}

namespace {

// A subscriber on a TestServer: echoes the challenge at /cb, takes deliveries.
Reply echo_challenge(const RecordedRequest& r) {
  if (r.method != "GET") return Reply{.status = 204};
  std::size_t at = r.target.find("hub.challenge=");
  if (at == std::string::npos) return Reply{.status = 404};
  return Reply{.body = r.target.substr(at + 14, r.target.find('&', at) - at - 14)};
}

HttpResult ask_hub(const TestNode& node, const std::string& form,
                   const std::string& type = "application/x-www-form-urlencoded") {
  return http_post(node.url("/websub"), form, {{"Content-Type", type}});
}

std::string subscription(const std::string& callback, const std::string& topic,
                         const std::string& more = "") {
  return "hub.mode=subscribe&hub.callback=" + percent_encode(callback) +
         "&hub.topic=" + percent_encode(topic) + more;
}

}  // namespace

TEST_CASE("websub: subscription requests the hub cannot honour are refused, naming why",
          "[websub][e2e]") {
  NodeOptions options;
  options.extra_toml = "[websub]\nmax_subscriptions_per_host = 2\n";
  TestNode node(options);
  node.start();
  TestServer subscriber;
  subscriber.route("/cb", echo_challenge);
  const std::string feed = node.url("/feeds/atom");
  const std::string cb = subscriber.url("/cb");
  auto refused = [&](const std::string& form, int status, const std::string& names) {
    HttpResult r = ask_hub(node, form);
    INFO(form << " -> " << r.status << " " << r.body);
    CHECK(r.status == status);
    CHECK(r.body.find(names) != std::string::npos);
  };
  CHECK(ask_hub(node, subscription(cb, feed), "text/plain").status == 415);
  refused("hub.mode=publish&hub.url=" + percent_encode(feed), 400, "hub.mode");
  refused("hub.mode=subscribe&hub.topic=" + percent_encode(feed), 400, "hub.callback: missing");
  refused(subscription("ftp://127.0.0.1/cb", feed), 400, "hub.callback");
  refused(subscription(cb + "#x", feed), 400, "hub.callback");
  refused(subscription(cb, "https://elsewhere.example/feeds/atom"), 400, "hub.topic");
  refused(subscription(cb, node.url("/feeds/atom/archive/2026-11")), 400, "hub.topic");
  refused(subscription(cb, node.url("/api/articles")), 400, "hub.topic");
  refused(subscription(cb, feed, "&hub.lease_seconds=soon"), 400, "hub.lease_seconds");
  refused(subscription(cb, feed, "&hub.secret=" + std::string(201, 'x')), 400, "hub.secret");
  refused(subscription(cb, feed, "&hub.topic=" + percent_encode(feed)), 400,
          "given more than once");
  CHECK(subscriber.request_count() == 0);  // nothing refused reached the callback

  // Two topics from one host; the third is over max_subscriptions_per_host, a renewal is not.
  CHECK(ask_hub(node, subscription(cb, feed, "&hub.lease_seconds=5")).status == 202);
  CHECK(ask_hub(node, subscription(cb, node.url("/feeds/json?tag=grooming&lang=en"))).status ==
        202);
  REQUIRE(poll_for(10s, [&] { return subscriber.requests_to("/cb").size() >= 2; }));
  refused(subscription(cb, node.url("/feeds/rss")), 429, "max_subscriptions_per_host");
  CHECK(ask_hub(node, subscription(cb, feed)).status == 202);
  // The lease asked (5 s) is brought up to min_lease_seconds; the topic is canonical.
  auto gets = subscriber.requests_to("/cb");
  bool clamped = false, canonical = false;
  for (const auto& g : gets) {
    clamped |= g.target.find("hub.lease_seconds=3600") != std::string::npos;
    canonical |= g.target.find(percent_encode(node.url("/feeds/json?lang=en&tag=grooming"))) !=
                 std::string::npos;
  }
  CHECK(clamped);
  CHECK(canonical);
}

TEST_CASE("websub: a callback on a private address is refused unless the node allows them",
          "[websub][e2e]") {
  TestNode node;
  std::string text = read_text_file(node.config_path());
  text.replace(text.find("allow_private_addresses = true"), 30, "allow_private_addresses = false");
  std::ofstream(node.config_path()) << text;
  node.start();
  HttpResult r = ask_hub(node, subscription("http://10.1.2.3/cb", node.url("/feeds/atom")));
  CHECK(r.status == 400);
  CHECK(r.body.find("private address") != std::string::npos);
}

TEST_CASE(
    "websub: deliveries carry the document, its Link and the HMAC of the secret, and "
    "unsubscribing stops them",
    "[websub][e2e]") {
  TestNode node;
  std::string token = node.create_token("tests");
  node.start();
  TestServer subscriber;
  subscriber.route("/cb", echo_challenge);
  const std::string topic = node.url("/feeds/json?lang=en");
  REQUIRE(ask_hub(node, subscription(subscriber.url("/cb"), topic, "&hub.secret=abc")).status ==
          202);
  // The current document goes out once the subscription is verified.
  REQUIRE(subscriber.wait_for_requests(2, 10s));
  auto posts = [&] {
    std::vector<RecordedRequest> out;
    for (auto& r : subscriber.requests_to("/cb"))
      if (r.method == "POST") out.push_back(r);
    return out;
  };
  REQUIRE(posts().size() == 1);
  std::string body = R"({"title": "Signed delivery", "lang": "en", "summary": "s"})";
  HttpResult made =
      http_post(node.url("/api/articles"), body,
                {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  REQUIRE(made.status == 201);
  REQUIRE(poll_for(10s, [&] { return posts().size() == 2; }));
  RecordedRequest delivery = posts().back();
  CHECK(delivery.body.find("Signed delivery") != std::string::npos);
  CHECK(delivery.body == http_get(topic).body);
  CHECK(delivery.header("Content-Type").find("application/feed+json") == 0);
  CHECK(delivery.header("Link").find("<" + node.url("/websub") + ">; rel=\"hub\"") !=
        std::string::npos);
  CHECK(delivery.header("X-Hub-Signature") == "sha256=" + hmac_hex("sha256", "abc", delivery.body));

  std::string leave = "hub.mode=unsubscribe&hub.callback=" + percent_encode(subscriber.url("/cb")) +
                      "&hub.topic=" + percent_encode(topic);
  REQUIRE(ask_hub(node, leave).status == 202);
  REQUIRE(poll_for(10s, [&] {
    HttpResult m = http_get(node.url("/metrics"));
    return m.body.find("\nsicnode_websub_subscribers 0") != std::string::npos;
  }));
  std::size_t before = posts().size();
  body = R"({"title": "After unsubscribing", "lang": "en", "summary": "s"})";
  REQUIRE(http_post(node.url("/api/articles"), body,
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})
              .status == 201);
  // The feed changed; a delivery would come within a second.
  CHECK_FALSE(poll_for(2s, [&] { return posts().size() > before; }));
}

TEST_CASE("websub: external hubs are named and told when the feeds change", "[websub][e2e]") {
  TestServer hub;
  hub.route("/hub", Reply{.status = 204});
  NodeOptions options;
  options.extra_toml = "[publish]\nwebsub_hubs = [\"" + hub.url("/hub") + "\"]\n";
  TestNode node(options);
  std::string token = node.create_token("tests");
  node.start();
  HttpResult feed = http_get(node.url("/feeds/atom"));
  CHECK(feed.header("Link").find("<" + hub.url("/hub") + ">; rel=\"hub\"") != std::string::npos);
  // The start tells the hub about the three live feeds once.
  REQUIRE(hub.wait_for_requests(3, 10s));
  std::string body = R"({"title": "Told to the public hub", "lang": "en", "summary": "s"})";
  REQUIRE(http_post(node.url("/api/articles"), body,
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})
              .status == 201);
  REQUIRE(hub.wait_for_requests(6, 10s));
  std::vector<std::string> told;
  for (const auto& r : hub.requests_to("/hub")) {
    CHECK(r.method == "POST");
    CHECK(r.header("Content-Type") == "application/x-www-form-urlencoded");
    told.push_back(r.body);
  }
  for (const char* format : {"atom", "json", "rss"})
    CHECK(std::count(told.begin(), told.end(),
                     "hub.mode=publish&hub.url=" +
                         percent_encode(node.url(std::string("/feeds/") + format))) == 2);
}

}  // namespace sic::test
