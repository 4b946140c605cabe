#include <catch2/catch.hpp>

#include "node/pages/pages.h"
#include "tests/node/pages/page_helpers.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

std::string id_of(int n) { return "tag:sic.example.pt,2026:a/" + std::to_string(n); }

Article article(int n, const std::string& title, const std::string& language = "pt") {
  Article a = simple_article(id_of(n), title, test_now() - hours(n + 1), language);
  a.tags = {"cyberbullying", "a free keyword"};
  a.section = "helplines";
  return a;
}

}  // namespace

TEST_CASE("The listing shows date, topics, origin, title and summary of the newest articles",
          "[pages][listing]") {
  NodeFixture node;
  node.put(article(1, "Primeiro artigo"));
  Article peer = article(2, "Artigo de Espanha");
  peer.origin = "sic-es";
  node.put(peer);
  http::Response r = node.get("/");
  REQUIRE(r.status == 200);
  CHECK(r.header_value("Content-Type") == "text/html; charset=utf-8");
  const std::string& html = r.body;
  CHECK(has(html, "<h2 lang=\"pt\"><a href=\"http://node.example/articles/" +
                      percent_encode(id_of(1)) + "\">Primeiro artigo</a></h2>"));
  CHECK(has(html, "<time datetime=\"2026-11-28T10:00:00Z\">28 November 2026</time>"));
  CHECK(has(html, "<span class=\"origin\">Centro Internet Segura</span>"));
  CHECK(has(html, "<span class=\"origin\">sic-es</span>"));
  CHECK(has(html, "<p class=\"summary\" lang=\"pt\">Summary of Primeiro artigo</p>"));
  CHECK(has(html, "<a href=\"http://node.example/?tag=cyberbullying\">Cyberbullying</a>"));
  CHECK(has(html, "<a href=\"http://node.example/?tag=a%20free%20keyword\">a free keyword</a>"));
  CHECK(has(html, "><span lang=\"pt\">Linhas de apoio</span></a>"));     // the node's language
  CHECK(html.find("Primeiro artigo") < html.find("Artigo de Espanha"));  // newest first
}

TEST_CASE("The listing is accessible: landmarks, one h1, a skip link, labels and languages",
          "[pages][listing]") {
  NodeFixture node;
  node.put(article(1, "Um"));
  std::string html = node.get("/").body;
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(has(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  CHECK(count(html, "<h1") == 1);
  CHECK(has(html, "<a class=\"skip\" href=\"#main\">Skip to content</a>"));
  CHECK(count(html, "<main id=\"main\"") == 1);
  CHECK(count(html, "<header class=\"site\">") == 1);
  CHECK(count(html, "<footer class=\"site\">") == 1);
  CHECK(has(html, "<nav aria-label=\"Site\">"));
  CHECK(has(html, "<label for=\"f-tag\">Topic</label> <select id=\"f-tag\" name=\"tag\">"));
  CHECK(has(html, "<label for=\"f-lang\">Language</label>"));
  CHECK(has(html, "<option value=\"pt\" lang=\"pt\">Português</option>"));
  CHECK(has(html, "<link rel=\"stylesheet\" href=\"http://node.example/static/style.css\">"));
  CHECK_FALSE(has(html, "<script"));
}

TEST_CASE("Filters select articles, keep their values and ignore empty fields",
          "[pages][listing]") {
  NodeFixture node;
  node.put(article(1, "Linha de apoio"));
  Article other = article(2, "Sensibilização");
  other.section = "awareness";
  other.tags = {"grooming"};
  node.put(other);
  http::Response r = node.get("/?tag=&section=awareness&origin=&lang=");
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "Sensibilização"));
  CHECK_FALSE(has(r.body, "Linha de apoio"));
  CHECK(has(r.body, "<option value=\"awareness\" selected lang=\"pt\">Sensibilização</option>"));
  CHECK(has(r.body, "<h1>News: <span lang=\"pt\">Sensibilização</span></h1>"));
  CHECK(has(r.body,
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Centro "
            "Internet Segura — Sensibilização (Atom)\" "
            "href=\"http://node.example/feeds/atom?section=awareness\">"));
  CHECK(has(r.body, "href=\"http://node.example/feeds/rss?section=awareness\""));
  CHECK(has(node.get("/?tag=grooming").body, "Sensibilização"));
  CHECK(has(node.get("/?tag=nothing").body, "No articles match these filters."));
  CHECK(node.get("/?section=gossip").status == 400);
  CHECK(node.get("/?colour=red").status == 400);
}

TEST_CASE("The listing pages with older and newest links", "[pages][listing]") {
  NodeSetup setup;
  setup.extra_toml = "[publish]\npage_size = 2\n";
  NodeFixture node(setup);
  for (int n = 0; n < 5; ++n) node.put(article(n, "Artigo " + std::to_string(n)));
  std::string first = node.get("/").body;
  CHECK(has(first, "Artigo 0"));
  CHECK(has(first, "Artigo 1"));
  CHECK_FALSE(has(first, "Artigo 2"));
  size_t at = first.find("<a rel=\"next\" href=\"http://node.example/");
  REQUIRE(at != std::string::npos);
  size_t start = first.find('"', at + 18) + 1 + std::string("http://node.example").size();
  std::string next = first.substr(start, first.find('"', start) - start);
  // The href is escaped HTML: &amp; separates parameters.
  for (size_t amp = next.find("&amp;"); amp != std::string::npos; amp = next.find("&amp;"))
    next.replace(amp, 5, "&");
  std::string second = node.get(next).body;
  CHECK(has(second, "Artigo 2"));
  CHECK(has(second, "Artigo 3"));
  CHECK_FALSE(has(second, "Artigo 1"));
  CHECK(has(second, ">Newest articles</a>"));
}

TEST_CASE("In a language, the listing shows translations with a label", "[pages][listing]") {
  NodeFixture node;
  Article a = article(1, "Artigo original");
  node.put(a);
  node.translate(a.id,
                 {lang("en"), "Translated article", "Translated summary", "<p>x</p>",
                  TranslationKind::kMachine, "apertium", a.content_hash(), test_now(), false});
  node.put(article(2, "Sem tradução"));
  std::string html = node.get("/?lang=en").body;
  CHECK(has(html, "<h2 lang=\"en\"><a href=\"http://node.example/articles/" +
                      percent_encode(id_of(1)) + "?lang=en\">Translated article</a></h2>"));
  CHECK(has(html, "<p class=\"translation\">Machine translation from Portuguese (apertium)</p>"));
  CHECK_FALSE(has(html, "Sem tradução"));
  CHECK(has(html, "href=\"http://node.example/feeds/atom?lang=en\""));
}

TEST_CASE("Text from articles is escaped in pages", "[pages][listing]") {
  NodeFixture node;
  Article a = article(1, "<script>alert('x')</script> & \"friends\"");
  a.summary = "<img src=x onerror=alert(1)>";
  node.put(a);
  std::string html = node.get("/").body;
  CHECK_FALSE(has(html, "<script>"));
  CHECK_FALSE(has(html, "<img"));
  CHECK(has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"));
}

TEST_CASE("The static listing has no form and no paging links", "[pages][listing]") {
  NodeSetup setup;
  setup.extra_toml = "[publish]\npage_size = 1\n";
  NodeFixture node(setup);
  node.put(article(1, "Um"));
  node.put(article(2, "Dois"));
  auto cat = node.ctx().catalogue->lease().value();
  auto doc = pages::render_listing(node.ctx(), *cat, {}, {.static_site = true});
  REQUIRE(doc.ok());
  CHECK_FALSE(has(doc->body, "<form"));
  CHECK_FALSE(has(doc->body, "rel=\"next\""));
  CHECK(has(doc->body, "Um"));
}

TEST_CASE("With ?lang, the listing's words and dates are in that language", "[pages][listing]") {
  NodeFixture node;
  node.put(article(1, "Um"));
  std::string pt = node.get("/?lang=pt").body;
  CHECK(pt.rfind("<!DOCTYPE html>\n<html lang=\"pt\">", 0) == 0);
  CHECK(has(pt, "<a class=\"skip\" href=\"#main\">Saltar para o conteúdo</a>"));
  CHECK(has(pt, ">Filtrar as notícias</h2>"));
  CHECK(has(pt, "<time datetime=\"2026-11-28T10:00:00Z\">28 de novembro de 2026</time>"));
  CHECK_FALSE(has(pt, "Filter the news"));
}

TEST_CASE("Every listing has a language switcher that keeps the filters", "[pages][listing]") {
  NodeFixture node;
  node.put(article(1, "Um"));
  std::string html = node.get("/?tag=cyberbullying&lang=pt").body;
  CHECK(has(html, "<nav class=\"switcher\" aria-label=\"Língua\">"));
  CHECK(has(html,
            "<a href=\"http://node.example/?lang=pt&amp;tag=cyberbullying\" hreflang=\"pt\" "
            "lang=\"pt\" aria-current=\"true\">Português</a>"));
  CHECK(has(html,
            "<a href=\"http://node.example/?lang=en&amp;tag=cyberbullying\" hreflang=\"en\" "
            "lang=\"en\">English</a>"));
  // Without ?lang, no entry is the current one, and the switcher is in English.
  std::string bare = node.get("/").body;
  CHECK(has(bare, "<nav class=\"switcher\" aria-label=\"Language\">"));
  CHECK_FALSE(has(bare, "aria-current"));
}

TEST_CASE("The listing shows an article's image as a thumbnail, alt \"\" when the feed gave none",
          "[pages][listing][image]") {
  NodeFixture node;
  Article a = article(1, "Com imagem");
  a.image = {"https://sic.example.pt/i/1.png", ""};
  node.put(a);
  node.put(article(2, "Sem imagem"));
  const std::string html = node.get("/").body;
  CHECK(has(html,
            "<img class=\"thumb\" src=\"https://sic.example.pt/i/1.png\" alt=\"\" "
            "width=\"160\" height=\"90\" loading=\"lazy\""));
  CHECK(count(html, "class=\"thumb\"") == 1);
}
