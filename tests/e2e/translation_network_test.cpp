// Translations across real nodes on 127.0.0.1 (docs/translation.md, "Sharing"): a
// Spanish centre and a Portuguese centre, an English node with Apertium that pulls
// both, and a hub with no engine that pulls the English node. Rounds are driven with
// `sicnode sync`; each `serve`'s translation worker notices what the round stored.
#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/e2e/translation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

using std::chrono::seconds;

const std::string kSpanish = R"({
  "title": "El perro come manzanas",
  "summary": "Día de la Internet Segura",
  "content_html": "<p>El <b>perro</b> come manzanas.</p>",
  "lang": "es", "section": "helplines", "tags": ["grooming"]
})";
const std::string kPortuguese =
    R"({"title": "O cão come maçãs.", "summary": "Uma linha de apoio.", "lang": "pt"})";

NodeOptions node_options(const std::string& id, const std::string& lang, const std::string& engine,
                         const std::vector<const TestNode*>& peers = {}) {
  NodeOptions options;
  options.id = id;
  options.name = "Node " + id;
  options.languages = {lang};
  options.translation_engine = engine;
  for (const TestNode* peer : peers)
    options.extra_toml += "[[peers]]\nid = \"" + peer->options().id + "\"\nurl = \"" +
                          peer->url("/feeds/atom") + "\"\n\n";
  return options;
}

void sync(TestNode& node) {
  CommandResult r = node.run({"sync"});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
}

bool kind_is(const web::json::value& t, const char* kind) {
  return t.at("kind").as_string() == kind;
}

// The article as the node's lang=X Atom feed shows it.
std::optional<Article> in_feed(TestNode& node, const std::string& id, const std::string& lang) {
  HttpResult r = http_get(node.url("/feeds/atom?lang=" + lang));
  if (r.status != 200) return std::nullopt;
  auto feed = parse_feed(r.body, {.base_url = node.url("/feeds/atom")});
  if (!feed.ok()) return std::nullopt;
  for (const Article& a : feed->articles)
    if (a.id.str() == id) return a;
  return std::nullopt;
}

double engine_calls(TestNode& node) {
  return metric(node, "sicnode_translation_engine_calls_total");
}

}  // namespace

TEST_CASE(
    "Articles are translated where they arrive, shared with their labels, and improved "
    "by people",
    "[e2e][translation][federation]") {
  TestNode es(node_options("sic-es", "es", "none"));
  TestNode pt(node_options("sic-pt", "pt", "none"));
  TestNode en(node_options("sic-en", "en", "apertium", {&es, &pt}));
  TestNode hub(node_options("bik", "en", "none", {&en}));
  std::string es_token = es.create_token(), pt_token = pt.create_token();
  std::string en_token = en.create_token();
  for (TestNode* node : {&es, &pt, &en, &hub}) node->start();

  std::string spanish = post_article(es, es_token, kSpanish);
  std::string portuguese = post_article(pt, pt_token, kPortuguese);
  REQUIRE_FALSE(spanish.empty());
  REQUIRE_FALSE(portuguese.empty());

  // Round 1 on the English node: both articles arrive in their original and gain an
  // English machine translation, the Portuguese one through Catalan.
  sync(en);
  CHECK(article_of(en, spanish)["lang"].as_string() == "es");
  auto machine = [](const web::json::value& t) { return kind_is(t, "machine"); };
  auto from_spanish = wait_for_translation(en, spanish, "en", machine);
  REQUIRE(from_spanish);
  CHECK(from_spanish->at("title").as_string() == "The dog eats apples");
  CHECK(from_spanish->at("engine").as_string() == "apertium");
  auto from_portuguese = wait_for_translation(en, portuguese, "en", machine);
  REQUIRE(from_portuguese);
  CHECK(from_portuguese->at("title").as_string() == "The dog eats apples.");
  CHECK(from_portuguese->at("engine").as_string() == "apertium:pt>ca>en");

  // Labelled: the English feed marks the entry as a machine translation with its
  // engine, and the page says so and links the original.
  auto shown = in_feed(en, spanish, "en");
  REQUIRE(shown);
  CHECK(shown->title == "The dog eats apples");
  REQUIRE(shown->shown_translation);
  CHECK(shown->shown_translation->kind == TranslationKind::kMachine);
  CHECK(shown->shown_translation->engine == "apertium");
  CHECK(shown->shown_translation->original_lang.str() == "es");
  HttpResult page = http_get(en.url("/articles/" + percent_encode(spanish) + "?lang=en"));
  CHECK(page.body.find("<h1 lang=\"en\">The dog eats apples</h1>") != std::string::npos);
  CHECK(page.body.find("Machine translation from Spanish (apertium), by sic-en.") !=
        std::string::npos);
  CHECK(page.body.find(">Read the original</a>") != std::string::npos);

  // The hub has no engine: it takes the English node's machine translations.
  sync(hub);
  auto on_hub = wait_for_translation(hub, portuguese, "en", machine, seconds(10));
  REQUIRE(on_hub);
  CHECK(on_hub->at("engine").as_string() == "apertium:pt>ca>en");
  CHECK(translation_of(hub, spanish, "en")->at("title").as_string() == "The dog eats apples");

  // A person improves the English translation on the English node: it replaces the
  // machine one there, and reaches the hub, where it replaces the machine one too.
  HttpResult put = http_put(en.url(api_path(spanish, "/translations/en")),
                            R"({"title": "The dog eats apples", "summary": "Safer Internet Day",
                                "content_html": "<p>The <b>dog</b> eats apples.</p>"})",
                            bearer(en_token));
  REQUIRE(put.status == 200);
  CHECK(translation_of(en, spanish, "en")->at("kind").as_string() == "human");
  sync(hub);
  auto human = wait_for_translation(
      hub, spanish, "en", [](const web::json::value& t) { return kind_is(t, "human"); },
      seconds(10));
  REQUIRE(human);
  CHECK(human->at("summary").as_string() == "Safer Internet Day");
  auto hub_shown = in_feed(hub, spanish, "en");
  REQUIRE(hub_shown);
  REQUIRE(hub_shown->shown_translation);
  CHECK(hub_shown->shown_translation->kind == TranslationKind::kHuman);

  // Round 2 on the English node: the Spanish centre publishes the same text again as
  // a new article (as a re-import would). Nothing already translated is translated
  // again, and the new article's title, summary and body all come from the memory:
  // zero new engine calls.
  double calls = engine_calls(en);
  double hits = metric(en, "sicnode_translation_memory_hits_total");
  std::string copy = post_article(es, es_token, kSpanish);
  sync(en);
  REQUIRE(wait_for_translation(en, copy, "en", machine));
  CHECK(engine_calls(en) == calls);
  CHECK(metric(en, "sicnode_translation_memory_hits_total") == hits + 3);
  CHECK(translation_of(en, spanish, "en")->at("kind").as_string() == "human");  // kept
  CommandResult translate = en.run({"translate"});
  CHECK(translate.status == 0);
  CHECK(translate.out.find("0 translated, 0 failed, 0 skipped") != std::string::npos);
  CHECK(translate.out.find("0 engine calls") != std::string::npos);
}
