// One article from the API to the Atom feed, through a real `sicnode serve`.
#include <cpprest/json.h>
#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "feeds/model/iri.h"
#include "tests/support/sicnode.h"

using namespace sic;
using namespace sic::test;

namespace {

const std::string kArticle = R"({
  "title": "Helpline calls about sextortion double over the summer",
  "summary": "Young people contacted the helpline twice as often as last year.",
  "content_html": "<p>The <strong>helpline</strong> answered 1,204 calls.</p><script>alert(1)</script>",
  "lang": "en",
  "tags": ["sextortion", "helplines"],
  "section": "helplines",
  "author": "Irish Safer Internet Centre",
  "link": "https://www.sic.example.ie/news/sextortion-summer"
})";

Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

web::json::value json_of(const HttpResult& r) { return web::json::value::parse(r.body); }

std::vector<Article> atom_articles(TestNode& node) {
  HttpResult feed = http_get(node.url("/feeds/atom"));
  REQUIRE(feed.status == 200);
  auto parsed = parse_feed(feed.body, {.base_url = node.url("/feeds/atom")});
  REQUIRE(parsed.ok());
  return parsed->articles;
}

}  // namespace

TEST_CASE("An article posted with a token appears in the Atom feed", "[e2e][api][atom]") {
  TestNode node;
  std::string token = node.create_token("cms");
  node.start();

  CHECK(http_get(node.url("/healthz")).status == 200);
  HttpResult created = http_post(node.url("/api/articles"), kArticle, bearer(token));
  REQUIRE(created.status == 201);
  auto body = json_of(created);
  std::string id = body["id"].as_string();
  CHECK(id.rfind("tag:127.0.0.1,", 0) == 0);
  CHECK(created.header("Location") == node.url("/api/articles/" + percent_encode(id)));
  CHECK(body["origin"].as_string() == "sic-test");
  CHECK(body["content_html"].as_string().find("script") == std::string::npos);

  HttpResult feed = http_get(node.url("/feeds/atom"));
  CHECK(feed.header("Content-Type") == "application/atom+xml; charset=utf-8");
  auto articles = atom_articles(node);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].id.str() == id);
  CHECK(articles[0].title == "Helpline calls about sextortion double over the summer");
  CHECK(articles[0].origin == "sic-test");
  CHECK(articles[0].tags == std::vector<std::string>{"sextortion", "helplines"});
  CHECK(articles[0].lang.str() == "en");

  HttpResult read = http_get(node.url("/api/articles/" + percent_encode(id)));
  CHECK(read.status == 200);
  CHECK(json_of(read)["title"].as_string() == articles[0].title);
}

TEST_CASE("Writes without a valid token are refused with 401", "[e2e][api]") {
  TestNode node;
  std::string token = node.create_token("cms");
  REQUIRE(node.run({"token", "create", "old"}).status == 0);
  std::string old = node.create_token("older");
  REQUIRE(node.run({"token", "revoke", "older"}).status == 0);
  node.start();

  HttpResult none =
      http_post(node.url("/api/articles"), kArticle, {{"Content-Type", "application/json"}});
  CHECK(none.status == 401);
  CHECK(none.header("WWW-Authenticate").find("Bearer") == 0);
  CHECK(http_post(node.url("/api/articles"), kArticle, bearer(token + "x")).status == 401);
  CHECK(http_post(node.url("/api/articles"), kArticle, bearer(old)).status == 401);
  CHECK(http_post(node.url("/api/articles"), kArticle, {{"Authorization", "Basic " + token}})
            .status == 401);
  CHECK(atom_articles(node).empty());
}

TEST_CASE("Invalid articles are refused with 400 naming the field, and nothing is stored",
          "[e2e][api]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  struct Case {
    std::string body, field;
  };
  std::vector<Case> cases = {
      {"{\"title\": \"x\", \"lang\": \"en\"", ""},
      {"[1, 2]", ""},
      {std::string(100000, '['), ""},
      {R"({"lang": "en"})", "title"},
      {R"({"title": "   ", "lang": "en"})", "title"},
      {R"({"title": "x"})", "lang"},
      {R"({"title": "x", "lang": "en_GB"})", "lang"},
      {R"({"title": 3, "lang": "en"})", "title"},
      {R"({"title": "x", "lang": "en", "titel": "y"})", "titel"},
      {R"({"title": "x", "lang": "en", "section": "gossip"})", "section"},
      {R"j({"title": "x", "lang": "en", "link": "javascript:alert(1)"})j", "link"},
      {R"({"title": "x", "lang": "en", "tags": "grooming"})", "tags"},
      {R"({"title": "x", "lang": "en", "published": "yesterday"})", "published"},
      {R"({"title": "x", "lang": "en", "id": "not an iri"})", "id"},
      {R"({"title": "x", "lang": "en", "published": "0000-01-01T00:00:00Z"})", "published"},
      {R"({"title": "x", "lang": "en", "title": "y"})", ""},
      {R"({"title": "x", "lang": "en", "authors": [{"name": "a", "name": "b"}]})", ""},
  };
  for (const auto& c : cases) {
    INFO(c.body.substr(0, 80));
    HttpResult r = http_post(node.url("/api/articles"), c.body, bearer(token));
    CHECK(r.status == 400);
    auto error = json_of(r)["error"];
    CHECK(error["status"].as_integer() == 400);
    if (!c.field.empty()) {
      CHECK(error["field"].as_string() == c.field);
      CHECK(error["message"].as_string().rfind(c.field + ":", 0) == 0);
    }
  }
  CHECK(atom_articles(node).empty());
  CHECK(json_of(http_get(node.url("/api/articles")))["articles"].size() == 0);
  HttpResult twice = http_post(node.url("/api/articles"),
                               R"({"title": "x", "lang": "en", "t\u0069tle": "y"})", bearer(token));
  CHECK(json_of(twice)["error"]["message"].as_string() == "body: duplicate key \"title\"");
}

TEST_CASE("An article id given by the client is kept, and reusing it is a conflict", "[e2e][api]") {
  TestNode node;
  std::string token = node.create_token();
  node.start();
  std::string body = R"({"id": "tag:cms.example.ie,2026:post/77", "title": "x", "lang": "en"})";
  CHECK(http_post(node.url("/api/articles"), body, bearer(token)).status == 201);
  HttpResult again = http_post(node.url("/api/articles"), body, bearer(token));
  CHECK(again.status == 409);
  CHECK(json_of(again)["error"]["field"].as_string() == "id");
  CHECK(atom_articles(node).size() == 1);
}

TEST_CASE("SIGTERM stops the server cleanly", "[e2e][serve]") {
  TestNode node;
  node.start();
  CHECK(node.stop() == 0);
  CHECK(node.server_log().find("stopped") != std::string::npos);
  CHECK(http_get(node.url("/healthz")).status == 0);
}

TEST_CASE("Every command has --help, and a broken config is one line with file and line",
          "[e2e][cli]") {
  TestNode node;
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"},
                                        {"serve", "--help"},
                                        {"token", "--help"},
                                        {"token", "create", "--help"},
                                        {"token", "list", "--help"},
                                        {"token", "revoke", "--help"},
                                        {"parse", "--help"}}) {
    CommandResult r = node.run(args);
    INFO(args.front());
    CHECK(r.status == 0);
    CHECK(r.out.find("Usage") != std::string::npos);
  }
  TempDir dir;
  auto bad = dir.write("bad.toml", "[node]\nid = \"x\"\nlanguages = \"en\"\n");
  CommandResult r = run_sicnode({"--config", bad.string(), "token", "list"});
  CHECK(r.status == 2);
  CHECK(r.err == "sicnode: " + bad.string() +
                     ":3: [node] languages: expected an array of language tags, found a string\n");
}

TEST_CASE("Tokens are listed by name and never shown again", "[e2e][cli]") {
  TestNode node;
  std::string token = node.create_token("editor");
  CHECK(token.size() == 44);
  CommandResult list = node.run({"token", "list"});
  CHECK(list.status == 0);
  CHECK(list.out.find("editor") != std::string::npos);
  CHECK(list.out.find(token) == std::string::npos);
  CHECK(node.run({"token", "revoke", "nobody"}).status == 1);
}
