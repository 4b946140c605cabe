#include <catch2/catch.hpp>

#include "node/catalogue/peers.h"
#include "tests/node/publish/support.h"
#include "tests/support/process.h"

using namespace sic;
using namespace sic::test;

TEST_CASE("The OPML list names the node's feeds per format and language, and its peers",
          "[publish][opml]") {
  NodeSetup setup;
  setup.name = "Centro <Internet> & 'Segura'";
  setup.extra_toml = "[[peers]]\nid = \"bik\"\nurl = \"https://bik.example.eu/feeds/atom\"\n";
  NodeFixture node(setup);
  {
    auto cat = node.ctx().catalogue->lease().value();
    PeerRecord peer;
    peer.id = "sic-es";
    peer.url = "https://sic.example.es/feeds/atom?x=1&y=2";
    REQUIRE(cat->peers().upsert(peer).ok());
  }
  http::Response r = node.get("/opml");
  REQUIRE(r.status == 200);
  CHECK(r.header_value("Content-Type") == "text/x-opml; charset=utf-8");
  CHECK(r.header_value("ETag").size() == 34);
  const std::string& body = r.body;
  CHECK(body.find("<opml version=\"2.0\">") != std::string::npos);
  CHECK(body.find("<title>Centro &lt;Internet&gt; &amp; &#39;Segura&#39;</title>") !=
        std::string::npos);
  for (const char* url :
       {"http://node.example/feeds/atom\"", "http://node.example/feeds/json\"",
        "http://node.example/feeds/rss\"", "http://node.example/feeds/atom?lang=pt\"",
        "http://node.example/feeds/rss?lang=en\""})
    CHECK(body.find(std::string("xmlUrl=\"") + url) != std::string::npos);
  CHECK(body.find("language=\"pt\"") != std::string::npos);
  CHECK(body.find("text=\"bik\" title=\"bik\" xmlUrl=\"https://bik.example.eu/feeds/atom\"") !=
        std::string::npos);
  CHECK(body.find("xmlUrl=\"https://sic.example.es/feeds/atom?x=1&amp;y=2\"") != std::string::npos);
  CHECK(node.get("/opml", {{"If-None-Match", r.header_value("ETag")}}).status == 304);
  CHECK(node.get("/opml?x=1").status == 400);

  TempDir dir;
  auto file = dir.write("list.opml", body);
  Process lint({.program = "xmllint", .args = {"--noout", file.string()}});
  CHECK(lint.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(20)) == 0);
}
