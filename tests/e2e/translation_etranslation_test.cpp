// eTranslation through a running node (docs/translation.md, "eTranslation"): real
// `sicnode serve` processes, the eTranslation stand-in written from the service's
// documentation (it calls the node back on 127.0.0.1), and real Apertium for the
// routes that mix both.
#include <catch2/catch.hpp>

#include "tests/e2e/translation_support.h"
#include "tests/support/raw_http.h"

using namespace sic;
using namespace sic::test;

namespace {

using std::chrono::seconds;

const std::string kGerman = R"({
  "title": "Der Hund frisst Äpfel",
  "summary": "Tag des sicheren Internet",
  "content_html": "<p>Der <b>Hund</b> frisst Äpfel.</p>",
  "lang": "de", "section": "awareness"
})";

std::string german(const std::string& title) {
  return R"({"title": ")" + title + R"(", "lang": "de"})";
}

NodeOptions node_with(const ETranslationStandIn& service, std::vector<std::string> languages,
                      const std::string& extra = "") {
  NodeOptions options;
  options.id = "sic-en";
  options.languages = std::move(languages);
  options.translation_engine = "";  // [[translation.engines]] below
  options.extra_toml =
      "[translation]\nretry_initial_seconds = 1\nretry_max_seconds = 2\n\n"
      "[[translation.engines]]\nengine = \"apertium\"\n\n" +
      service.engine_toml(extra);
  return options;
}

bool by_etranslation(const web::json::value& t) {
  return t.at("kind").as_string() == "machine" &&
         t.at("engine").as_string().find("etranslation") != std::string::npos;
}

// The requests the stand-in received for a text.
std::size_t requests_for(const ETranslationStandIn& service, const std::string& text) {
  std::size_t n = 0;
  web::json::value all = service.requests();
  for (const auto& r : all.as_array())
    if (r.at("text").as_string() == text) ++n;
  return n;
}

}  // namespace

TEST_CASE("A German article reaches an English node translated by eTranslation",
          "[e2e][translation][etranslation]") {
  ETranslationStandIn service;
  TestNode node(node_with(service, {"en"}));
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, kGerman);
  REQUIRE_FALSE(id.empty());
  auto en = wait_for_translation(node, id, "en", by_etranslation);
  REQUIRE(en);
  CHECK(en->at("title").as_string() == "The Dog eats Apples");
  CHECK(en->at("summary").as_string() == "Day of the safer Internet");
  CHECK(en->at("content_html").as_string() == "<p>The <b>Dog</b> eats Apples.</p>");
  CHECK(en->at("engine").as_string() == "etranslation");
  web::json::value sent = service.requests();
  REQUIRE(sent.size() == 3);  // title and summary as text, the body as an HTML document
  CHECK(metric(node, "sicnode_translation_callbacks_total", "outcome=\"stored\"") == 3);
  CHECK(metric(node, "sicnode_translation_engine_calls_total", "engine=\"etranslation\"") == 3);
}

TEST_CASE("A long article's translation comes back in a document callback of many kilobytes",
          "[e2e][translation][etranslation]") {
  ETranslationStandIn service;
  TestNode node(node_with(service, {"en"}));
  std::string token = node.create_token();
  node.start();
  std::string body;
  for (int i = 0; i < 400; ++i) body += "<p>Der <b>Hund</b> frisst Äpfel.</p>";  // ~14 KB
  std::string id = post_article(
      node, token, R"({"title": "Der Hund", "lang": "de", "content_html": ")" + body + R"("})");
  auto en = wait_for_translation(node, id, "en", by_etranslation);
  REQUIRE(en);
  std::string content = en->at("content_html").as_string();
  CHECK(content.size() > 10000);
  CHECK(content.rfind("<p>The <b>Dog</b> eats Apples.</p>", 0) == 0);
  CHECK(content.find("Hund") == std::string::npos);
  CHECK(metric(node, "sicnode_translation_callbacks_total", "outcome=\"stored\"") == 2);
}

TEST_CASE("A route mixing Apertium and eTranslation is labelled step by step",
          "[e2e][translation][etranslation][apertium]") {
  ETranslationStandIn service;
  // eTranslation limited to German: Catalan reaches German through Apertium first.
  TestNode node(node_with(service, {"en", "de"}, "languages = [\"de\"]\n"));
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, R"({"title": "El gos menja pomes", "lang": "ca"})");
  auto de = wait_for_translation(node, id, "de", by_etranslation);
  REQUIRE(de);
  CHECK(de->at("engine").as_string() == "apertium:ca>en, etranslation:en>de");
  CHECK(de->at("title").as_string() == "Der Hund frisst Äpfel");
  auto en = translation_of(node, id, "en");
  REQUIRE(en);
  CHECK(en->at("engine").as_string() == "apertium");  // the first step, shared
  CHECK(en->at("title").as_string() == "The dog eats apples");
  CHECK(requests_for(service, "The dog eats apples") == 1);
}

TEST_CASE("kill -9 of serve while eTranslation requests are outstanding loses none",
          "[e2e][translation][etranslation][crash]") {
  ETranslationStandIn service;
  service.plan(R"({"mode": "hold"})");
  TestNode node(node_with(service, {"en"}));
  std::string token = node.create_token();
  node.start();
  std::string first = post_article(node, token, german("Der Hund"));
  std::string second = post_article(node, token, german("Die Kinder"));
  REQUIRE(poll_for(seconds(30), [&] { return service.requests().size() == 2; }));
  node.kill();
  // The service answers while the node is down; it tries again until the node is back.
  service.release();
  node.start();
  auto one = wait_for_translation(node, first, "en", by_etranslation);
  auto two = wait_for_translation(node, second, "en", by_etranslation);
  REQUIRE(one);
  REQUIRE(two);
  CHECK(one->at("title").as_string() == "The Dog");
  CHECK(two->at("title").as_string() == "The Children");
  CHECK(service.requests().size() == 2);  // nothing was sent twice
}

TEST_CASE(
    "Lost, duplicate and error callbacks: retried after the timeout, stored once, failed "
    "and retried",
    "[e2e][translation][etranslation]") {
  ETranslationStandIn service;
  TestNode node(node_with(service, {"en"}, "callback_timeout_seconds = 3\n"));
  std::string token = node.create_token();
  node.start();

  SECTION("a lost callback: the text is sent again after the timeout") {
    service.plan(R"({"mode": "lose", "count": 1})");
    std::string id = post_article(node, token, german("Der Hund"));
    auto en = wait_for_translation(node, id, "en", by_etranslation, seconds(60));
    REQUIRE(en);
    CHECK(en->at("title").as_string() == "The Dog");
    CHECK(requests_for(service, "Der Hund") == 2);
  }
  SECTION("a duplicate callback changes nothing") {
    service.plan(R"({"mode": "duplicate", "count": 1})");
    std::string id = post_article(node, token, german("Der Hund"));
    REQUIRE(wait_for_translation(node, id, "en", by_etranslation));
    CHECK(poll_for(seconds(20), [&] {
      return metric(node, "sicnode_translation_callbacks_total", "outcome=\"ignored\"") == 1;
    }));
    CHECK(metric(node, "sicnode_translation_callbacks_total", "outcome=\"stored\"") == 1);
    CHECK(requests_for(service, "Der Hund") == 1);
  }
  SECTION("an error callback fails that item only, which is tried again after its back-off") {
    service.plan(R"({"mode": "fail", "count": 1})");
    std::string failing = post_article(node, token, german("Der Hund"));
    REQUIRE(poll_for(seconds(20), [&] { return service.requests().size() == 1; }));
    std::string other = post_article(node, token, german("Die Kinder"));
    REQUIRE(wait_for_translation(node, other, "en", by_etranslation));
    auto en = wait_for_translation(node, failing, "en", by_etranslation, seconds(60));
    REQUIRE(en);
    CHECK(en->at("title").as_string() == "The Dog");
    CHECK(metric(node, "sicnode_translation_callbacks_total", "outcome=\"failed\"") == 1);
    CHECK(metric(node, "sicnode_translation_failures_total") >= 1);
    CHECK(requests_for(service, "Der Hund") == 2);
    CHECK(requests_for(service, "Die Kinder") == 1);
  }
}

TEST_CASE("A callback without the request's secret is refused and stores nothing",
          "[e2e][translation][etranslation]") {
  ETranslationStandIn service;
  service.plan(R"({"mode": "hold"})");
  TestNode node(node_with(service, {"en"}));
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, german("Der Hund"));
  REQUIRE(poll_for(seconds(30), [&] { return service.requests().size() == 1; }));
  // .../translation/callbacks/{reference}/{secret}/text
  std::string url = service.requests()[0].at("callback").as_string();
  std::string prefix = url.substr(0, url.rfind('/'));
  std::string secret = prefix.substr(prefix.rfind('/') + 1);
  std::string reference_path = prefix.substr(0, prefix.rfind('/'));
  std::string form = "request-id=1&target-language=EN&translated-text=Forged&external-reference=" +
                     reference_path.substr(reference_path.rfind('/') + 1);
  Headers form_type{{"Content-Type", "application/x-www-form-urlencoded"}};
  std::string wrong(secret.size(), '0');
  CHECK(http_post(reference_path + "/" + wrong + "/text", form, form_type).status == 403);
  CHECK(http_post(node.url("/translation/callbacks/999999/" + secret + "/text"), form, form_type)
            .status == 403);
  CHECK(http_post(reference_path + "/" + secret.substr(1) + "/text", form, form_type).status ==
        403);
  // A large forged body is refused from its head, before any of it is read.
  std::string path = reference_path.substr(reference_path.find("/translation/"));
  RawSocket forged(node.port());
  REQUIRE(forged.send("POST " + path + "/" + wrong +
                      "/document HTTP/1.1\r\nHost: t\r\nContent-Length: 4000000\r\n\r\n"));
  CHECK(forged.response(std::chrono::seconds(5)).status == 403);
  CHECK(forged.closed_within(std::chrono::seconds(5)));
  CHECK(metric(node, "sicnode_translation_callbacks_total", "outcome=\"refused\"") == 4);
  CHECK_FALSE(translation_of(node, id, "en"));
  // The service's own callback still works.
  service.release();
  auto en = wait_for_translation(node, id, "en", by_etranslation);
  REQUIRE(en);
  CHECK(en->at("title").as_string() == "The Dog");
}
