// Real nodes on 127.0.0.1 in a star, a chain and a mesh with cycles: articles
// created on several nodes reach every node exactly once with their origin; edits
// and deletions by the origin propagate; nobody else can change them; no loops.
#include <algorithm>
#include <set>

#include "tests/e2e/federation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

void check_feed_has_each_once(Network& net, const std::string& node, std::size_t expected) {
  auto ids = net.feed_ids(node);
  std::set<std::string> unique(ids.begin(), ids.end());
  INFO(node);
  CHECK(unique.size() == ids.size());
  CHECK(ids.size() == expected);
}

// The quiet round after convergence: nothing new, updated or deleted anywhere.
void check_quiet(Network& net, const std::vector<std::string>& nodes) {
  for (const auto& id : nodes) {
    CommandResult r = net.sync(id);
    INFO(id << ": " << r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("0 new, 0 updated, 0 deleted") != std::string::npos);
    CHECK(r.out.find("refused") == std::string::npos);  // echoes are not refusals
  }
}

std::string via_on(Network& net, const std::string& node, const std::string& article) {
  HttpResult r = http_get(net[node].url("/api/articles/" + percent_encode(article)));
  REQUIRE(r.status == 200);
  return web::json::value::parse(r.body)["via"].as_string();
}

}  // namespace

std::string hash_on(Network& net, const std::string& node, const std::string& article) {
  HttpResult r = http_get(net[node].url("/api/articles/" + percent_encode(article)));
  REQUIRE(r.status == 200);
  return web::json::value::parse(r.body)["content_hash"].as_string();
}

TEST_CASE("A star of a hub and four centres converges, each article once with its origin",
          "[e2e][federation]") {
  const std::vector<std::string> centres = {"sic-a", "sic-b", "sic-c", "sic-d"};
  Network net({"sic-hub", "sic-a", "sic-b", "sic-c", "sic-d"});
  net.start();
  for (const auto& c : centres) {
    net.follow("sic-hub", c);
    net.follow(c, "sic-hub");
  }
  std::map<std::string, Seen> expected;
  for (const auto& origin : {"sic-a", "sic-b", "sic-c", "sic-hub"}) {
    for (int i = 1; i <= 2; ++i) {
      std::string title = std::string("News ") + std::to_string(i) + " from " + origin;
      expected[net.post(origin, title)] = {origin, title, false};
    }
  }
  std::vector<std::string> order = {"sic-a", "sic-b", "sic-c", "sic-d", "sic-hub"};
  int rounds = net.converge(order, expected, 3);
  CHECK(rounds == 2);
  for (const auto& id : order) check_feed_has_each_once(net, id, expected.size());
  std::string from_a = std::find_if(expected.begin(), expected.end(), [](const auto& e) {
                         return e.second.origin == "sic-a";
                       })->first;
  CHECK(via_on(net, "sic-hub", from_a) == "sic-a");
  CHECK(via_on(net, "sic-d", from_a) == "sic-hub");
  for (const auto& [article, seen] : expected)  // every copy is the origin's, byte for byte
    for (const auto& id : order)
      CHECK(hash_on(net, id, article) == hash_on(net, seen.origin, article));
  check_quiet(net, order);
}

TEST_CASE("Along a chain A to B to C, creation, edits and deletions reach the end",
          "[e2e][federation]") {
  Network net({"sic-a", "sic-b", "sic-c"});
  net.start();
  net.follow("sic-b", "sic-a");
  net.follow("sic-c", "sic-b");
  std::string article = net.post("sic-a", "Helplines report more calls");
  std::map<std::string, Seen> expected = {{article, {"sic-a", "Helplines report more calls"}}};
  CHECK(net.converge({"sic-c", "sic-b", "sic-a"}, expected, 3) == 2);
  CHECK(via_on(net, "sic-c", article) == "sic-b");

  SECTION("an edit on the origin propagates and wins") {
    REQUIRE(net.edit("sic-a", article, "Helplines report many more calls").status == 200);
    expected[article].title = "Helplines report many more calls";
    CHECK(net.converge({"sic-b", "sic-c"}, expected, 2) == 1);
  }
  SECTION("a deletion on the origin propagates as a tombstone") {
    REQUIRE(net.remove("sic-a", article).status == 204);
    expected[article] = {"sic-a", "", true};
    CHECK(net.converge({"sic-b", "sic-c"}, expected, 2) == 1);
    for (const auto& id : {"sic-a", "sic-b", "sic-c"}) {
      INFO(id);
      CHECK(http_get(net[id].url("/api/articles/" + percent_encode(article))).status == 410);
      CHECK(http_get(net[id].url("/articles/" + percent_encode(article))).status == 410);
      CHECK(net.feed_ids(id).empty());
    }
  }
  SECTION("another node's API cannot edit or delete it") {
    HttpResult edit = net.edit("sic-b", article, "Hijacked");
    CHECK(edit.status == 403);
    CHECK(edit.body.find("only its origin can change or delete it") != std::string::npos);
    CHECK(net.remove("sic-c", article).status == 403);
    CHECK(net.converge({"sic-b", "sic-c"}, expected, 1) == 1);
  }
}

TEST_CASE("A chain configured with [[peers]] tables syncs the same way", "[e2e][federation]") {
  TestNode a({.id = "sic-a"});
  TestNode b({.id = "sic-b",
              .extra_toml = "[[peers]]\nid = \"sic-a\"\nurl = \"" + a.url("/feeds/atom") + "\"\n"});
  add_sync_keys(b, "background = false\n");  // the round below is the only one
  std::string token = a.create_token();
  a.start();
  b.start();
  HttpResult created =
      http_post(a.url("/api/articles"), R"({"title": "From the config", "lang": "en"})",
                {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  REQUIRE(created.status == 201);
  CommandResult r = b.run({"sync"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("sic-a") != std::string::npos);
  CHECK(r.out.find("1 new") != std::string::npos);
  CommandResult list = b.run({"peers", "list"});
  CHECK(list.out.find("sic-a") != std::string::npos);
  CHECK(b.run({"peers", "remove", "sic-a"}).status == 2);  // it is in the config
}

TEST_CASE("A mesh with cycles and a hub converges without loops, edits and deletions included",
          "[e2e][federation]") {
  Network net({"sic-hub", "sic-a", "sic-b", "sic-c"});
  net.start();
  for (auto [x, y] :
       {std::pair{"sic-a", "sic-b"}, std::pair{"sic-b", "sic-c"}, std::pair{"sic-c", "sic-a"}}) {
    net.follow(x, y);
    net.follow(y, x);
  }
  for (const auto& c : {"sic-a", "sic-b", "sic-c"}) {
    net.follow("sic-hub", c);
    net.follow(c, "sic-hub");
  }
  std::map<std::string, Seen> expected;
  for (const auto& origin : {"sic-a", "sic-b", "sic-c", "sic-hub"}) {
    std::string title = std::string("Campaign by ") + origin;
    expected[net.post(origin, title)] = {origin, title, false};
  }
  std::vector<std::string> order = {"sic-a", "sic-b", "sic-c", "sic-hub"};
  CHECK(net.converge(order, expected, 3) <= 2);
  for (const auto& id : order) check_feed_has_each_once(net, id, expected.size());
  check_quiet(net, order);

  std::string from_b, from_c;
  for (const auto& [article, seen] : expected) {
    if (seen.origin == "sic-b") from_b = article;
    if (seen.origin == "sic-c") from_c = article;
  }
  REQUIRE(net.edit("sic-b", from_b, "Campaign by sic-b, second edition").status == 200);
  expected[from_b].title = "Campaign by sic-b, second edition";
  REQUIRE(net.remove("sic-c", from_c).status == 204);
  expected[from_c] = {"sic-c", "", true};
  CHECK(net.converge(order, expected, 3) <= 2);
  check_quiet(net, order);
  for (const auto& id : order) check_feed_has_each_once(net, id, expected.size() - 1);

  // Once nothing changes, a round is conditional GETs answered 304 everywhere.
  for (const auto& id : order) {
    CommandResult r = net.sync(id);
    INFO(id << ": " << r.out);
    CHECK(r.out.find(" ok ") == std::string::npos);
    CHECK(r.out.find("not modified") != std::string::npos);
  }
}

TEST_CASE("A downstream node backfills a month cut into archive parts", "[e2e][federation]") {
  // Pages of two entries and archive parts of two: nine articles of this month are a
  // live feed, and five parts chained by prev-archive.
  Network net({"sic-a", "sic-b"}, "[publish]\npage_size = 2\narchive_part_entries = 2\n");
  net.start();
  std::map<std::string, Seen> expected;
  for (int i = 1; i <= 9; ++i) {
    std::string title = "Part article " + std::to_string(i);
    expected[net.post("sic-a", title)] = {"sic-a", title, false};
  }
  auto live = parse_feed(http_get(net["sic-a"].url("/feeds/atom")).body, {});
  REQUIRE(live.ok());
  std::string last_part = live->link("prev-archive");
  auto last = parse_feed(http_get(last_part).body, {});
  REQUIRE(last.ok());
  CHECK(last->link("prev-archive") == last_part + "/4");
  net.follow("sic-b", "sic-a");
  // The first round reads the live feed and walks the parts back; nothing is left over.
  CHECK(net.converge({"sic-b"}, expected, 2) == 1);
  CommandResult r = net.sync("sic-b");
  INFO(r.out);
  CHECK(r.status == 0);
}
