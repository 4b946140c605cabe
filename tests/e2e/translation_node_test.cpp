// Translation on one real node: the background worker under `sicnode serve` with real
// Apertium, human translations through the API, and `sicnode translate`.
#include <catch2/catch.hpp>
#include <fstream>

#include "feeds/feeds.h"
#include "tests/e2e/translation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

const std::string kSpanish = R"({
  "title": "El perro come manzanas",
  "summary": "Día de la Internet Segura",
  "content_html": "<p>El <b>perro</b> come manzanas.</p>",
  "lang": "es", "section": "awareness", "tags": ["cyberbullying"]
})";

const std::string kPortuguese = R"({"title": "O cão come maçãs.", "lang": "pt"})";

NodeOptions english_node(const std::string& engine = "apertium") {
  NodeOptions options;
  options.id = "sic-en";
  options.languages = {"en"};
  options.translation_engine = engine;
  return options;
}

bool is_machine(const web::json::value& t) { return t.at("kind").as_string() == "machine"; }

}  // namespace

TEST_CASE("A Spanish article is published at once in Spanish and gains an English translation",
          "[e2e][translation]") {
  TestNode node(english_node());
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, kSpanish);
  REQUIRE_FALSE(id.empty());
  CHECK(article_of(node, id)["title"].as_string() == "El perro come manzanas");

  auto en = wait_for_translation(node, id, "en", is_machine);
  REQUIRE(en);
  CHECK(en->at("title").as_string() == "The dog eats apples");
  CHECK(en->at("summary").as_string() == "Day of the Sure Internet");
  CHECK(en->at("content_html").as_string() == "<p>The <b>dog</b> eats apples.</p>");
  CHECK(en->at("engine").as_string() == "apertium");
  CHECK(en->at("source_hash").as_string() == article_of(node, id)["content_hash"].as_string());
  CHECK_FALSE(en->at("outdated").as_bool());

  // The full feed carries the translation in our extension, marked machine.
  HttpResult atom = http_get(node.url("/feeds/atom"));
  auto feed = parse_feed(atom.body, {.base_url = node.url("/feeds/atom")});
  REQUIRE(feed.ok());
  REQUIRE(feed->articles.size() == 1);
  REQUIRE(feed->articles[0].translations.size() == 1);
  const Translation& t = feed->articles[0].translations[0];
  CHECK(t.lang.str() == "en");
  CHECK(t.kind == TranslationKind::kMachine);
  CHECK(t.engine == "apertium");
  CHECK(t.title == "The dog eats apples");

  CHECK(metric(node, "sicnode_translation_engine_calls_total",
               "engine=\"apertium\",pair=\"es-en\"") == 3);
  CHECK(poll_for(std::chrono::seconds(10),
                 [&] { return metric(node, "sicnode_translation_backlog") == 0; }));
  // The worker logs its pass once the pass is over, a moment after the translation shows.
  CHECK(poll_for(std::chrono::seconds(10), [&] {
    return node.server_log().find("translate: 1 translated; backlog 0") != std::string::npos;
  }));
}

TEST_CASE(
    "A Portuguese article reaches English through Catalan; a language without a route "
    "stays in its original",
    "[e2e][translation]") {
  TestNode node(english_node());
  std::string token = node.create_token();
  node.start();
  std::string pt = post_article(node, token, kPortuguese);
  std::string de = post_article(node, token, R"({"title": "Der Hund", "lang": "de"})");
  auto en = wait_for_translation(node, pt, "en", is_machine);
  REQUIRE(en);
  CHECK(en->at("title").as_string() == "The dog eats apples.");
  CHECK(en->at("engine").as_string() == "apertium:pt>ca>en");
  CHECK(poll_for(std::chrono::seconds(10), [&] {
    return metric(node, "sicnode_translation_unreachable", "lang=\"de\"") == 1;
  }));
  CHECK(article_of(node, de)["translations"].size() == 0);
  CHECK(article_of(node, de)["title"].as_string() == "Der Hund");
}

TEST_CASE("A human translation replaces the machine one and is kept when the original changes",
          "[e2e][translation][api]") {
  TestNode node(english_node());
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, kSpanish);
  REQUIRE(wait_for_translation(node, id, "en", is_machine));
  std::string url = node.url(api_path(id, "/translations/en"));
  std::string human = R"({"title": "Dogs love apples", "summary": "Safer Internet Day",
                          "content_html": "<p>Dogs <em>love</em> apples.<script>x()</script></p>"})";

  HttpResult put = http_put(url, human, bearer(token));
  CHECK(put.status == 200);  // it replaced the machine translation
  auto body = json_of(put);
  CHECK(body["kind"].as_string() == "human");
  CHECK(body["engine"].as_string() == "");
  CHECK(body["article"].as_string() == id);
  CHECK(body["content_html"].as_string() == "<p>Dogs <em>love</em> apples.</p>");
  auto stored = translation_of(node, id, "en");
  REQUIRE(stored);
  CHECK(stored->at("kind").as_string() == "human");
  CHECK(stored->at("title").as_string() == "Dogs love apples");
  CHECK(json_of(http_get(url))["title"].as_string() == "Dogs love apples");

  // A new French one is created (201 with its Location).
  HttpResult fr = http_put(node.url(api_path(id, "/translations/fr")),
                           R"({"title": "Le chien mange des pommes"})", bearer(token));
  CHECK(fr.status == 201);
  CHECK(fr.header("Location") == node.url(api_path(id, "/translations/fr")));

  // The original changes: the human translation stays, marked outdated, and no machine
  // translation replaces it.
  double calls = metric(node, "sicnode_translation_engine_calls_total");
  HttpResult edit = http_put(node.url(api_path(id)),
                             R"({"title": "El perro come peras", "lang": "es"})", bearer(token));
  REQUIRE(edit.status == 200);
  auto outdated = wait_for_translation(
      node, id, "en", [](const web::json::value& t) { return t.at("outdated").as_bool(); });
  REQUIRE(outdated);
  CHECK(outdated->at("kind").as_string() == "human");
  CHECK(outdated->at("title").as_string() == "Dogs love apples");
  // A person updates it: current again.
  CHECK(http_put(url, R"({"title": "Dogs eat pears"})", bearer(token)).status == 200);
  CHECK_FALSE(translation_of(node, id, "en")->at("outdated").as_bool());
  CHECK(metric(node, "sicnode_translation_engine_calls_total") == calls);
}

TEST_CASE("Bad translation requests are refused and change nothing", "[e2e][translation][api]") {
  TestNode node(english_node("none"));
  std::string token = node.create_token();
  node.start();
  std::string id = post_article(node, token, kSpanish);
  REQUIRE_FALSE(id.empty());
  std::string gone = post_article(node, token, kPortuguese);
  REQUIRE(http_delete(node.url(api_path(gone)), bearer(token)).status == 204);
  const std::string ok = R"({"title": "The dog"})";
  auto put = [&](const std::string& article, const std::string& lang, const std::string& body,
                 const Headers& headers) {
    return http_put(node.url(api_path(article, "/translations/" + lang)), body, headers);
  };
  struct Case {
    std::string lang, body;
    int status;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {"en_GB", ok, 400, "lang"},
           {"es", ok, 400, "lang"},
           {"en", R"({"summary": "no title"})", 400, "title"},
           {"en", R"({"title": "   "})", 400, "title"},
           {"en", R"({"title": "x", "kind": "machine"})", 400, "kind"},
           {"en", R"({"title": 3})", 400, "title"},
           {"en", "{\"title\": ", 400, ""},
       }) {
    INFO(c.lang << " " << c.body);
    HttpResult r = put(id, c.lang, c.body, bearer(token));
    CHECK(r.status == c.status);
    if (!c.field.empty()) CHECK(json_of(r)["error"]["field"].as_string() == c.field);
  }
  CHECK(put(id, "en", ok, {{"Content-Type", "application/json"}}).status == 401);
  CHECK(put(id, "en", ok, bearer("nope")).status == 401);
  CHECK(put("tag:nowhere.example,2026:x", "en", ok, bearer(token)).status == 404);
  CHECK(put(gone, "en", ok, bearer(token)).status == 410);
  CHECK(put("not an iri", "en", ok, bearer(token)).status == 400);
  CHECK(http_put(node.url(api_path(id, "/translations/en")), ok,
                 {{"Authorization", "Bearer " + token}, {"Content-Type", "text/plain"}})
            .status == 415);
  CHECK(article_of(node, id)["translations"].size() == 0);
  CHECK(http_get(node.url(api_path(id, "/translations/en"))).status == 404);
}

TEST_CASE("sicnode translate works through the backlog and reports; --status shows the routes",
          "[e2e][translation][cli]") {
  TestNode node(english_node("none"));
  std::string token = node.create_token();
  node.start();
  std::string es = post_article(node, token, kSpanish);
  std::string pt = post_article(node, token, kPortuguese);
  post_article(node, token, R"({"title": "Der Hund", "lang": "de"})");
  REQUIRE(node.stop() == 0);
  CHECK(article_of(node, es).is_null());  // stopped

  // The same node's folder with Apertium configured.
  std::string config = read_text_file(node.config_path());
  config.replace(config.find("engine = \"none\""), 15, "engine = \"apertium\"");
  auto apertium = node.dir() / "apertium.toml";
  std::ofstream(apertium) << config;

  CommandResult status = run_sicnode({"--config", apertium.string(), "translate", "--status"});
  CHECK(status.status == 0);
  CHECK(status.out.find("engines: apertium") != std::string::npos);
  CHECK(status.out.find("es      en             1  apertium") != std::string::npos);
  CHECK(status.out.find("pt      en             1  apertium:pt>ca>en") != std::string::npos);
  CHECK(status.out.find("de      en             1  (unreachable)") != std::string::npos);
  CHECK(status.out.find("backlog: 2 (2 due, 0 waiting after failures)") != std::string::npos);

  CommandResult run = run_sicnode({"--config", apertium.string(), "translate"});
  INFO(run.out << run.err);
  CHECK(run.status == 0);
  CHECK(run.err.empty());  // no progress bar when stderr is not a terminal
  CHECK(run.out.find("translate: 2 translated, 0 failed, 0 skipped") != std::string::npos);
  CHECK(run.out.find("unreachable (no route; these articles stay in their original): de>en") !=
        std::string::npos);

  CommandResult again = run_sicnode({"--config", apertium.string(), "translate"});
  CHECK(again.status == 0);
  CHECK(again.out.find("translate: 0 translated, 0 failed, 0 skipped") != std::string::npos);
  CHECK(again.out.find("0 engine calls") != std::string::npos);

  node.start();
  CHECK(translation_of(node, pt, "en")->at("engine").as_string() == "apertium:pt>ca>en");
}

TEST_CASE("sicnode translate exits 1 when the engine cannot be reached",
          "[e2e][translation][cli]") {
  NodeOptions options = english_node("apy");
  options.extra_toml = "url = \"http://127.0.0.1:9\"\nmax_attempts = 1\n";
  TestNode node(options);
  CommandResult r = node.run({"translate"});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("sicnode: translate: apy: ", 0) == 0);
  CHECK(node.run({"translate", "--status"}).status == 1);
  CHECK(node.run({"translate", "--help"}).status == 0);
}
