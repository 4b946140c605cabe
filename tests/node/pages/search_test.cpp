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
  a.tags = {"cyberbullying"};
  a.section = "helplines";
  return a;
}

}  // namespace

TEST_CASE("The search page shows ranked hits with their matches marked", "[pages][search]") {
  NodeFixture node;
  node.put(article(1, "Linha de apoio contra sextorsão"));
  node.put(article(2, "Outro assunto"));
  http::Response r = node.get("/search?q=sextorsao");
  REQUIRE(r.status == 200);
  const std::string& html = r.body;
  CHECK(has(html, "<h1>Search: “sextorsao”</h1>"));
  CHECK(has(html, ">Linha de apoio contra <mark>sextorsão</mark></a></h2>"));
  CHECK_FALSE(has(html, "Outro assunto"));
  CHECK(has(html,
            "<input type=\"search\" id=\"search-q\" name=\"q\" maxlength=\"256\" "
            "value=\"sextorsao\">"));
  // The saved search's feeds, discovered and linked.
  CHECK(has(html, "<link rel=\"alternate\" type=\"application/atom+xml\""));
  CHECK(has(html, "href=\"http://node.example/feeds/atom?q=sextorsao\""));
}

TEST_CASE("Snippets and titles are escaped; only the page's own <mark> is markup",
          "[pages][search]") {
  NodeFixture node;
  Article a = article(1, "<script>alert(1)</script> grooming <mark>");
  a.content_html = "<p>&lt;img src=x onerror=alert(1)&gt; grooming</p>";
  node.put(a);
  http::Response r = node.get("/search?q=grooming");
  REQUIRE(r.status == 200);
  CHECK_FALSE(has(r.body, "<script>alert"));
  CHECK_FALSE(has(r.body, "<img"));
  CHECK(has(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; <mark>grooming</mark> &lt;mark&gt;"));
  CHECK(count(r.body, "<mark>") == count(r.body, "</mark>"));
}

TEST_CASE("A hit shows in the reader's language when the article has it", "[pages][search]") {
  NodeFixture node;
  Article a = article(1, "Sextorsão: pedir ajuda");
  node.put(a);
  Translation en{lang("en"),
                 "Sextortion: getting help",
                 "",
                 "<p>Help is there.</p>",
                 TranslationKind::kMachine,
                 "apertium:pt>en",
                 a.content_hash(),
                 test_now(),
                 false};
  node.translate(a.id, en);
  http::Response r = node.get("/search?q=help&lang=en");
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "<h2 lang=\"en\"><a href=\"http://node.example/articles/" +
                        percent_encode(id_of(1)) +
                        "?lang=en\">Sextortion: getting <mark>help</mark>"));
  http::Response pt = node.get("/search?q=help&lang=pt");
  CHECK(has(pt.body, ">Sextorsão: pedir ajuda</a></h2>"));  // found through English, shown in pt
}

TEST_CASE("No results suggest the same search without each filter", "[pages][search]") {
  NodeFixture node;
  node.put(article(1, "Grooming online"));
  http::Response r = node.get("/search?q=grooming&section=awareness&origin=sic-es");
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "No articles match this search."));
  CHECK(has(r.body, "href=\"http://node.example/search?q=grooming&amp;origin=sic-es\""));
  CHECK(has(r.body, "href=\"http://node.example/search?q=grooming&amp;section=awareness\""));
}

TEST_CASE("Search results page with a cursor", "[pages][search]") {
  NodeSetup setup;
  setup.extra_toml = "[publish]\npage_size = 2\n";
  NodeFixture node(setup);
  for (int i = 1; i <= 5; ++i) node.put(article(i, "Helpline news " + std::to_string(i)));
  std::string target = "/search?q=helpline";
  int seen = 0;
  for (int i = 0; i < 5 && !target.empty(); ++i) {
    http::Response r = node.get(target);
    REQUIRE(r.status == 200);
    seen += int(count(r.body, "<li><article class=\"item\">"));
    std::size_t at = r.body.find("<a rel=\"next\" href=\"");
    if (at == std::string::npos) break;
    at += 20;
    std::string next = r.body.substr(at, r.body.find('"', at) - at);
    target = next.substr(std::string(NodeFixture::kBase).size());
    for (std::size_t amp; (amp = target.find("&amp;")) != std::string::npos;)
      target.replace(amp, 5, "&");
  }
  CHECK(seen == 5);
}

TEST_CASE("A malformed search gets a 400 page that explains it", "[pages][search]") {
  NodeFixture node;
  node.put(article(1, "Grooming"));
  for (std::string target :
       std::vector<std::string>{"/search?q=%22grooming", "/search?q=-grooming", "/search?q=%5E%20*",
                                "/search?q=a%20OR", "/search?q=" + std::string(300, 'a'),
                                "/search?q=x&section=gossip", "/search?q=x&after=nonsense"}) {
    INFO(target);
    http::Response r = node.get(target);
    CHECK(r.status == 400);
    CHECK(r.header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(
        has(r.body, "<section class=\"error\" role=\"alert\"><h2>This search cannot be run</h2>"));
  }
  CHECK(has(node.get("/search?q=%22grooming").body,
            "<p>search: a quotation mark is not closed; remove it or add its pair</p>"));
}

TEST_CASE("FTS5 syntax in a search is text, never an error", "[pages][search]") {
  NodeFixture node;
  node.put(article(1, "Grooming"));
  for (std::string q : {"NEAR(grooming", "title:grooming", "grooming^", "grooming AND NOT x",
                        "{title}:grooming", "grooming*", "\"grooming\" OR \"x\""}) {
    INFO(q);
    http::Response r = node.get("/search?q=" + percent_encode(q));
    CHECK(r.status == 200);
  }
  CHECK(has(node.get("/search?q=title%3Agrooming").body, "No articles match this search."));
  CHECK(has(node.get("/search?q=grooming%5E").body, "<mark>Grooming</mark>"));
}

TEST_CASE("Every page has a search box", "[pages][search]") {
  NodeFixture node;
  node.put(article(1, "Grooming"));
  for (std::string target :
       std::vector<std::string>{"/", "/articles/" + percent_encode(id_of(1)), "/search"}) {
    INFO(target);
    CHECK(
        has(node.get(target).body,
            "<form role=\"search\" method=\"get\" class=\"site-search\" "
            "action=\"http://node.example/search\"><label for=\"site-q\">Search the news</label>"));
  }
}
