#include "node/catalogue/articles.h"
#include "tests/node/publish/feed_helpers.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

NodeSetup small_pages() {
  NodeSetup s;
  s.extra_toml = "[publish]\npage_size = 3\n";
  return s;
}

std::string id_of(int n) { return "tag:sic.example.pt,2026:a/" + std::to_string(n); }

// n articles, article k updated k hours before now (article 0 is the newest).
void put_series(NodeFixture& node, int n) {
  for (int k = 0; k < n; ++k)
    node.put(simple_article(id_of(k), "Article " + std::to_string(k), test_now() - hours(k + 1)));
}

}  // namespace

TEST_CASE("The live feed holds the newest page_size articles, and next pages reach every one once",
          "[publish][feeds]") {
  NodeFixture node(small_pages());
  put_series(node, 8);
  Feed live = fetch(node, "/feeds/atom");
  CHECK(titles(live) == std::vector<std::string>{"Article 0", "Article 1", "Article 2"});
  CHECK(live.link("self") == std::string(NodeFixture::kBase) + "/feeds/atom");
  CHECK_FALSE(live.link("next").empty());
  CHECK(live.link("first").empty());

  std::vector<Feed> pages = walk(node, "/feeds/atom");
  REQUIRE(pages.size() == 3);
  std::vector<std::string> seen;
  for (const auto& p : pages)
    for (const auto& id : ids(p)) seen.push_back(id);
  std::set<std::string> unique(seen.begin(), seen.end());
  CHECK(seen.size() == 8);
  CHECK(unique.size() == 8);
  for (size_t i = 1; i < pages.size(); ++i) {
    CHECK(pages[i].link("first") == live.link("self"));
    CHECK(pages[i].link("prev-archive").empty());
    CHECK(pages[i].tombstones.empty());
    CHECK(pages[i].id == live.id);  // one logical feed
  }
  CHECK(pages.back().articles.size() == 2);
}

TEST_CASE("Paging is stable for articles with the same update time", "[publish][feeds]") {
  NodeFixture node(small_pages());
  for (int k = 0; k < 7; ++k)
    node.put(simple_article(id_of(k), "Same time " + std::to_string(k), test_now() - hours(2)));
  std::set<std::string> seen;
  std::size_t count = 0;
  for (const auto& p : walk(node, "/feeds/rss"))
    for (const auto& id : ids(p)) seen.insert(id), ++count;
  CHECK(count == 7);
  CHECK(seen.size() == 7);
}

TEST_CASE("The three formats carry the same entries and links", "[publish][feeds]") {
  NodeFixture node(small_pages());
  put_series(node, 5);
  Feed atom = fetch(node, "/feeds/atom");
  Feed json = fetch(node, "/feeds/json");
  Feed rss = fetch(node, "/feeds/rss");
  CHECK(ids(atom) == ids(json));
  CHECK(ids(atom) == ids(rss));
  CHECK(json.link("self") == std::string(NodeFixture::kBase) + "/feeds/json");
  CHECK(target_of(json, "next").rfind("/feeds/json?page=", 0) == 0);
  CHECK(target_of(rss, "next").rfind("/feeds/rss?page=", 0) == 0);
  CHECK(target_of(rss, "prev-archive") == "/feeds/rss/archive/2026-11");
  CHECK(node.get("/feeds/json").header_value("Content-Type") ==
        "application/feed+json; charset=utf-8");
  CHECK(node.get("/feeds/rss").header_value("Content-Type") ==
        "application/rss+xml; charset=utf-8");
  CHECK(node.get("/feeds/atom").header_value("Content-Type") ==
        "application/atom+xml; charset=utf-8");
}

TEST_CASE("Topic, section and origin filters combine", "[publish][feeds]") {
  NodeFixture node;
  auto add = [&](int n, std::vector<std::string> tags, std::string section, std::string origin) {
    Article a = simple_article(id_of(n), "A" + std::to_string(n), test_now() - hours(n + 1));
    a.tags = std::move(tags);
    a.section = std::move(section);
    a.origin = std::move(origin);
    node.put(a);
  };
  add(1, {"grooming", "media literacy/education"}, "helplines", "sic-pt");
  add(2, {"grooming"}, "awareness", "sic-es");
  add(3, {"sextortion"}, "helplines", "sic-es");
  add(4, {"grooming"}, "helplines", "sic-es");
  CHECK(titles(fetch(node, "/feeds/atom?tag=grooming")) ==
        std::vector<std::string>{"A1", "A2", "A4"});
  CHECK(titles(fetch(node, "/feeds/atom?tag=media%20literacy%2Feducation")) ==
        std::vector<std::string>{"A1"});
  CHECK(titles(fetch(node, "/feeds/atom?section=helplines")) ==
        std::vector<std::string>{"A1", "A3", "A4"});
  CHECK(titles(fetch(node, "/feeds/atom?origin=sic-es")) ==
        std::vector<std::string>{"A2", "A3", "A4"});
  Feed combined = fetch(node, "/feeds/json?section=helplines&origin=sic-es&tag=grooming");
  CHECK(titles(combined) == std::vector<std::string>{"A4"});
  CHECK(combined.title == "Centro Internet Segura — Aliciamento online, Linhas de apoio, sic-es");
  CHECK(combined.link("self") == std::string(NodeFixture::kBase) +
                                     "/feeds/json?origin=sic-es&section=helplines&tag=grooming");
  CHECK(titles(fetch(node, "/feeds/rss?tag=nothing")).empty());
}

TEST_CASE(
    "lang shows originals in the language and translations into it, marked, and leaves "
    "out the rest",
    "[publish][feeds][lang]") {
  NodeFixture node;
  Article pt = simple_article(id_of(1), "Em português", test_now() - hours(1), "pt");
  Article br = simple_article(id_of(2), "Do Brasil", test_now() - hours(2), "pt-BR");
  Article en = simple_article(id_of(3), "In English", test_now() - hours(3), "en");
  en.link = "https://sic.example.ie/news/3";
  Article de = simple_article(id_of(4), "Auf Deutsch", test_now() - hours(4), "de");
  for (const Article& a : {pt, br, en, de}) node.put(a);
  node.translate(en.id, {lang("pt"), "Em inglês, traduzido", "Resumo", "<p>Corpo</p>",
                         TranslationKind::kHuman, "", en.content_hash(), test_now(), false});
  node.translate(
      pt.id, {lang("en"), "Portuguese, translated", "", "<p>Body</p>", TranslationKind::kMachine,
              "apertium", pt.content_hash(), test_now(), false});

  Feed feed = fetch(node, "/feeds/atom?lang=pt");
  CHECK(feed.lang.str() == "pt");
  REQUIRE(titles(feed) ==
          std::vector<std::string>{"Em português", "Do Brasil", "Em inglês, traduzido"});
  CHECK_FALSE(feed.articles[0].shown_translation);
  CHECK(feed.articles[1].lang.str() == "pt-BR");
  const Article& translated = feed.articles[2];
  CHECK(translated.lang.str() == "pt");
  REQUIRE(translated.shown_translation);
  CHECK(translated.shown_translation->original_lang.str() == "en");
  CHECK(translated.shown_translation->kind == TranslationKind::kHuman);
  CHECK(translated.translations.empty());
  // A translated entry links to this node's page showing the translation.
  CHECK(translated.link ==
        std::string(NodeFixture::kBase) + "/articles/" + percent_encode(en.id.str()) + "?lang=pt");

  Feed english = fetch(node, "/feeds/rss?lang=en");
  CHECK(titles(english) == std::vector<std::string>{"Portuguese, translated", "In English"});
  CHECK(english.articles[0].shown_translation->kind == TranslationKind::kMachine);
  CHECK(english.articles[0].shown_translation->engine == "apertium");
  CHECK(english.articles[1].link == "https://sic.example.ie/news/3");
  CHECK(titles(fetch(node, "/feeds/json?lang=pt-BR")) == std::vector<std::string>{"Do Brasil"});
}

TEST_CASE(
    "In a ?lang= feed a translated entry's content begins with the pages' notice, in all "
    "three formats",
    "[publish][feeds][labels]") {
  NodeFixture node;
  Article pt = simple_article(id_of(1), "Em português", test_now() - hours(1), "pt");
  pt.content_html = "<p>Corpo</p>";
  Article en = simple_article(id_of(2), "In English", test_now() - hours(2), "en");
  node.put(pt);
  node.put(en);
  node.translate(
      pt.id, {lang("en"), "Portuguese, translated", "", "<p>Body</p>", TranslationKind::kMachine,
              "apertium:pt>ca>en", pt.content_hash(), test_now(), false});
  // As read back through the node's own parser, whose sanitizer drops class and role.
  const std::string notice =
      "<p>Machine translation from Portuguese "
      "(apertium:pt&gt;ca&gt;en). <a href=\"" +
      std::string(NodeFixture::kBase) + "/articles/" + percent_encode(pt.id.str()) +
      "\" hreflang=\"pt\">Read the original</a></p>\n";
  for (const char* path : {"/feeds/atom?lang=en", "/feeds/rss?lang=en", "/feeds/json?lang=en"}) {
    INFO(path);
    Feed feed = fetch(node, path);
    REQUIRE(feed.articles.size() == 2);
    const Article& translated = feed.articles[0];
    CHECK(translated.content_html == notice + "<p>Body</p>");
    REQUIRE(translated.shown_translation);  // and the machine-readable label stays
    CHECK(translated.shown_translation->engine == "apertium:pt>ca>en");
    CHECK(feed.articles[1].content_html.find("notice") == std::string::npos);  // the original
  }
  // The full feed carries the translation itself, without the notice.
  Feed full = fetch(node, "/feeds/atom");
  for (const Article& a : full.articles)
    for (const Translation& t : a.translations) CHECK(t.content_html == "<p>Body</p>");
}

TEST_CASE("The full feed carries every article's translations, origin and via for peers",
          "[publish][feeds]") {
  NodeFixture node;
  Article a = simple_article(id_of(1), "Original", test_now() - hours(1), "pt");
  a.origin = "sic-es";
  a.via = "bik";
  node.put(a);
  node.translate(a.id, {lang("en"), "Translated", "S", "<p>B</p>", TranslationKind::kMachine,
                        "apertium", a.content_hash(), test_now(), false});
  for (const char* target : {"/feeds/atom", "/feeds/json", "/feeds/rss"}) {
    INFO(target);
    Feed feed = fetch(node, target);
    REQUIRE(feed.articles.size() == 1);
    const Article& got = feed.articles[0];
    CHECK(got.title == "Original");
    CHECK(got.origin == "sic-es");
    CHECK(got.via == "bik");
    REQUIRE(got.translations.size() == 1);
    CHECK(got.translations[0].lang.str() == "en");
    CHECK(got.translations[0].title == "Translated");
    CHECK(got.translations[0].source_hash == a.content_hash());
    CHECK_FALSE(got.shown_translation);
  }
}

TEST_CASE("The full feed links each translation to this node's page, which serves it",
          "[publish][feeds][lang]") {
  NodeFixture node;
  Article a = simple_article(id_of(1), "Original", test_now() - hours(1), "pt");
  a.link = "https://sic.example.es/noticias/1";
  node.put(a);
  node.translate(a.id,
                 {lang("en"), "Translated", "S", "<p>English body</p>", TranslationKind::kMachine,
                  "apertium", a.content_hash(), test_now(), false});
  node.translate(a.id, {lang("de"), "Übersetzt", "", "<p>Deutsch</p>", TranslationKind::kHuman, "",
                        a.content_hash(), test_now(), false});
  const std::string page =
      std::string(NodeFixture::kBase) + "/articles/" + percent_encode(a.id.str());
  const std::string atom = node.get("/feeds/atom").body;
  CHECK(atom.find(
            "<link rel=\"alternate\" type=\"text/html; charset=utf-8\" hreflang=\"en\" href=\"" +
            page + "?lang=en\"/>") != std::string::npos);
  for (const char* target : {"/feeds/atom", "/feeds/json", "/feeds/rss"}) {
    INFO(target);
    Feed feed = fetch(node, target);
    REQUIRE(feed.articles.size() == 1);
    const Article& got = feed.articles[0];
    CHECK(got.link == "https://sic.example.es/noticias/1");
    REQUIRE(got.translations.size() == 2);
    for (const auto& t : got.translations) {
      INFO(t.lang.str());
      CHECK(t.link == page + "?lang=" + t.lang.str());
      // The link is this node's page showing that translation.
      http::Response r = node.get(t.link.substr(std::string(NodeFixture::kBase).size()));
      REQUIRE(r.status == 200);
      CHECK(r.body.find("<h1 lang=\"" + t.lang.str() + "\">" + t.title + "</h1>") !=
            std::string::npos);
    }
  }
  // A filtered feed shows one language: its entries carry no translations to link.
  CHECK(fetch(node, "/feeds/atom?lang=en").articles[0].translations.empty());
}

TEST_CASE("An entry without a link of its own links to the article's page here",
          "[publish][feeds]") {
  NodeFixture node;
  Article with = simple_article(id_of(1), "With", test_now() - hours(1));
  with.link = "https://sic.example.pt/artigos/1";
  Article without = simple_article("urn:uuid:0f3e-1", "Without", test_now() - hours(2));
  node.put(with);
  node.put(without);
  Feed feed = fetch(node, "/feeds/atom");
  REQUIRE(feed.articles.size() == 2);
  CHECK(feed.articles[0].link == "https://sic.example.pt/artigos/1");
  CHECK(feed.articles[1].link == std::string(NodeFixture::kBase) + "/articles/urn%3Auuid%3A0f3e-1");
}

TEST_CASE("An edited article comes back to the top of the live feed", "[publish][feeds]") {
  NodeFixture node(small_pages());
  put_series(node, 5);
  CHECK(titles(fetch(node, "/feeds/atom"))[0] == "Article 0");
  Article edited = simple_article(id_of(4), "Article 4, corrected", test_now());
  node.put(edited);
  CHECK(titles(fetch(node, "/feeds/atom")) ==
        std::vector<std::string>{"Article 4, corrected", "Article 0", "Article 1"});
}

TEST_CASE("The feed's header names the node, its language and its home page", "[publish][feeds]") {
  NodeFixture node;
  put_series(node, 1);
  Feed feed = fetch(node, "/feeds/atom");
  CHECK(feed.title == "Centro Internet Segura");
  CHECK(feed.node == "sic-pt");
  CHECK(feed.lang.str() == "pt");
  CHECK(feed.id == std::string(NodeFixture::kBase) + "/feeds/atom");
  CHECK(feed.link("alternate") == std::string(NodeFixture::kBase) + "/");
  CHECK(feed.updated == test_now() - hours(1));
  Feed filtered = fetch(node, "/feeds/atom?lang=en&tag=cyberbullying");
  CHECK(filtered.title == "Centro Internet Segura — Cyberbullying");
  CHECK(filtered.lang.str() == "en");
  CHECK(filtered.link("alternate") ==
        std::string(NodeFixture::kBase) + "/?lang=en&tag=cyberbullying");
}

TEST_CASE("Malformed or unknown parameters are refused with 400 and a message",
          "[publish][feeds]") {
  NodeFixture node;
  struct Case {
    std::string target, message;
  };
  std::vector<Case> cases = {
      {"/feeds/atom?lang=en_GB", "lang: \"en_GB\" is not a BCP 47 language tag\n"},
      {"/feeds/json?langue=fr",
       "unknown parameter \"langue\" (known: lang, tag, section, origin, q, page)\n"},
      {"/feeds/atom?q=%22safer%20internet",
       "q: search: a quotation mark is not closed; remove it or add its pair\n"},
      {"/feeds/rss?q=-grooming",
       "q: search: the query only excludes words; add a word to look for\n"},
      {"/feeds/json?q=%5E%20%28", "q: search: the query has no letters or digits to look for\n"},
      {"/feeds/rss?section=gossip", "section: \"gossip\" is not a section of the taxonomy\n"},
      {"/feeds/atom?origin=Bad%20Id", "origin: \"Bad Id\" is not a node id\n"},
      {"/feeds/atom?page=tomorrow", "page: not a cursor from a next link\n"},
      {"/feeds/atom?tag=a&tag=b", "tag: given more than once\n"},
      {"/feeds/atom?lang=%E0%A4",
       "lang: \"\xEF\xBF\xBD\xEF\xBF\xBD\" is not a BCP 47 language tag\n"},
      {"/feeds/atom?lang=%ZZ", "query: malformed percent escape\n"},
      {"/feeds/atom/archive/2026-13", "archive: \"2026-13\" is not a month (YYYY-MM)\n"},
      {"/feeds/atom/archive/202611", "archive: \"202611\" is not a month (YYYY-MM)\n"},
      {"/feeds/atom/archive/2026-11?page=x",
       "unknown parameter \"page\" (known: lang, tag, section, origin, q)\n"},
  };
  for (const auto& c : cases) {
    INFO(c.target);
    http::Response r = node.get(c.target);
    CHECK(r.status == 400);
    CHECK(r.body == c.message);
    CHECK(r.header_value("Content-Type") == "text/plain; charset=utf-8");
  }
}

TEST_CASE("HEAD is answered like GET and other methods get 405", "[publish][feeds]") {
  NodeFixture node;
  put_series(node, 2);
  http::Response get = node.get("/feeds/atom");
  http::Response head = node.get("/feeds/atom", {}, http::Method::kHead);
  CHECK(head.status == 200);
  CHECK(head.header_value("ETag") == get.header_value("ETag"));
  CHECK(head.body.size() == get.body.size());  // the server sends its length, not the body
  http::Response post = node.get("/feeds/atom", {}, http::Method::kPost);
  CHECK(post.status == 405);
  CHECK(post.header_value("Allow") == "GET, HEAD, OPTIONS");
}

TEST_CASE(
    "An article without a date is published without 1970: the feed is dated when it stored it",
    "[publish][feeds]") {
  NodeFixture node;
  Article a = simple_article(id_of(1), "Sem data", test_now() - hours(3));
  a.updated = TimePoint{};
  a.published.reset();
  node.clock().advance(hours(1));  // stored an hour after test_now()
  node.put(a);
  std::string stored = format_rfc3339(test_now() + hours(1));
  std::string atom = node.get("/feeds/atom").body;
  CHECK(atom.find("<updated>" + stored + "</updated>") != std::string::npos);
  CHECK(atom.find("<updated sic:undated=\"true\">" + stored + "</updated>") != std::string::npos);
  for (const char* target : {"/feeds/atom", "/feeds/rss", "/feeds/json"}) {
    INFO(target);
    // No date is 1970 (the monthly archive it is filed in is 1970-01: docs/publishing.md).
    std::string body = node.get(target).body;
    CHECK(body.find("1970-01-01") == std::string::npos);
    CHECK(body.find("Jan 1970") == std::string::npos);
  }
  CHECK(fetch(node, "/feeds/atom").articles[0].updated == TimePoint{});  // still undated
}

TEST_CASE("An empty feed is dated when it is rendered, never 1970", "[publish][feeds]") {
  NodeFixture node;
  for (const char* target : {"/feeds/atom", "/feeds/rss", "/feeds/json"}) {
    INFO(target);
    http::Response r = node.get(target);
    CHECK(r.body.find("1970") == std::string::npos);
    CHECK(r.header_value("Last-Modified") == format_http_date(test_now()));
  }
  CHECK(fetch(node, "/feeds/atom").updated == test_now());
}
