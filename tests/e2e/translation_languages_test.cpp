// Every language of the node, with real Apertium and Debian's pairs (scripts/setup):
// an article is translated into each of the node's languages but its own, the Catalan,
// Croatian, Macedonian and Scandinavian pairs open routes, French no longer passes
// through Spanish, and `translate --status` and /network show the coverage.
#include <catch2/catch.hpp>

#include "tests/e2e/translation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

using std::chrono::seconds;

bool is_machine(const web::json::value& t) { return t.at("kind").as_string() == "machine"; }

NodeOptions apertium_node(std::vector<std::string> languages) {
  NodeOptions options;
  options.id = "sic-x";
  options.languages = std::move(languages);
  options.translation_engine = "apertium";
  return options;
}

}  // namespace

TEST_CASE("A Spanish, Portuguese and Catalan node translates each article into its other languages",
          "[e2e][translation][apertium][languages]") {
  TestNode node(apertium_node({"es", "pt", "ca"}));
  std::string token = node.create_token();
  node.start();
  std::string es = post_article(
      node, token,
      R"({"title": "El perro come manzanas", "content_html": "<p>El <b>perro</b> come.</p>",
          "lang": "es"})");
  std::string pt = post_article(node, token, R"({"title": "O cão come maçãs.", "lang": "pt"})");
  auto es_pt = wait_for_translation(node, es, "pt", is_machine);
  auto es_ca = wait_for_translation(node, es, "ca", is_machine);
  REQUIRE(es_pt);
  REQUIRE(es_ca);
  CHECK(es_pt->at("title").as_string() == "O cão come maçãs");
  CHECK(es_ca->at("title").as_string() == "El gos menja pomes");
  CHECK(es_ca->at("content_html").as_string() ==
        "<p><b>El gos</b> menja.</p>");  // spa-cat moves the article into the bold
  CHECK(es_pt->at("engine").as_string() == "apertium");
  CHECK(es_ca->at("engine").as_string() == "apertium");
  CHECK_FALSE(translation_of(node, es, "es"));  // never into its own language
  auto pt_es = wait_for_translation(node, pt, "es", is_machine);
  auto pt_ca = wait_for_translation(node, pt, "ca", is_machine);
  REQUIRE(pt_es);
  REQUIRE(pt_ca);
  CHECK(pt_es->at("title").as_string() == "El perro come manzanas.");
  CHECK(pt_ca->at("title").as_string() == "El gos menja pomes.");
  // The Spanish-language listing shows both articles: the Portuguese one translated.
  HttpResult listing = http_get(node.url("/?lang=es"));
  CHECK(listing.body.find("El perro come manzanas.") != std::string::npos);
  CHECK(listing.body.find("El perro come manzanas<") != std::string::npos);
}

TEST_CASE("The new pairs open routes: Croatian, Bulgarian, Swedish; French through Catalan",
          "[e2e][translation][apertium][languages]") {
  TestNode node(apertium_node({"en"}));
  std::string token = node.create_token();
  node.start();
  std::string hr =
      post_article(node, token, R"({"title": "Djeca koriste internet.", "lang": "hr"})");
  std::string bg = post_article(node, token, R"({"title": "Децата използват интернет.",
                                                 "lang": "bg"})");
  std::string sv = post_article(node, token, R"({"title": "Barnen använder internet.",
                                                 "lang": "sv"})");
  std::string fr =
      post_article(node, token,
                   R"({"title": "Les enseignants protègent les enfants sur les réseaux sociaux.",
          "lang": "fr"})");
  auto from_hr = wait_for_translation(node, hr, "en", is_machine);
  auto from_bg = wait_for_translation(node, bg, "en", is_machine);
  auto from_sv = wait_for_translation(node, sv, "en", is_machine);
  auto from_fr = wait_for_translation(node, fr, "en", is_machine);
  REQUIRE(from_hr);
  REQUIRE(from_bg);
  REQUIRE(from_sv);
  REQUIRE(from_fr);
  CHECK(from_hr->at("engine").as_string() == "apertium");  // hbs-eng reads Croatian
  CHECK(from_bg->at("engine").as_string() == "apertium:bg>mk>en");
  CHECK(from_sv->at("engine").as_string() == "apertium:sv>is>en");
  CHECK(from_fr->at("engine").as_string() == "apertium:fr>ca>en");
  for (const auto* t : {&from_hr, &from_bg, &from_sv}) {
    INFO((**t).at("title").as_string());
    CHECK((**t).at("title").as_string().find("hildren") != std::string::npos);
  }
  // Through Spanish, "enseignants" came out as "enseñantes"; through Catalan it is an
  // English word.
  CHECK(from_fr->at("title").as_string().find("enseñantes") == std::string::npos);
  CHECK(from_fr->at("title").as_string().find("protect") != std::string::npos);
}

TEST_CASE("translate --status and /network show the coverage of the EU's official languages",
          "[e2e][translation][apertium][languages]") {
  TestNode node(apertium_node({"en", "pt"}));
  CommandResult status = node.run({"translate", "--status"});
  INFO(status.out << status.err);
  REQUIRE(status.status == 0);
  CHECK(status.out.find("coverage of the EU's official languages into the node's languages:") !=
        std::string::npos);
  auto row = [&](const std::string& lang) {
    std::size_t at = status.out.find("\n" + lang + "      ");
    return at == std::string::npos ? std::string()
                                   : status.out.substr(at + 1, status.out.find('\n', at + 1) - at);
  };
  CHECK(row("es").find("direct (apertium)") != std::string::npos);
  CHECK(row("hr").find("direct (apertium)") != std::string::npos);
  CHECK(row("bg").find("pivot mk (apertium)") != std::string::npos);
  CHECK(row("de").find("unreachable") != std::string::npos);
  CHECK(row("en").find("same language") != std::string::npos);
  CHECK(status.out.find("EU official languages: ") != std::string::npos);

  node.start();
  HttpResult page = http_get(node.url("/network"));
  REQUIRE(page.status == 200);
  CHECK(page.body.find("Translation coverage") != std::string::npos);
  CHECK(page.body.find(R"(<tr id="coverage-de"><th scope="row">de</th><td class="unreachable">)") !=
        std::string::npos);
  CHECK(page.body.find(R"(<td class="pivot">pivot mk (apertium)</td>)") != std::string::npos);
  CHECK(page.body.find(R"(<td class="direct">direct (apertium)</td>)") != std::string::npos);
}
