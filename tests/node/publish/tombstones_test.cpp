#include "node/catalogue/articles.h"
#include "tests/node/publish/feed_helpers.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

const std::string kKept = "tag:sic.example.pt,2026:kept";
const std::string kGone = "tag:sic.example.pt,2026:gone";

}  // namespace

TEST_CASE("A deleted article leaves the feeds and its tombstone is announced in every format",
          "[publish][tombstones]") {
  NodeFixture node;
  node.put(simple_article(kKept, "Kept", test_now() - hours(3)));
  node.put(simple_article(kGone, "Gone", test_now() - hours(2)));
  node.remove(iri(kGone), "sic-pt", test_now() - hours(1));
  for (const char* target : {"/feeds/atom", "/feeds/json", "/feeds/rss"}) {
    INFO(target);
    Feed feed = fetch(node, target);
    CHECK(ids(feed) == std::vector<std::string>{kKept});
    REQUIRE(feed.tombstones.size() == 1);
    CHECK(feed.tombstones[0].id.str() == kGone);
    CHECK(feed.tombstones[0].origin == "sic-pt");
    CHECK(feed.tombstones[0].deleted == test_now() - hours(1));
    CHECK(feed.updated == test_now() - hours(1));
  }
  CHECK(node.get("/feeds/atom").body.find("<at:deleted-entry ref=\"" + kGone + "\"") !=
        std::string::npos);
  CHECK(node.get("/feeds/json").body.find("\"tombstones\"") != std::string::npos);
}

TEST_CASE("Tombstones leave the live feed after tombstone_days, also without a catalogue change",
          "[publish][tombstones]") {
  NodeSetup setup;
  setup.extra_toml = "[publish]\ntombstone_days = 2\n";
  NodeFixture node(setup);
  node.put(simple_article(kKept, "Kept", test_now() - hours(100)));
  node.remove(iri(kGone), "sic-pt", test_now() - hours(47));
  http::Response first = node.get("/feeds/atom");
  CHECK(read_feed(first).tombstones.size() == 1);
  node.clock().advance(hours(2));  // the tombstone is now 49 hours old
  http::Response later = node.get("/feeds/atom");
  CHECK(read_feed(later).tombstones.empty());
  CHECK(later.header_value("ETag") != first.header_value("ETag"));
  // The archive of the deletion's month keeps it.
  CHECK(fetch(node, "/feeds/atom/archive/2026-11").tombstones.size() == 1);
}

TEST_CASE("Tombstones follow the origin filter, and every other feed carries them",
          "[publish][tombstones]") {
  NodeFixture node;
  node.remove(iri(kGone), "sic-pt", test_now() - hours(1));
  node.remove(iri("tag:sic.example.es,2026:x"), "sic-es", test_now() - hours(2));
  CHECK(fetch(node, "/feeds/atom?origin=sic-es").tombstones.size() == 1);
  CHECK(fetch(node, "/feeds/atom?origin=sic-es").tombstones[0].origin == "sic-es");
  CHECK(fetch(node, "/feeds/atom?lang=en&tag=grooming").tombstones.size() == 2);
  CHECK(fetch(node, "/feeds/atom?section=youth").tombstones.size() == 2);
}

TEST_CASE("A peer's tombstone keeps its origin and the hop it came from", "[publish][tombstones]") {
  NodeFixture node;
  {
    auto cat = node.ctx().catalogue->lease().value();
    REQUIRE(cat->articles().tombstone({iri(kGone), "sic-es", test_now() - hours(1), "bik"}).ok());
  }
  for (const char* target : {"/feeds/atom", "/feeds/json", "/feeds/rss"}) {
    Feed feed = fetch(node, target);
    REQUIRE(feed.tombstones.size() == 1);
    CHECK(feed.tombstones[0].origin == "sic-es");
    CHECK(feed.tombstones[0].via == "bik");
  }
}
