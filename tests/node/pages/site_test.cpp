// The centre's identity from [site] on every page (docs/pages.md, "The centre's identity").
#include <catch2/catch.hpp>

#include "tests/node/pages/page_helpers.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;

namespace {

const char* kSite = R"([site]
logo_url = "https://sic.example.pt/logo.svg"
accent = "#8a1538"
helpline_phone = "+351 800 21 90 90"
helpline_chat_url = "https://sic.example.pt/chat"
helpline_form_url = "https://sic.example.pt/escreva"
helpline_hours = "Dias úteis, 9:00–19:00"
report_url = "https://sic.example.pt/denuncia"
privacy_url = "https://sic.example.pt/privacidade"
imprint_url = "https://sic.example.pt/ficha-tecnica"
)";

NodeSetup with_site() {
  NodeSetup s;
  s.extra_toml = kSite;
  return s;
}

}  // namespace

TEST_CASE("Every page shows the centre's logo, helpline and duty links from [site]",
          "[pages][site]") {
  NodeFixture node(with_site());
  node.put(simple_article("tag:sic.example.pt,2026:a/1", "Um", test_now(), "pt"));
  for (const std::string& target : std::vector<std::string>{
           "/", "/?lang=pt", "/articles/" + percent_encode("tag:sic.example.pt,2026:a/1"),
           "/articles/" + percent_encode("tag:sic.example.pt,2026:nothing")}) {
    INFO(target);
    std::string html = node.get(target).body;
    CHECK(has(html, "<img class=\"logo\" src=\"https://sic.example.pt/logo.svg\" alt=\"\""));
    CHECK(has(html, "<a href=\"tel:+351800219090\">"));
    CHECK(has(html, "<a href=\"https://sic.example.pt/chat\">"));
    CHECK(has(html, "<a href=\"https://sic.example.pt/escreva\">"));
    CHECK(has(html, "<a href=\"https://sic.example.pt/denuncia\">"));
    CHECK(has(html, "<a href=\"https://sic.example.pt/privacidade\">"));
    CHECK(has(html, "<a href=\"https://sic.example.pt/ficha-tecnica\">"));
    CHECK(has(html, "Dias úteis, 9:00–19:00"));
  }
}

TEST_CASE("The helpline is offered in the page's language", "[pages][site]") {
  NodeFixture node(with_site());
  std::string en = node.get("/").body;
  CHECK(has(en,
            "<p class=\"help\"><strong>Need help?</strong> <a href=\"tel:+351800219090\">"
            "Call +351 800 21 90 90</a></p>"));
  CHECK(has(en, ">Report harmful content</a>"));
  // The hours are the centre's words: marked with its language on an English page.
  CHECK(has(en, "<p>Opening hours: <span lang=\"pt\">Dias úteis, 9:00–19:00</span></p>"));
  std::string pt = node.get("/?lang=pt").body;
  CHECK(has(pt, "<strong>Precisas de ajuda?</strong>"));
  CHECK(has(pt, ">Denunciar conteúdos nocivos</a>"));
  CHECK(has(pt, ">Ficha técnica</a>"));
  CHECK(has(pt, "<p>Horário: <span>Dias úteis, 9:00–19:00</span></p>"));
}

TEST_CASE("Without [site], the pages show no empty helpline or links", "[pages][site]") {
  NodeFixture node;
  std::string html = node.get("/").body;
  CHECK_FALSE(has(html, "class=\"logo\""));
  CHECK_FALSE(has(html, "class=\"help\""));
  CHECK_FALSE(has(html, "class=\"helpline\""));
  CHECK_FALSE(has(html, "class=\"legal\""));
}

TEST_CASE("The accent colour of [site] is the style sheet's and the icon's", "[pages][site]") {
  NodeFixture node(with_site());
  std::string css = node.get("/static/style.css").body;
  CHECK(has(css, "--accent: #8a1538;"));
  CHECK_FALSE(has(css, "#0b4f9c"));
  CHECK(has(node.get("/static/icon.svg").body, "fill=\"#8a1538\""));
  NodeFixture plain;
  CHECK(has(plain.get("/static/style.css").body, "--accent: #0b4f9c;"));
}
