// robots.txt, sitemap.xml, the description and OpenGraph tags, and error pages in the
// reader's language (docs/pages.md, "For search engines", "Errors").
#include <catch2/catch.hpp>

#include "node/pages/layout.h"
#include "tests/node/pages/page_helpers.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;

namespace {

const char* kId = "tag:sic.example.pt,2026:a/1";

Article translated() {
  Article a = simple_article(kId, "Guia para pais", test_now(), "pt");
  a.summary = "Um guia para pais e educadores sobre a vida online dos filhos.";
  return a;
}

std::string page_url(const std::string& rest = "") {
  return std::string(NodeFixture::kBase) + "/articles/" + percent_encode(kId) + rest;
}

}  // namespace

TEST_CASE("robots.txt lets crawlers read the pages and feeds and names the sitemap",
          "[pages][seo]") {
  NodeFixture node;
  http::Response r = node.get("/robots.txt");
  REQUIRE(r.status == 200);
  CHECK(r.header_value("Content-Type") == "text/plain; charset=utf-8");
  CHECK(r.body ==
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /metrics\n\n"
        "Sitemap: http://node.example/sitemap.xml\n");
}

TEST_CASE("sitemap.xml lists the listings and every article version with hreflang alternates",
          "[pages][seo]") {
  NodeFixture node;
  Article a = translated();
  node.put(a);
  node.translate(a.id,
                 {lang("en"), "Guide for parents", "A guide.", "<p>A guide.</p>",
                  TranslationKind::kMachine, "apertium", a.content_hash(), test_now(), false});
  http::Response r = node.get("/sitemap.xml");
  REQUIRE(r.status == 200);
  CHECK(r.header_value("Content-Type") == "application/xml; charset=utf-8");
  const std::string& xml = r.body;
  CHECK(has(xml,
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"));
  CHECK(has(xml, "<url><loc>http://node.example/</loc>"));
  CHECK(has(xml, "<url><loc>http://node.example/?lang=pt</loc>"));
  CHECK(has(xml,
            "<xhtml:link rel=\"alternate\" hreflang=\"en\" "
            "href=\"http://node.example/?lang=en\"/>"));
  const std::string alternates =
      "<xhtml:link rel=\"alternate\" hreflang=\"pt\" href=\"" + page_url() +
      "\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"" + page_url("?lang=en") + "\"/>";
  CHECK(has(xml, "<url><loc>" + page_url() + "</loc><lastmod>2026-11-28T12:00:00Z</lastmod>" +
                     alternates + "</url>"));
  CHECK(has(xml, "<url><loc>" + page_url("?lang=en") + "</loc>"));
  CHECK(count(xml, "<url>") == 5);  // 3 listings, the original and its translation
  // A catalogue change is in the next sitemap.
  node.put(simple_article("tag:sic.example.pt,2026:a/2", "Outro", test_now(), "pt"));
  CHECK(count(node.get("/sitemap.xml").body, "<url>") == 6);
}

TEST_CASE("An article page has a description and OpenGraph tags", "[pages][seo]") {
  NodeFixture node;
  node.put(translated());
  std::string html = node.get("/articles/" + percent_encode(kId)).body;
  CHECK(has(html,
            "<meta name=\"description\" content=\"Um guia para pais e educadores sobre a "
            "vida online dos filhos.\">"));
  CHECK(has(html, "<meta property=\"og:title\" content=\"Guia para pais\">"));
  CHECK(has(html, "<meta property=\"og:type\" content=\"article\">"));
  CHECK(has(html, "<meta property=\"og:url\" content=\"" + page_url() + "\">"));
  CHECK(has(html, "<meta property=\"og:site_name\" content=\"Centro Internet Segura\">"));
  std::string listing = node.get("/").body;
  CHECK(has(listing, "<meta property=\"og:type\" content=\"website\">"));
  CHECK(has(listing, "<meta name=\"description\" content=\""));
}

TEST_CASE("A long description is cut at a word, and UTF-8 stays whole", "[pages][seo]") {
  std::string words;
  for (int i = 0; i < 60; ++i) words += "palavra ";
  std::string cut = pages::short_description(words);
  CHECK(cut.size() <= 200 + std::string("…").size());
  CHECK(cut.ends_with("palavra…"));
  std::string accents(300, 'a');
  for (size_t i = 0; i < accents.size(); i += 2) accents.replace(i, 1, "é");
  std::string cut2 = pages::short_description(accents, 199);
  CHECK(cut2.ends_with("…"));
  CHECK(cut2.find("\xc3…") == std::string::npos);  // no half character before the mark
}

TEST_CASE("A bad listing query gets an HTML 400 page in the reader's language", "[pages][errors]") {
  NodeFixture node;
  http::Response r = node.served("/?page=2");
  CHECK(r.status == 400);
  CHECK(r.header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(has(r.body, "<h1>This address is not valid.</h1>"));
  CHECK(has(r.body, "<p class=\"status\">400 Bad Request: page: "));
  http::Response es = node.served("/?page=2&lang=es");
  CHECK(es.status == 400);
  CHECK(has(es.body, "<html lang=\"es\">"));
  CHECK(has(es.body, "<h1>Esta dirección no es válida.</h1>"));
  CHECK(has(es.body, "<p class=\"status\" lang=\"en\">400 Bad Request: page: "));
  CHECK(has(es.body, ">Volver a las noticias</a>"));
  // The API keeps its JSON errors.
  CHECK(node.served("/api/articles?page=2").header_value("Content-Type").find("json") !=
        std::string::npos);
}
