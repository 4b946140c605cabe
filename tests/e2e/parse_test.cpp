// `sicnode parse FILE|URL|-`: the real program on files, stdin and a loopback URL.
#include <cpprest/json.h>
#include <catch2/catch.hpp>

#include "tests/support/sicnode.h"
#include "tests/support/test_server.h"

using namespace sic::test;

namespace {

const std::string kRss = R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Centro Internet Segura</title><link>https://x.example.pt/</link>
<item><title>Linha Internet Segura: balan&#231;o do ver&#227;o</title>
<link>/noticias/balanco</link><guid isPermaLink="false">post-1</guid>
<description>&lt;p&gt;Ol&#225;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description>
<pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate></item></channel></rss>)";

web::json::value parsed(const CommandResult& r) { return web::json::value::parse(r.out); }

}  // namespace

TEST_CASE("parse prints a file's articles as sanitized JSON", "[e2e][parse]") {
  TempDir dir;
  auto file = dir.write("feed.xml", kRss);
  CommandResult r = run_sicnode({"parse", file.string()});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  auto json = parsed(r);
  REQUIRE(json["articles"].size() == 1);
  auto article = json["articles"][0];
  CHECK(article["title"].as_string() == "Linha Internet Segura: balanço do verão");
  CHECK(article["content_html"].as_string().find("script") == std::string::npos);
  CHECK(article["updated"].as_string() == "2026-11-02T09:30:00Z");
  CHECK(json["feed"]["title"].as_string() == "Centro Internet Segura");
}

TEST_CASE("parse prints an item without a date as null, never as 1970", "[e2e][parse]") {
  CommandResult r = run_sicnode(
      {"parse", "-"},
      "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example.pt/</link>"
      "<item><title>Sem data</title><link>https://x.example.pt/1</link></item></channel></rss>");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("1970") == std::string::npos);
  auto article = parsed(r)["articles"][0];
  CHECK(article["updated"].is_null());
  CHECK(article["published"].is_null());
  CHECK(parsed(r)["warnings"][0].as_string() == "rss: item 1 has no usable date");
}

TEST_CASE("parse reads standard input with -", "[e2e][parse]") {
  CommandResult r = run_sicnode({"parse", "-"}, kRss);
  REQUIRE(r.status == 0);
  CHECK(parsed(r)["articles"].size() == 1);
}

TEST_CASE("parse fetches a URL and resolves relative links against it", "[e2e][parse]") {
  TestServer server;
  server.route("/feed", Reply{.body = kRss, .content_type = "application/rss+xml"});
  CommandResult r = run_sicnode({"parse", server.url("/feed")});
  REQUIRE(r.status == 0);
  // RSS has no xml:base: a relative link resolves against the document's URL.
  CHECK(parsed(r)["articles"][0]["link"].as_string() == server.url("/noticias/balanco"));
  CHECK(server.requests_to("/feed").at(0).header("User-Agent").rfind("sicnode/", 0) == 0);
}

TEST_CASE("parse fails with exit 1 and one line on bad input", "[e2e][parse]") {
  TestServer server;
  server.route("/missing", Reply{.status = 404, .body = "no"});
  TempDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string stdin_text;
    std::string expected;  // a part of the one line
  };
  std::vector<Case> cases = {
      {{"parse", dir.file("absent.xml").string()}, "", "cannot read"},
      {{"parse", "-"}, "<html><body>not a feed</body></html>", "not a feed"},
      {{"parse", "-"}, "{\"version\": 1}", ""},
      {{"parse", "-"}, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"b\">]><rss/>", ""},
      {{"parse", server.url("/missing")}, "", "404"},
  };
  for (const auto& c : cases) {
    INFO(c.args.back() << " " << c.stdin_text);
    CommandResult r = run_sicnode(c.args, c.stdin_text);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("sicnode: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
}
