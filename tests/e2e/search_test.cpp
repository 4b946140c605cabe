// Search through a real `sicnode serve` (docs/search.md): across languages, compound
// words, filters, saved-search feeds read by feedparser and the feed checks, and
// hostile queries.
#include <catch2/catch.hpp>

#include "tests/e2e/publish_support.h"
#include "tests/feeds/support.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace sic;
using namespace sic::test;

namespace {

std::string post(TestNode& node, const std::string& token, const std::string& body) {
  HttpResult r = http_post(node.url("/api/articles"), body, bearer(token));
  REQUIRE(r.status == 201);
  size_t at = r.body.find("\"id\":\"") + 6;
  return r.body.substr(at, r.body.find('"', at) - at);
}

// The ids in an /api/articles answer, in order.
std::vector<std::string> found(TestNode& node, const std::string& query) {
  HttpResult r = http_get(node.url("/api/articles?" + query));
  INFO(query << ": " << r.body);
  REQUIRE(r.status == 200);
  std::vector<std::string> ids;
  for (size_t at = r.body.find("\"id\":\""); at != std::string::npos;
       at = r.body.find("\"id\":\"", at + 1)) {
    at += 6;
    ids.push_back(r.body.substr(at, r.body.find('"', at) - at));
  }
  return ids;
}

// A Portuguese article with an English translation, a German one with a compound
// word, and an English one in another section.
struct Corpus {
  std::string pt, de, en;
};

Corpus fill(TestNode& node) {
  std::string token = node.create_token();
  Corpus c;
  c.pt = post(node, token, R"({"title": "Sextorsão: como pedir ajuda",
      "summary": "A linha de apoio explica.", "content_html": "<p>Não pague.</p>",
      "lang": "pt", "tags": ["sextortion"], "section": "helplines"})");
  c.de = post(node, token, R"({"title": "Was tun gegen Cybermobbing?",
      "summary": "Tipps für Eltern.", "content_html": "<p>Mit dem Kind reden.</p>",
      "lang": "de", "tags": ["cyberbullying"], "section": "awareness"})");
  c.en = post(node, token, R"({"title": "Helpline report on sextortion",
      "summary": "Calls doubled.", "content_html": "<p>Blackmail cases rose.</p>",
      "lang": "en", "tags": ["sextortion"], "section": "awareness"})");
  auto cat = Catalogue::open((node.dir() / "data" / "catalogue.db").string()).value();
  auto stored = cat->articles().find(Iri::parse(c.pt).value()).value();
  Translation en{LanguageTag::parse("en").value(),
                 "Sextortion: how to ask for help",
                 "The helpline explains.",
                 "<p>Do not pay the blackmailer.</p>",
                 TranslationKind::kHuman,
                 "",
                 stored->content_hash,
                 now_seconds(),
                 false};
  REQUIRE(cat->translations().put(Iri::parse(c.pt).value(), en).ok());
  return c;
}

}  // namespace

TEST_CASE("Search finds an article by a word of its translation, and a compound by its part",
          "[e2e][search]") {
  TestNode node;
  node.start();
  Corpus c = fill(node);
  CHECK(found(node, "q=blackmailer") == std::vector<std::string>{c.pt});
  CHECK(found(node, "q=ajuda") == std::vector<std::string>{c.pt});
  CHECK(found(node, "q=Mobbing") == std::vector<std::string>{c.de});
  CHECK(found(node, "q=mobb*") == std::vector<std::string>{c.de});
  // The page shows the hit in the reader's language.
  HttpResult page = http_get(node.url("/search?q=blackmailer&lang=en"));
  REQUIRE(page.status == 200);
  CHECK(contains(page.body, ">Sextortion: how to ask for help</a></h2>"));
  CHECK(contains(page.body, "<mark>blackmailer</mark>"));
}

TEST_CASE("Filters combine with the search in the API, the page and the feeds", "[e2e][search]") {
  TestNode node;
  node.start();
  Corpus c = fill(node);
  CHECK(found(node, "q=sextortion").size() == 2);
  CHECK(found(node, "q=sextortion&section=helplines") == std::vector<std::string>{c.pt});
  CHECK(found(node, "q=sextortion&lang=en") == std::vector<std::string>{c.en});
  CHECK(found(node, "q=sextortion&tag=cyberbullying").empty());
  CHECK(found(node, "q=sextortion%20-blackmail") == std::vector<std::string>{c.pt});
  HttpResult page = http_get(node.url("/search?q=sextortion&section=awareness"));
  CHECK(contains(page.body, "Helpline report on <mark>sextortion</mark>"));
  CHECK_FALSE(contains(page.body, "Sextorsão"));
  HttpResult feed = http_get(node.url("/feeds/atom?q=sextortion&section=helplines"));
  REQUIRE(feed.status == 200);
  CHECK(contains(feed.body, "Sextorsão: como pedir ajuda"));
  CHECK_FALSE(contains(feed.body, "Helpline report"));
}

TEST_CASE("A saved search is a feed that feedparser and the feed checks read clean",
          "[e2e][search]") {
  TestNode node;
  node.start();
  fill(node);
  const std::string query = "?q=" + percent_encode("sextortion OR mobbing -nothing") + "&lang=en";
  for (std::string format : {"atom", "rss", "json"}) {
    INFO(format);
    HttpResult r = http_get(node.url("/feeds/" + format + query));
    REQUIRE(r.status == 200);
    CheckResult checked = check_documents(format, {r.body});
    INFO(checked.output);
    CHECK(checked.exit_code == 0);
  }
  // feedparser over HTTP, as a subscriber's reader fetches it.
  TempDir dir;
  auto file = dir.write("client.py",
                        "import feedparser, sys\n"
                        "d = feedparser.parse(sys.argv[1])\n"
                        "assert d.status == 200 and d.bozo == 0, d.get('bozo_exception')\n"
                        "print(len(d.entries), d.feed.title)\n");
  Process client(
      {.program = "/usr/bin/python3", .args = {file.string(), node.url("/feeds/atom" + query)}});
  auto status = client.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(60));
  INFO(client.stderr_text());
  CHECK(status == 0);
  CHECK(client.stdout_text() ==
        "2 Test Safer Internet Centre — “sextortion OR mobbing -nothing”\n");
  // The search page links it for autodiscovery.
  CHECK(contains(http_get(node.url("/search" + query)).body,
                 "<link rel=\"alternate\" type=\"application/atom+xml\""));
}

TEST_CASE("Hostile searches answer 400 with a message or an empty result, never 500",
          "[e2e][search]") {
  TestNode node;
  node.start();
  fill(node);
  const std::vector<std::string> hostile = {"\"unbalanced",
                                            "NEAR(a b",
                                            "NEAR(",
                                            "title:sextortion",
                                            "{title}:x",
                                            "^",
                                            "* * *",
                                            "a OR",
                                            "OR",
                                            "-x",
                                            "\"\"",
                                            "') OR 1=1 --",
                                            "x\" OR \"y",
                                            std::string(7000, 'a'),
                                            std::string(2000, '"'),
                                            "sextortion*" + std::string(20, '*'),
                                            "\xff\xfe",
                                            "%00"};
  for (const std::string& q : hostile) {
    const std::string encoded = percent_encode(q);
    INFO(q.substr(0, 40) << " (" << q.size() << " bytes)");

    HttpResult api = http_get(node.url("/api/articles?q=" + encoded));
    INFO("API: " << api.status << " " << api.body.substr(0, 200));
    CHECK((api.status == 200 || api.status == 400));
    if (api.status == 400) CHECK(contains(api.body, "\"field\":\"q\""));
    HttpResult page = http_get(node.url("/search?q=" + encoded));
    CHECK((page.status == 200 || page.status == 400));
    if (page.status == 400) CHECK(contains(page.body, "This search cannot be run"));
    HttpResult feed = http_get(node.url("/feeds/atom?q=" + encoded));
    CHECK((feed.status == 200 || feed.status == 400));
    if (feed.status == 400) CHECK(contains(feed.body, "q: search: "));
  }
  // 10 KB of text does not fit a request line: the edge refuses it before search.
  for (const std::string& q : {std::string(10 * 1024, 'a'), std::string(4000, '"')}) {
    HttpResult api = http_get(node.url("/api/articles?q=" + percent_encode(q)));
    CHECK(api.status == 414);
    CHECK(contains(api.body, "the request line is longer than 8192 bytes"));
  }
  CHECK(node.running());
}
