// The dates a node accepts (docs/model.md, "Dates"), tried as an attacker would, through
// a real `sicnode serve`: the end of the range, values outside it at every entrance, and
// values an older version could have stored.
#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "tests/e2e/publish_support.h"
#include "tests/support/test_server.h"

using namespace sic;
using namespace sic::test;

namespace {

web::json::value json_of(const HttpResult& r) { return web::json::value::parse(r.body); }

std::string api(const std::string& id) { return "/api/articles/" + percent_encode(id); }

// Every feed and archive the node links from its live feeds answers 200 and parses.
void check_documents(TestNode& node) {
  for (const char* format : {"atom", "json", "rss"}) {
    std::string target = std::string("/feeds/") + format;
    for (int i = 0; i < 10 && !target.empty(); ++i) {
      INFO(target);
      HttpResult r = http_get(node.url(target));
      REQUIRE(r.status == 200);
      auto feed = parse_feed(r.body, {});
      REQUIRE(feed.ok());
      std::string prev = feed->link("prev-archive");
      CHECK(prev.find("/archive/0000") == std::string::npos);
      target = prev.empty() ? "" : prev.substr(node.url("").size());
    }
  }
  CHECK(http_get(node.url("/")).status == 200);
}

const char* kPeerFeed = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:peer.example,2026:feed</id><title>A peer</title><updated>2026-11-28T10:00:00Z</updated>
  <author><name>Peer</name></author>
  <entry><id>tag:peer.example,2026:good</id><title>Good</title>
    <updated>2026-11-28T10:00:00Z</updated><link href="http://peer.example/good"/></entry>
  <entry><id>tag:peer.example,2026:year-zero</id><title>Year zero</title>
    <updated>0000-01-01T00:00:00Z</updated><link href="http://peer.example/zero"/></entry>
  <entry><id>tag:peer.example,2026:old-published</id><title>Published in 1900</title>
    <published>1900-01-01T00:00:00Z</published><updated>2026-11-28T09:00:00Z</updated>
    <link href="http://peer.example/1900"/></entry>
</feed>
)";

}  // namespace

TEST_CASE("An article at the end of the accepted dates is never pushed past it", "[e2e][dates]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  HttpResult created =
      http_post(node.url("/api/articles"),
                R"({"title": "End of time", "lang": "en", "published": "9999-12-31T23:59:59Z"})",
                bearer(token));
  REQUIRE(created.status == 201);
  std::string id = json_of(created)["id"].as_string();

  // An edit must be dated later than the stored version, and no later date is accepted.
  HttpResult edit =
      http_put(node.url(api(id)), R"({"title": "Edited", "lang": "en"})", bearer(token));
  CHECK(edit.status == 409);
  auto error = json_of(edit)["error"];
  CHECK(error["field"].as_string() == "updated");
  CHECK(error["message"].as_string().find(
            "10000-01-01T00:00:00Z is outside the dates this node accepts "
            "(1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)") != std::string::npos);
  CHECK(json_of(http_get(node.url(api(id))))["title"].as_string() == "End of time");
  check_documents(node);
  CHECK(http_get(node.url("/feeds/atom/archive/9999-12")).status == 200);

  // It can still be deleted: the tombstone takes the last date, and wins the tie.
  CHECK(http_delete(node.url(api(id)), bearer(token)).status == 204);
  CHECK(http_get(node.url(api(id))).status == 410);
  check_documents(node);
  TempDir out("sic-export");
  CommandResult exported = node.run({"export", (out.path() / "site").string()});
  INFO(exported.err);
  CHECK(exported.status == 0);
}

TEST_CASE("Dates outside the accepted range are refused by the API, naming the field",
          "[e2e][dates]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  for (auto [field, value] :
       std::vector<std::pair<std::string, std::string>>{{"published", "0000-01-01T00:00:00Z"},
                                                        {"published", "1969-12-31T23:59:59Z"},
                                                        {"updated", "9999-12-31T23:59:59-01:00"},
                                                        {"published", "10000-01-01T00:00:00Z"}}) {
    INFO(field << " " << value);
    HttpResult r = http_post(
        node.url("/api/articles"),
        R"({"title": "x", "lang": "en", ")" + field + R"(": ")" + value + "\"}", bearer(token));
    CHECK(r.status == 400);
    CHECK(json_of(r)["error"]["field"].as_string() == field);
  }
  HttpResult year_zero = http_post(
      node.url("/api/articles"),
      R"({"title": "x", "lang": "en", "published": "0000-01-01T00:00:00Z"})", bearer(token));
  CHECK(json_of(year_zero)["error"]["message"].as_string() ==
        "published: 0000-01-01T00:00:00Z is outside the dates this node accepts "
        "(1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)");
  CHECK(json_of(http_get(node.url("/api/articles")))["articles"].size() == 0);
}

TEST_CASE("Dates stored out of range by an older version break no feed, page or export",
          "[e2e][dates]") {
  TestNode node;
  node.start();
  Article late = simple_article("tag:sic.example.pt,2026:late", "Year 10000", test_now(), "en");
  late.updated = kLastAcceptedDate + std::chrono::hours(1);
  Article zero = simple_article("tag:sic.example.pt,2026:zero", "Year zero", test_now(), "en");
  zero.updated = kFirstWritableDate;
  zero.published = kFirstWritableDate;
  store(node,
        {late, zero, simple_article("tag:sic.example.pt,2026:fine", "Fine", test_now(), "en")});
  check_documents(node);
  HttpResult page = http_get(node.url("/articles/" + iri_path_segment(late.id)));
  CHECK(page.status == 200);
  TempDir out("sic-export");
  CommandResult exported = node.run({"export", (out.path() / "site").string()});
  INFO(exported.err);
  CHECK(exported.status == 0);
}

TEST_CASE("A peer's entry dated outside the range is skipped with a warning, not a failed round",
          "[e2e][dates][federation]") {
  TestServer peer;
  Reply feed;
  feed.body = kPeerFeed;
  feed.content_type = "application/atom+xml";
  peer.route("/feed", feed);
  TestNode node(
      {.extra_toml = "[[peers]]\nid = \"sic-peer\"\nurl = \"" + peer.url("/feed") + "\"\n"});
  node.start();
  CommandResult r = node.run({"sync"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("refused from sic-peer: tag:peer.example,2026:year-zero: updated "
                   "0000-01-01T00:00:00Z is outside the dates this node accepts") !=
        std::string::npos);
  CHECK(r.out.find("tag:peer.example,2026:old-published: published 1900-01-01T00:00:00Z") !=
        std::string::npos);
  auto list = json_of(http_get(node.url("/api/articles")))["articles"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"].as_string() == "tag:peer.example,2026:good");
  CommandResult peers = node.run({"peers", "list"});
  CHECK(peers.out.find("sic-peer") != std::string::npos);
  CHECK(peers.out.find("failure") == std::string::npos);
  check_documents(node);
}

TEST_CASE("import refuses a CMS entry dated outside the range and imports the others",
          "[e2e][dates][import]") {
  TestNode node;
  TempDir dir("sic-cms");
  auto file = dir.write("cms.xml", kPeerFeed);
  CommandResult r = node.run({"import", file.string()});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("refused: tag:peer.example,2026:year-zero: updated 0000-01-01T00:00:00Z is "
                   "outside the dates this node accepts") != std::string::npos);
  CHECK(r.out.find("1 new") != std::string::npos);
  CHECK(r.out.find("2 refused") != std::string::npos);
}
