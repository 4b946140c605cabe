#include <catch2/catch.hpp>

#include "tests/node/pages/page_helpers.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

const std::string kId = "tag:sic.example.pt,2026:articles/7";

std::string page_of(const std::string& id, const std::string& query = "") {
  return "/articles/" + percent_encode(id) + query;
}

Article sample() {
  Article a = simple_article(kId, "Guia para pais", test_now() - hours(3), "pt");
  a.published = test_now() - hours(30);
  a.content_html =
      "<h1>Um título no corpo</h1><p>Texto com <strong>negrito</strong>.</p>"
      "<script>alert(1)</script><p onclick=\"x()\">Clique</p>";
  a.tags = {"grooming"};
  a.section = "youth";
  a.link = "https://sic.example.pt/artigos/7";
  a.enclosures = {{"https://sic.example.pt/guia.pdf", "application/pdf", 1234, "O guia"}};
  return a;
}

}  // namespace

TEST_CASE("An article page shows the sanitized body under one h1", "[pages][article]") {
  NodeFixture node;
  node.put(sample());
  http::Response r = node.get(page_of(kId));
  REQUIRE(r.status == 200);
  const std::string& html = r.body;
  CHECK(count(html, "<h1") == 1);
  CHECK(has(html, "<h1 lang=\"pt\">Guia para pais</h1>"));
  CHECK(has(html, "<h2>Um título no corpo</h2>"));  // the body's h1 is demoted
  CHECK(has(html, "<strong>negrito</strong>"));
  CHECK_FALSE(has(html, "<script"));
  CHECK_FALSE(has(html, "onclick"));
  CHECK(has(html, "<div class=\"body\" lang=\"pt\">"));
  CHECK(has(html, "Published <time datetime=\"2026-11-27T06:00:00Z\">27 November 2026</time>"));
  CHECK(has(html, "Updated <time datetime=\"2026-11-28T09:00:00Z\">"));
  CHECK(has(html, "<span lang=\"pt\">Participação juvenil</span>"));
  CHECK(has(html, ">Grooming</a>"));
  CHECK(
      has(html, "<a href=\"https://sic.example.pt/guia.pdf\" type=\"application/pdf\">O guia</a>"));
  CHECK(has(html, "<a href=\"https://sic.example.pt/artigos/7\">"));
  CHECK(has(html, "<link rel=\"canonical\" href=\"http://node.example" + page_of(kId) + "\">"));
  CHECK(has(html, "<link rel=\"alternate\" type=\"application/atom+xml\""));
  CHECK(r.header_value("ETag").size() == 34);
  CHECK(r.header_value("Last-Modified") == format_http_date(test_now()));
  CHECK(node.get(page_of(kId), {{"If-None-Match", r.header_value("ETag")}}).status == 304);
}

TEST_CASE("A translated article page says so, names the original language and links to it",
          "[pages][article]") {
  NodeFixture node;
  Article a = sample();
  node.put(a);
  // Translations reach the catalogue by other paths than the API; the page sanitizes too.
  node.translate(a.id, {lang("en"), "A guide for parents", "Summary",
                        "<p>English body</p><script>alert(2)</script>", TranslationKind::kHuman, "",
                        "an older version", test_now(), true});
  std::string html = node.get(page_of(kId, "?lang=en")).body;
  CHECK(has(html, "<h1 lang=\"en\">A guide for parents</h1>"));
  CHECK(has(html,
            "<p class=\"notice\" role=\"note\">Translation from Portuguese. The original "
            "has changed since this "
            "translation was made. <a href=\"http://node.example" +
                page_of(kId) + "\" hreflang=\"pt\">Read the original</a></p>"));
  CHECK(has(html, "<p>English body</p>"));
  CHECK_FALSE(has(html, "<script"));
  CHECK(has(html, "<a href=\"http://node.example" + page_of(kId) +
                      "\" hreflang=\"pt\" lang=\"pt\">Português</a>"));
  CHECK(has(html, "href=\"http://node.example/feeds/atom?lang=en\""));
  std::string original = node.get(page_of(kId)).body;
  CHECK(has(original, "<a href=\"http://node.example" + page_of(kId, "?lang=en") +
                          "\" hreflang=\"en\" lang=\"en\">English</a>"));
  CHECK_FALSE(has(original, "class=\"notice\""));
}

TEST_CASE("An article page's head links the page in every language with hreflang",
          "[pages][article]") {
  NodeFixture node;
  Article a = sample();
  node.put(a);
  node.translate(a.id, {lang("en"), "A guide", "", "<p>Body</p>", TranslationKind::kHuman, "",
                        a.content_hash(), test_now(), false});
  const std::string pt =
      "<link rel=\"alternate\" hreflang=\"pt\" href=\"http://node.example" + page_of(kId) + "\">";
  const std::string en = "<link rel=\"alternate\" hreflang=\"en\" href=\"http://node.example" +
                         page_of(kId, "?lang=en") + "\">";
  for (const char* query : {"", "?lang=en"}) {
    INFO(query);
    std::string html = node.get(page_of(kId, query)).body;
    std::string head = html.substr(0, html.find("</head>"));
    CHECK(has(head, pt));
    CHECK(has(head, en));
  }
  // An article without translations names its one language.
  node.put(simple_article("tag:sic.example.pt,2026:alone", "Só", test_now(), "pt"));
  std::string alone = node.get(page_of("tag:sic.example.pt,2026:alone")).body;
  CHECK(count(alone, "hreflang=\"pt\" href=") == 1);
  CHECK(count(alone, "<link rel=\"alternate\" hreflang") == 1);
}

TEST_CASE("Unknown articles are 404, deleted ones 410, missing languages 404 with a way out",
          "[pages][article]") {
  NodeFixture node;
  node.put(sample());
  http::Response unknown = node.get(page_of("tag:sic.example.pt,2026:nothing"));
  CHECK(unknown.status == 404);
  CHECK(has(unknown.body, "<h1>Not found</h1>"));
  CHECK(node.get("/articles/not%20an%20iri").status == 404);
  CHECK(node.get(page_of(kId, "?lang=xx_YY")).status == 400);
  CHECK(node.get(page_of(kId, "?tag=x")).status == 400);

  // In the language asked for: the page's words are German.
  http::Response german = node.get(page_of(kId, "?lang=de"));
  CHECK(german.status == 404);
  CHECK(has(german.body, "<html lang=\"de\">"));
  CHECK(has(german.body,
            "Dieser Artikel ist nicht verfügbar auf: <span lang=\"de\">Deutsch</span>."));
  CHECK(has(german.body, "<a href=\"http://node.example" + page_of(kId) + "\">Original lesen</a>"));

  node.remove(iri(kId), "sic-pt", test_now());
  http::Response gone = node.get(page_of(kId));
  CHECK(gone.status == 410);
  CHECK(has(gone.body, "<h1>Article deleted</h1>"));
  CHECK(has(gone.body,
            "Centro Internet Segura deleted this article on <time "
            "datetime=\"2026-11-28T12:00:00Z\">28 November 2026</time>."));
  CHECK(count(gone.body, "<h1") == 1);
}

TEST_CASE("The style sheet is served with validators and a long cache life", "[pages][style]") {
  NodeFixture node;
  http::Response css = node.get("/static/style.css");
  CHECK(css.status == 200);
  CHECK(css.header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(css.header_value("Cache-Control") == "public, max-age=86400");
  CHECK(has(css.body, "@media (max-width: 30rem)"));
  CHECK(node.get("/static/style.css", {{"If-None-Match", css.header_value("ETag")}}).status == 304);
  CHECK(node.get("/static/style.css", {{"Accept-Encoding", "gzip"}})
            .header_value("Content-Encoding") == "gzip");
}

TEST_CASE("An article page switches between the article's languages", "[pages][article]") {
  NodeFixture node;
  node.put(sample());
  std::string html = node.get(page_of(kId)).body;
  CHECK(has(html, "<nav class=\"switcher\""));
  CHECK(has(html, "<a href=\"http://node.example" + page_of(kId) +
                      "\" hreflang=\"pt\" lang=\"pt\" aria-current=\"true\">Português</a>"));
}

TEST_CASE("An article page shows its image with alt text and uses it as og:image",
          "[pages][article][image]") {
  NodeFixture node;
  Article a = sample();
  a.image = {"https://sic.example.pt/img/pais.jpg", "Pais & filhos"};
  node.put(a);
  const std::string html = node.get(page_of(kId)).body;
  CHECK(has(html,
            "<img class=\"hero\" src=\"https://sic.example.pt/img/pais.jpg\" "
            "alt=\"Pais &amp; filhos\" lang=\"pt\" width=\"640\" height=\"360\" "
            "loading=\"lazy\""));
  CHECK(has(html, "<meta property=\"og:image\" content=\"https://sic.example.pt/img/pais.jpg\">"));

  NodeFixture plain;
  plain.put(sample());
  const std::string without = plain.get(page_of(kId)).body;
  CHECK_FALSE(has(without, "class=\"hero\""));
  CHECK_FALSE(has(without, "og:image"));
}
