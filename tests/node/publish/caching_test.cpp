#include <regex>

#include "tests/node/publish/feed_helpers.h"
#include "tests/support/process.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

double metric(NodeFixture& node, const std::string& name, const std::string& kind) {
  std::string text = node.get("/metrics").body;
  std::string line = name + "{kind=\"" + kind + "\"} ";
  size_t at = text.find(line);
  return at == std::string::npos ? 0 : std::stod(text.substr(at + line.size()));
}

// Runs the sqlite3 shell on the node's catalogue (from outside, as an operator would).
void sqlite(NodeFixture& node, const std::string& sql) {
  Process p({.program = "sqlite3", .args = {(node.dir() / "data" / "catalogue.db").string(), sql}});
  auto status = p.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(20));
  INFO(p.stderr_text());
  REQUIRE(status == 0);
}

void put_two(NodeFixture& node) {
  node.put(simple_article("tag:sic.example.pt,2026:1", "One", test_now() - hours(2)));
  node.put(simple_article("tag:sic.example.pt,2026:2", "Two", test_now() - hours(1)));
}

}  // namespace

TEST_CASE("A document is rendered once per catalogue version and query", "[publish][caching]") {
  NodeFixture node;
  put_two(node);
  double misses = metric(node, "sicnode_render_cache_misses_total", "feed-atom");
  double hits = metric(node, "sicnode_render_cache_hits_total", "feed-atom");
  http::Response a = node.get("/feeds/atom");
  http::Response b = node.get("/feeds/atom");
  http::Response c = node.get("/feeds/atom", {{"Accept-Encoding", "gzip"}});
  CHECK(metric(node, "sicnode_render_cache_misses_total", "feed-atom") == misses + 1);
  CHECK(metric(node, "sicnode_render_cache_hits_total", "feed-atom") == hits + 2);
  CHECK(a.body == b.body);
  node.get("/feeds/atom?lang=pt");  // another query, another document
  CHECK(metric(node, "sicnode_render_cache_misses_total", "feed-atom") == misses + 2);

  node.put(simple_article("tag:sic.example.pt,2026:3", "Three", test_now()));
  CHECK(titles(fetch(node, "/feeds/atom"))[0] == "Three");  // a change is seen at once
  CHECK(metric(node, "sicnode_render_cache_misses_total", "feed-atom") == misses + 3);
  std::string text = node.get("/metrics").body;
  CHECK(text.find("# TYPE sicnode_render_cache_hits_total counter") != std::string::npos);
  CHECK(text.find("sicnode_render_cache_bytes ") != std::string::npos);
}

TEST_CASE("A cached document is served, and revalidated, without reading the articles",
          "[publish][caching]") {
  NodeFixture node;
  put_two(node);
  http::Response warm = node.get("/feeds/atom");
  REQUIRE(warm.status == 200);
  sqlite(node, "ALTER TABLE articles RENAME TO articles_away");
  CHECK(node.get("/feeds/rss").status == 503);  // a document not cached needs the table
  http::Response again = node.get("/feeds/atom", {{"If-None-Match", warm.header_value("ETag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(node.get("/feeds/atom").body == warm.body);
  sqlite(node, "ALTER TABLE articles_away RENAME TO articles");
  CHECK(node.get("/feeds/rss").status == 200);
}

TEST_CASE("Validators: strong ETag, Last-Modified, 304 for If-None-Match and If-Modified-Since",
          "[publish][caching]") {
  NodeFixture node;
  put_two(node);
  http::Response r = node.get("/feeds/json");
  std::string etag = r.header_value("ETag");
  CHECK(std::regex_match(etag, std::regex("\"[0-9a-f]{32}\"")));
  CHECK(r.header_value("Last-Modified") == format_http_date(test_now()));  // stored now
  CHECK(node.get("/feeds/json", {{"If-None-Match", etag}}).status == 304);
  CHECK(node.get("/feeds/json", {{"If-None-Match", "\"stale\""}}).status == 200);
  CHECK(node.get("/feeds/json", {{"If-Modified-Since", r.header_value("Last-Modified")}}).status ==
        304);
  node.clock().advance(hours(1));
  node.put(simple_article("tag:sic.example.pt,2026:3", "Three", test_now()));
  CHECK(node.get("/feeds/json", {{"If-None-Match", etag}}).status == 200);
  CHECK(node.get("/feeds/json", {{"If-Modified-Since", r.header_value("Last-Modified")}}).status ==
        200);
}

TEST_CASE("gzip is negotiated and the compressed bytes are stable", "[publish][caching]") {
  NodeFixture node;
  put_two(node);
  http::Response plain = node.get("/feeds/rss");
  http::Response gz = node.get("/feeds/rss", {{"Accept-Encoding", "gzip"}});
  CHECK(gz.header_value("Content-Encoding") == "gzip");
  CHECK(gz.header_value("Vary") == "Accept-Encoding");
  CHECK(gz.header_value("ETag") != plain.header_value("ETag"));
  CHECK(gz.body.substr(0, 2) == "\x1f\x8b");
  CHECK(gz.body == publish::gzip_compress(plain.body));
  CHECK(node.get("/feeds/rss", {{"Accept-Encoding", "gzip"}}).body == gz.body);
  CHECK(node.get("/feeds/rss", {{"Accept-Encoding", "gzip;q=0"}}).body == plain.body);
  CHECK(node.get("/feeds/rss", {{"If-None-Match", gz.header_value("ETag")}}).status == 304);
}

TEST_CASE("The same catalogue renders the same bytes on another node with the same key",
          "[publish][caching]") {
  NodeFixture a;
  NodeFixture b({.key_file = a.dir() / "data" / "node-key.json"});
  for (auto& article : awkward_articles(12, 7)) {
    a.put(article);
    b.put(article);
  }
  for (const char* target : {"/feeds/atom", "/feeds/json?lang=en", "/feeds/rss/archive/2026-11"}) {
    INFO(target);
    http::Response ra = a.get(target), rb = b.get(target);
    CHECK(ra.status == 200);
    CHECK(ra.body == rb.body);
    CHECK(ra.header_value("ETag") == rb.header_value("ETag"));
  }
}

TEST_CASE("Feeds carry Link rel=self and the configured Cache-Control", "[publish][caching]") {
  NodeSetup setup;
  setup.extra_toml =
      "[publish]\ncache_control = \"public, max-age=30, stale-while-revalidate=60\"\n";
  NodeFixture node(setup);
  http::Response r = node.get("/feeds/atom?tag=grooming&lang=en");
  CHECK(r.header_value("Link") ==
        "<http://node.example/feeds/atom?lang=en&tag=grooming>; rel=\"self\", "
        "<http://node.example/websub>; rel=\"hub\"");
  CHECK(r.header_value("Cache-Control") == "public, max-age=30, stale-while-revalidate=60");
}
