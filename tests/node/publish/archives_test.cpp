#include "tests/node/publish/feed_helpers.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

TimePoint day(int y, unsigned m, unsigned d) {
  return TimePoint(std::chrono::sys_days(std::chrono::year(y) / m / d)) + hours(10);
}

std::string id_of(const std::string& name) { return "tag:sic.example.pt,2026:" + name; }

// Two articles in August, one in September, none in October, two in November 2026.
void put_months(NodeFixture& node) {
  node.put(simple_article(id_of("aug-1"), "August 1", day(2026, 8, 3)));
  node.put(simple_article(id_of("aug-2"), "August 2", day(2026, 8, 30)));
  node.put(simple_article(id_of("sep-1"), "September 1", day(2026, 9, 15)));
  node.put(simple_article(id_of("nov-1"), "November 1", day(2026, 11, 2)));
  node.put(simple_article(id_of("nov-2"), "November 2", day(2026, 11, 20)));
}

}  // namespace

TEST_CASE("Monthly archives hold their month's articles and link to their neighbours",
          "[publish][archives]") {
  NodeFixture node;
  put_months(node);
  Feed live = fetch(node, "/feeds/atom");
  CHECK(target_of(live, "prev-archive") == "/feeds/atom/archive/2026-11");

  Feed nov = fetch(node, "/feeds/atom/archive/2026-11");
  CHECK(nov.archive);
  CHECK(titles(nov) == std::vector<std::string>{"November 2", "November 1"});
  CHECK(target_of(nov, "current") == "/feeds/atom");
  CHECK(target_of(nov, "prev-archive") == "/feeds/atom/archive/2026-09");
  CHECK(nov.link("next-archive").empty());
  CHECK(nov.link("self") == std::string(NodeFixture::kBase) + "/feeds/atom/archive/2026-11");
  CHECK(nov.id == live.id);

  Feed sep = fetch(node, "/feeds/atom/archive/2026-09");
  CHECK(titles(sep) == std::vector<std::string>{"September 1"});
  CHECK(target_of(sep, "prev-archive") == "/feeds/atom/archive/2026-08");
  CHECK(target_of(sep, "next-archive") == "/feeds/atom/archive/2026-11");
  Feed aug = fetch(node, "/feeds/atom/archive/2026-08");
  CHECK(titles(aug) == std::vector<std::string>{"August 2", "August 1"});
  CHECK(aug.link("prev-archive").empty());

  // Walking back from the live feed reaches every article exactly once.
  std::multiset<std::string> all;
  for (const auto& doc : walk(node, target_of(live, "prev-archive"), "prev-archive"))
    for (const auto& id : ids(doc)) all.insert(id);
  CHECK(all.size() == 5);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == 5);
}

TEST_CASE("A month without articles or deletions has no archive", "[publish][archives]") {
  NodeFixture node;
  put_months(node);
  http::Response r = node.get("/feeds/rss/archive/2026-10");
  CHECK(r.status == 404);
  CHECK(r.body == "feeds: no archive for 2026-10: nothing was published or deleted that month\n");
  CHECK(node.get("/feeds/rss/archive/1999-01").status == 404);
}

TEST_CASE("Archives are filtered like the live feed and keep the filter in their links",
          "[publish][archives]") {
  NodeFixture node;
  put_months(node);
  Feed en = fetch(node, "/feeds/json/archive/2026-09?lang=en");
  CHECK(en.articles.empty());  // nothing is readable in English
  CHECK(target_of(en, "prev-archive") == "/feeds/json/archive/2026-08?lang=en");
  CHECK(target_of(en, "current") == "/feeds/json?lang=en");
  CHECK(target_of(fetch(node, "/feeds/json?lang=en"), "prev-archive") ==
        "/feeds/json/archive/2026-11?lang=en");
}

TEST_CASE("An archive stays byte-identical while its month does not change",
          "[publish][archives]") {
  NodeFixture node;
  put_months(node);
  http::Response before = node.get("/feeds/atom/archive/2026-09");
  node.put(simple_article(id_of("nov-3"), "November 3", day(2026, 11, 25)));
  node.clock().advance(hours(5));
  http::Response after = node.get("/feeds/atom/archive/2026-09");
  CHECK(after.body == before.body);
  CHECK(after.header_value("ETag") == before.header_value("ETag"));
  CHECK(after.header_value("Last-Modified") == before.header_value("Last-Modified"));
  CHECK(node.get("/feeds/atom/archive/2026-09", {{"If-None-Match", before.header_value("ETag")}})
            .status == 304);

  // Editing September's only article moves it to November: September has no archive
  // any more, and its neighbours link past it.
  node.put(simple_article(id_of("sep-1"), "September 1, edited", test_now()));
  CHECK(node.get("/feeds/atom/archive/2026-09").status == 404);
  Feed nov = fetch(node, "/feeds/atom/archive/2026-11");
  CHECK(titles(nov)[0] == "September 1, edited");
  CHECK(target_of(nov, "prev-archive") == "/feeds/atom/archive/2026-08");
}

TEST_CASE("Ended months are cached long, the current month like the live feed",
          "[publish][archives]") {
  NodeSetup setup;
  setup.extra_toml =
      "[publish]\ncache_control = \"public, max-age=60\"\n"
      "archive_cache_control = \"public, max-age=604800\"\n";
  NodeFixture node(setup);
  put_months(node);
  CHECK(node.get("/feeds/atom/archive/2026-09").header_value("Cache-Control") ==
        "public, max-age=604800");
  CHECK(node.get("/feeds/atom/archive/2026-11").header_value("Cache-Control") ==
        "public, max-age=60");
  CHECK(node.get("/feeds/atom").header_value("Cache-Control") == "public, max-age=60");
  // When November ends, its archive is cached long without any change in the catalogue.
  node.clock().set(day(2026, 12, 1));
  CHECK(node.get("/feeds/atom/archive/2026-11").header_value("Cache-Control") ==
        "public, max-age=604800");
}

namespace {

// Archives of three entries.
NodeSetup parts_of_three() { return {.extra_toml = "[publish]\narchive_part_entries = 3\n"}; }

// Seven articles in November 2026 and two in September.
void put_parted(NodeFixture& node) {
  node.put(simple_article(id_of("sep-1"), "September 1", day(2026, 9, 1)));
  node.put(simple_article(id_of("sep-2"), "September 2", day(2026, 9, 2)));
  for (unsigned d = 1; d <= 7; ++d)
    node.put(simple_article(id_of("nov-" + std::to_string(d)), "November " + std::to_string(d),
                            day(2026, 11, d)));
}

}  // namespace

TEST_CASE("A full month is cut into numbered parts chained by prev-archive and next-archive",
          "[publish][archives]") {
  NodeFixture node(parts_of_three());
  put_parted(node);
  Feed live = fetch(node, "/feeds/atom");
  CHECK(target_of(live, "prev-archive") == "/feeds/atom/archive/2026-11");

  // The month's own URL is its last part: the newest entries.
  Feed last = fetch(node, "/feeds/atom/archive/2026-11");
  CHECK(titles(last) == std::vector<std::string>{"November 7"});
  CHECK(last.archive);
  CHECK(target_of(last, "self") == "/feeds/atom/archive/2026-11");
  CHECK(target_of(last, "prev-archive") == "/feeds/atom/archive/2026-11/2");
  CHECK(last.link("next-archive").empty());
  Feed two = fetch(node, "/feeds/atom/archive/2026-11/2");
  CHECK(titles(two) == std::vector<std::string>{"November 6", "November 5", "November 4"});
  CHECK(target_of(two, "self") == "/feeds/atom/archive/2026-11/2");
  CHECK(target_of(two, "prev-archive") == "/feeds/atom/archive/2026-11/1");
  CHECK(target_of(two, "next-archive") == "/feeds/atom/archive/2026-11");
  Feed one = fetch(node, "/feeds/atom/archive/2026-11/1");
  CHECK(titles(one) == std::vector<std::string>{"November 3", "November 2", "November 1"});
  CHECK(target_of(one, "prev-archive") == "/feeds/atom/archive/2026-09");
  CHECK(target_of(one, "next-archive") == "/feeds/atom/archive/2026-11/2");
  // The last part under its number is the same document.
  CHECK(node.get("/feeds/atom/archive/2026-11/3").body ==
        node.get("/feeds/atom/archive/2026-11").body);
  Feed sep = fetch(node, "/feeds/atom/archive/2026-09");
  CHECK(target_of(sep, "next-archive") == "/feeds/atom/archive/2026-11/1");

  // Walking back from the live feed reaches every article exactly once, in every format.
  for (const char* format : {"atom", "json", "rss"}) {
    std::multiset<std::string> all;
    Feed start = fetch(node, std::string("/feeds/") + format);
    for (const auto& doc : walk(node, target_of(start, "prev-archive"), "prev-archive"))
      for (const auto& id : ids(doc)) all.insert(id);
    CHECK(all.size() == 9);
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == 9);
  }
}

TEST_CASE("Parts that do not exist are 404 and part numbers are checked", "[publish][archives]") {
  NodeFixture node(parts_of_three());
  put_parted(node);
  http::Response missing = node.get("/feeds/rss/archive/2026-11/4");
  CHECK(missing.status == 404);
  CHECK(missing.body == "feeds: the archive of 2026-11 has 3 parts\n");
  for (const char* bad : {"0", "01", "x", "-1", "1000000"}) {
    http::Response r = node.get(std::string("/feeds/rss/archive/2026-11/") + bad);
    INFO(bad);
    CHECK(r.status == 400);
    CHECK(r.body.find("is not a part number") != std::string::npos);
  }
}

TEST_CASE("Parts are bounded by bytes as well as by entries", "[publish][archives]") {
  NodeFixture node({.extra_toml = "[publish]\narchive_part_bytes = 65536\n"});
  for (unsigned d = 1; d <= 6; ++d) {
    Article a = simple_article(id_of("big-" + std::to_string(d)), "Big " + std::to_string(d),
                               day(2026, 11, d));
    a.content_html = "<p>" + std::string(6000, 'x') + "</p>";
    node.put(a);
  }
  // About 20 KB of estimated document an entry (the HTML counted three times, as if all
  // markup): three to a part of 64 KiB.
  std::vector<Feed> docs = walk(node, "/feeds/atom/archive/2026-11", "prev-archive");
  REQUIRE(docs.size() == 2);
  for (const auto& doc : docs) CHECK(doc.articles.size() == 3);
  for (std::size_t k = 1; k <= 2; ++k) {
    http::Response r = node.get("/feeds/atom/archive/2026-11/" + std::to_string(k));
    CHECK(r.body.size() < 65536);
  }
}

TEST_CASE("Dates stored outside the accepted range never break a feed or an archive link",
          "[publish][archives][dates]") {
  NodeFixture node;
  node.put(simple_article(id_of("ok"), "In range", day(2026, 11, 2)));
  // As an older version could have stored them (docs/model.md, "Dates").
  Article late = simple_article(id_of("late"), "Year 10000", kLastAcceptedDate + hours(1));
  late.published = kLastAcceptedDate;
  node.put(late);
  node.put(simple_article(id_of("early"), "Year 0", kFirstWritableDate));
  for (const char* format : {"atom", "json", "rss"}) {
    INFO(format);
    Feed live = fetch(node, std::string("/feeds/") + format);
    CHECK(live.articles.size() == 3);
    CHECK(target_of(live, "prev-archive") == std::string("/feeds/") + format + "/archive/2026-11");
    Feed archive = fetch(node, target_of(live, "prev-archive"));
    CHECK(archive.link("prev-archive").empty());
    CHECK(archive.link("next-archive").empty());
  }
  // The year-10000 date is written as the last date RFC 3339 can write.
  CHECK(node.get("/feeds/atom").body.find("<updated>9999-12-31T23:59:59Z</updated>") !=
        std::string::npos);
}
