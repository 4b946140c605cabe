#include "node/catalogue/search.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "node/catalogue/translations.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

namespace {

LanguageTag tag(const char* text) { return LanguageTag::parse(text).value(); }

SearchPage find(Catalogue& cat, std::string_view q, std::string reader = "",
                ArticleFilter filter = {}) {
  SearchRequest r;
  r.query = parse_search_query(q).value();
  r.filter = std::move(filter);
  if (!reader.empty()) r.reader_lang = tag(reader.c_str());
  auto page = cat.search().search(r);
  REQUIRE(page.ok());
  return std::move(*page);
}

std::vector<std::string> ids(const SearchPage& page) {
  std::vector<std::string> out;
  for (const auto& h : page.hits) {
    const std::string& id = h.stored.article.id.str();
    out.push_back(id.substr(id.rfind('/') + 1));
  }
  return out;
}

std::string text_of(const MarkedText& t) {
  std::string out;
  for (const auto& s : t) out += s.marked ? "[" + s.text + "]" : s.text;
  return out;
}

Translation english(const Article& a, std::string title, std::string body) {
  return {tag("en"),        std::move(title),          "Summary",
          std::move(body),  TranslationKind::kMachine, "apertium:pt>en",
          a.content_hash(), from_unix(1795881900),     false};
}

}  // namespace

TEST_CASE("Search finds an article by a word of its title, summary or body text",
          "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.title = "Linha de apoio";
  a.content_html = "<p>Como denunciar <b>sextorsão</b> <a href=\"https://x.example/\">aqui</a></p>";
  REQUIRE(cat->articles().put(a).ok());
  CHECK(ids(find(*cat, "apoio")) == std::vector<std::string>{"1"});
  CHECK(ids(find(*cat, "sextorsao")) == std::vector<std::string>{"1"});  // diacritics removed
  CHECK(ids(find(*cat, "denunciar aqui")) == std::vector<std::string>{"1"});
  // The body is indexed as text: markup and attribute values are not words.
  CHECK(find(*cat, "href").hits.empty());
  CHECK(find(*cat, "example").hits.empty());
}

TEST_CASE("Search finds an original through a translation and shows the reader's language",
          "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.title = "Sextorsão: como pedir ajuda";
  REQUIRE(cat->articles().put(a).ok());
  REQUIRE(
      cat->translations().put(a.id, english(a, "Sextortion: how to get help", "<p>Help</p>")).ok());
  auto page = find(*cat, "help", "en");
  REQUIRE(ids(page) == std::vector<std::string>{"1"});  // once, not per text
  CHECK(page.hits[0].shown_lang == tag("en"));
  CHECK(text_of(page.hits[0].title) == "Sextortion: how to get [help]");
  auto in_portuguese = find(*cat, "help", "pt");
  CHECK(in_portuguese.hits[0].shown_lang == tag("pt"));
  CHECK(text_of(in_portuguese.hits[0].title) == "Sextorsão: como pedir ajuda");
  REQUIRE(cat->translations().remove(a.id, tag("en")).ok());
  CHECK(find(*cat, "help").hits.empty());
}

TEST_CASE("A word finds the compounds that contain it", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.lang = tag("de");
  a.title = "Was tun gegen Cybermobbing?";
  REQUIRE(cat->articles().put(a).ok());
  CHECK(ids(find(*cat, "Mobbing")) == std::vector<std::string>{"1"});
  CHECK(find(*cat, "Mobbing -cyber*").hits.empty());
}

TEST_CASE("Titles rank above bodies and newer above older", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article body = make_article("body");
  body.content_html = "<p>Grooming is explained here.</p>";
  Article title = make_article("title");
  title.title = "Grooming";
  Article old_title = make_article("old", 1795881845 - 300 * 86400);
  old_title.title = "Grooming";
  std::vector<Article> all = {body, title, old_title};
  for (int i = 0; i < 10; ++i) all.push_back(make_article("other" + std::to_string(i)));
  REQUIRE(cat->articles().put_many(all).ok());
  CHECK(ids(find(*cat, "grooming")) == std::vector<std::string>{"title", "old", "body"});
}

TEST_CASE("Filters combine with the query", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("a");
  a.title = "Helpline report";
  Article b = make_article("b");
  b.title = "Helpline news";
  b.section = "news";
  b.tags = {"sextortion"};
  REQUIRE(cat->articles().put_many({a, b}).ok());
  CHECK(ids(find(*cat, "helpline")).size() == 2);
  ArticleFilter section;
  section.section = "news";
  CHECK(ids(find(*cat, "helpline", "", section)) == std::vector<std::string>{"b"});
  ArticleFilter by_tag;
  by_tag.tag = "grooming";
  CHECK(ids(find(*cat, "helpline", "", by_tag)) == std::vector<std::string>{"a"});
  ArticleFilter origin;
  origin.origin = "elsewhere";
  CHECK(find(*cat, "helpline", "", origin).hits.empty());
}

TEST_CASE("Search pages with a cursor", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  std::vector<Article> many;
  for (int i = 0; i < 7; ++i) {
    many.push_back(make_article(std::to_string(i), 1795881845 - i * 86400));
    many.back().title = "Safer Internet Day";
  }
  REQUIRE(cat->articles().put_many(many).ok());
  SearchRequest r;
  r.query = parse_search_query("safer").value();
  r.limit = 3;
  std::vector<std::string> seen;
  for (int round = 0; round < 5; ++round) {
    auto page = cat->search().search(r).value();
    for (auto& id : ids(page)) seen.push_back(id);
    if (!page.next) break;
    r.after = page.next;
  }
  CHECK(seen == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6"});
}

TEST_CASE("Tombstones and replaced versions leave the index", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.title = "Old words";
  REQUIRE(cat->articles().put(a).ok());
  REQUIRE(cat->translations().put(a.id, english(a, "Translated words", "")).ok());
  a.title = "New text";
  REQUIRE(cat->articles().put(a).ok());
  CHECK(find(*cat, "old").hits.empty());
  CHECK(ids(find(*cat, "new")) == std::vector<std::string>{"1"});
  CHECK(ids(find(*cat, "translated")) == std::vector<std::string>{"1"});  // kept, outdated
  REQUIRE(cat->articles().tombstone({a.id, a.origin, from_unix(1795881900), ""}).ok());
  CHECK(find(*cat, "new").hits.empty());
  CHECK(find(*cat, "translated").hits.empty());
  CHECK(cat->search().check_index().ok());
}

TEST_CASE("Snippets mark matches and keep the text unescaped for the caller",
          "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.title = "<script>alert(1)</script> grooming";
  a.content_html = "<p>About &lt;b&gt; grooming\x02 in games</p>";
  REQUIRE(cat->articles().put(a).ok());
  auto page = find(*cat, "grooming");
  REQUIRE(page.hits.size() == 1);
  CHECK(text_of(page.hits[0].title) == "<script>alert(1)</script> [grooming]");
  CHECK(text_of(page.hits[0].snippet).find("[grooming]") != std::string::npos);
}

TEST_CASE("Opening a catalogue made before search builds its index", "[catalogue][search]") {
  CatalogueDir d;
  Article a = make_article("1");
  a.title = "Grooming";
  {
    auto cat = d.open();
    REQUIRE(cat->articles().put(a).ok());
    REQUIRE(cat->translations().put(a.id, english(a, "Advice", "<p>Body</p>")).ok());
  }
  auto run = [&](const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(d.file().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  };
  run("DELETE FROM search_docs");
  {
    auto cat = d.open();
    CHECK(find(*cat, "grooming").hits.empty());
    CHECK(cat->search().check_index().message() ==
          "catalogue: the search text misses or keeps 2 texts of the catalogue");
  }
  // As the search migration leaves a catalogue that has articles.
  run("INSERT INTO meta (key, value) VALUES ('search_backfill', '1')");
  auto cat = d.open();
  CHECK(ids(find(*cat, "grooming")) == std::vector<std::string>{"1"});
  CHECK(ids(find(*cat, "advice")) == std::vector<std::string>{"1"});
  CHECK(cat->search().check_index().ok());
}

TEST_CASE("A listing filtered by a query keeps its own order", "[catalogue][search]") {
  CatalogueDir d;
  auto cat = d.open();
  Article title = make_article("title", 1795881845 - 86400);
  title.title = "Grooming";
  Article body = make_article("body");
  body.content_html = "<p>About grooming</p>";
  Article compound = make_article("compound", 1795881845 - 2 * 86400);
  compound.title = "Antigrooming";
  Article other = make_article("other");
  REQUIRE(cat->articles().put_many({title, body, compound, other}).ok());
  ArticleQuery q;
  q.filter.text = parse_search_query("grooming").value();
  std::vector<std::string> listed;
  for (const auto& s : cat->articles().list(q).value()) listed.push_back(s.article.id.str());
  CHECK(listed == std::vector<std::string>{body.id.str(), title.id.str(), compound.id.str()});
  CHECK(cat->articles().count(q.filter).value() == 3);
  q.filter.text = parse_search_query("grooming -about").value();
  CHECK(cat->articles().count(q.filter).value() == 2);
}

TEST_CASE("A search cursor reads back as written and refuses anything else",
          "[catalogue][search]") {
  SearchCursor c{-3.0171853393740004, "tag:sic.example.pt,2026:a/1", 1795881845};
  auto back = parse_search_cursor(search_cursor_text(c));
  REQUIRE(back);
  CHECK(back->score == c.score);
  CHECK(back->now == c.now);
  CHECK(back->id == c.id);
  for (const char* bad : {"", "x|1|tag:a,2026:b", "1|x|tag:a,2026:b", "1|1|", "nan|1|tag:a,2026:b",
                          "1|1", "1e999|1|tag:a,2026:b"})
    CHECK_FALSE(parse_search_cursor(bad));
}
