// Publishing through a real `sicnode serve`: HEAD, validators, gzip, deletions, metrics
// and a real feed client.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <latch>
#include <thread>

#include "tests/e2e/publish_support.h"
#include "tests/support/poll.h"
#include "tests/support/process.h"

using namespace sic;
using namespace sic::test;

namespace {

const std::string kArticle = R"({
  "title": "Helpline <calls> & chats double over the summer",
  "summary": "Young people contacted the helpline twice as often.",
  "content_html": "<p>The <strong>helpline</strong> answered 1,204 calls.</p>",
  "lang": "en", "tags": ["sextortion"], "section": "helplines"
})";

std::string gunzip(const std::string& bytes) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(bytes.size() * 20 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = uInt(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

std::string post(TestNode& node, const std::string& token, const std::string& body = kArticle) {
  HttpResult r = http_post(node.url("/api/articles"), body, bearer(token));
  REQUIRE(r.status == 201);
  size_t at = r.body.find("\"id\":\"") + 6;
  return r.body.substr(at, r.body.find('"', at) - at);
}

}  // namespace

TEST_CASE("HEAD on every page and feed gives the GET's headers and length, without a body",
          "[e2e][publish][http]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  std::string id = post(node, token);
  std::string month = format_rfc3339(now_seconds()).substr(0, 7);
  for (std::string path :
       std::vector<std::string>{"/feeds/atom", "/feeds/json?lang=en", "/feeds/rss/archive/" + month,
                                "/", "/?tag=sextortion", "/articles/" + percent_encode(id), "/opml",
                                "/static/style.css", "/healthz"}) {
    INFO(path);
    HttpResult get = http_get(node.url(path));
    HttpResult head = http_request("HEAD", node.url(path));
    CHECK(get.status == 200);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
    CHECK(head.header("Content-Type") == get.header("Content-Type"));
    CHECK(head.header("ETag") == get.header("ETag"));
  }
  CHECK(http_get(node.url("/healthz")).status == 200);  // HEAD used to crash the server
  CHECK(node.running());
}

TEST_CASE("Many clients at once are all answered", "[e2e][publish][http]") {
  // cpprest runs handlers on its 40 I/O threads: a handler that waited for its own reply
  // to be sent used to hold every thread once 40 requests were in flight, for good.
  TestNode node;
  std::string token = node.create_token();
  node.start();
  post(node, token);
  constexpr int kClients = 64, kRequests = 10;
  std::vector<int> answered(kClients, 0);
  std::latch go(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      go.arrive_and_wait();
      for (int i = 0; i < kRequests; ++i)
        if (http_get(node.url(c % 2 ? "/feeds/atom" : "/?lang=en")).status == 200) ++answered[c];
    });
  for (auto& c : clients) c.join();
  for (int c = 0; c < kClients; ++c) CHECK(answered[c] == kRequests);
  CHECK(http_get(node.url("/healthz")).status == 200);
}

TEST_CASE("Validators, 304 and gzip over HTTP", "[e2e][publish][http]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  post(node, token);
  HttpResult plain = http_get(node.url("/feeds/atom"));
  REQUIRE(plain.status == 200);
  CHECK_FALSE(plain.header("Date").empty());
  CHECK(plain.header("Cache-Control") == "public, max-age=300");
  CHECK(plain.header("Link") == "<" + node.url("/feeds/atom") + ">; rel=\"self\", <" +
                                    node.url("/websub") + ">; rel=\"hub\"");

  HttpResult again = http_get(node.url("/feeds/atom"), {{"If-None-Match", plain.header("ETag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == plain.header("ETag"));
  CHECK(http_get(node.url("/feeds/atom"), {{"If-Modified-Since", plain.header("Last-Modified")}})
            .status == 304);

  HttpResult gz = http_get(node.url("/feeds/atom"), {{"Accept-Encoding", "gzip"}});
  CHECK(gz.status == 200);
  CHECK(gz.header("Content-Encoding") == "gzip");
  CHECK(gz.header("Vary") == "Accept-Encoding");
  CHECK(gunzip(gz.body) == plain.body);
  CHECK(http_get(node.url("/feeds/atom"),
                 {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("ETag")}})
            .status == 304);
  HttpResult bad = http_get(node.url("/feeds/atom?lang=en_GB"));
  CHECK(bad.status == 400);
  // Outside /api/, errors are HTML pages (docs/http.md).
  CHECK(bad.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(bad.body.find("<p class=\"status\">400 Bad Request: lang: &quot;en_GB&quot; is not a "
                      "BCP 47 language tag</p>") != std::string::npos);
}

TEST_CASE(
    "A deletion reaches the feeds as a tombstone and the page as 410; another origin's "
    "article cannot be changed here",
    "[e2e][publish][http]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  std::string id = post(node, token);
  std::string encoded = percent_encode(id);
  CHECK(http_delete(node.url("/api/articles/" + encoded), bearer(token)).status == 204);
  auto feed = parse_feed(http_get(node.url("/feeds/atom")).body, {});
  REQUIRE(feed.ok());
  CHECK(feed->articles.empty());
  REQUIRE(feed->tombstones.size() == 1);
  CHECK(feed->tombstones[0].id.str() == id);
  CHECK(feed->tombstones[0].origin == "sic-test");
  HttpResult page = http_get(node.url("/articles/" + encoded));
  CHECK(page.status == 410);
  CHECK(page.body.find("<h1>Article deleted</h1>") != std::string::npos);

  Article peer = simple_article("tag:sic.example.es,2026:noticia/1", "Noticia de España",
                                now_seconds() - std::chrono::hours(1), "es");
  peer.origin = "sic-es";
  peer.via = "bik";
  store(node, {peer});
  std::string peer_url = node.url("/api/articles/" + percent_encode(peer.id.str()));
  HttpResult put = http_put(peer_url, kArticle, bearer(token));
  CHECK(put.status == 403);
  CHECK(put.body.find("only its origin can change or delete it") != std::string::npos);
  CHECK(http_delete(peer_url, bearer(token)).status == 403);
  auto after = parse_feed(http_get(node.url("/feeds/rss")).body, {});
  REQUIRE(after.ok());
  REQUIRE(after->articles.size() == 1);
  CHECK(after->articles[0].origin == "sic-es");
  CHECK(after->articles[0].via == "bik");
}

TEST_CASE("Metrics count requests, render cache hits and misses, and the catalogue",
          "[e2e][publish][metrics]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  post(node, token);
  for (int i = 0; i < 3; ++i) http_get(node.url("/feeds/rss"));
  http_get(node.url("/feeds/rss?lang=xx_"));
  // A request is counted once its answer is out: wait (bounded) for the counts.
  std::string text;
  poll_for(std::chrono::seconds(10), [&] {
    text = http_get(node.url("/metrics")).body;
    return text.find("route=\"/feeds/rss\",status=\"400\"} 1\n") != std::string::npos &&
           text.find("route=\"/feeds/rss\",status=\"200\"} 3\n") != std::string::npos;
  });
  CHECK(text.find("sicnode_render_cache_misses_total{kind=\"feed-rss\"} 1\n") != std::string::npos);
  CHECK(text.find("sicnode_render_cache_hits_total{kind=\"feed-rss\"} 2\n") != std::string::npos);
  CHECK(text.find("sicnode_http_requests_total{method=\"GET\",route=\"/feeds/rss\",status=\"200\"} "
                  "3\n") != std::string::npos);
  CHECK(text.find("sicnode_http_requests_total{method=\"GET\",route=\"/feeds/rss\",status=\"400\"} "
                  "1\n") != std::string::npos);
  CHECK(text.find("sicnode_catalogue_articles{lang=\"en\",origin=\"sic-test\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("sicnode_http_request_duration_seconds_bucket{route=\"/feeds/rss\",le=") !=
        std::string::npos);
}

TEST_CASE("A real feed client reads every feed and revalidates with ETag", "[e2e][publish]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  post(node, token);
  store(node, awkward_articles(15, 11));
  // feedparser fetches over HTTP (gzip, then If-None-Match) as feed readers do.
  std::string script =
      "import feedparser, sys\n"
      "for url in sys.argv[1:]:\n"
      "    d = feedparser.parse(url)\n"
      "    assert d.status == 200 and d.bozo == 0, (url, d.get('status'), "
      "d.get('bozo_exception'))\n"
      "    assert len(d.entries) > 0, url\n"
      "    again = feedparser.parse(url, etag=d.etag, modified=d.modified)\n"
      "    assert again.status == 304, (url, again.status)\n"
      "print('ok')\n";
  TempDir dir;
  auto file = dir.write("client.py", script);
  Process client({.program = "/usr/bin/python3",
                  .args = {file.string(), node.url("/feeds/atom"), node.url("/feeds/rss"),
                           node.url("/feeds/atom?lang=en"), node.url("/feeds/rss?lang=pt")}});
  auto status = client.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(60));
  INFO(client.stderr_text());
  CHECK(status == 0);
  CHECK(client.stdout_text() == "ok\n");
}
