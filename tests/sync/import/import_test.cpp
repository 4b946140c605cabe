// Import of a centre's CMS feed as the node's own articles, into a real catalogue.
#include "sync/import/import.h"

#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using namespace sic::sync;
using sic::testing::CatalogueDir;

namespace {

std::string rss(const std::string& title_2, const std::string& extra_item = "") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Centro Internet Segura</title>
  <link>https://cms.example.pt/</link>
  <language>pt-PT</language>
  <item>
    <title>Dia da Internet Mais Segura</title>
    <guid isPermaLink="false">post-101</guid>
    <description>&lt;p&gt;Escolas convidadas.&lt;/p&gt;</description>
    <pubDate>Tue, 06 Oct 2026 09:00:00 +0000</pubDate>
  </item>
  <item>
    <title>)" +
         title_2 +
         R"(</title>
    <link>https://cms.example.pt/noticias/linha-de-apoio</link>
    <description>Linha de apoio.</description>
    <pubDate>Wed, 07 Oct 2026 09:00:00 +0000</pubDate>
  </item>)" +
         extra_item + R"(
</channel></rss>)";
}

Feed parsed(const std::string& text) {
  auto feed = parse_feed(text, {.base_url = "https://cms.example.pt/feed"});
  REQUIRE(feed.ok());
  return *feed;
}

const ImportOptions kOptions{"sic-pt", LanguageTag::parse("pt").value()};

std::vector<StoredArticle> all(Catalogue& cat) {
  ArticleQuery q;
  q.filter.include_deleted = true;
  return cat.articles().list(q).value();
}

}  // namespace

TEST_CASE("Imported entries become the node's own articles with the feed's language",
          "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  auto stats = import_feed(*cat, parsed(rss("Linha de apoio")), kOptions);
  REQUIRE(stats.ok());
  CHECK(stats->added == 2);
  auto articles = all(*cat);
  REQUIRE(articles.size() == 2);
  for (const auto& s : articles) {
    CHECK(s.article.origin == "sic-pt");
    CHECK(s.article.via.empty());
    CHECK(s.article.lang.str() == "pt-PT");
  }
  CHECK(articles[0].article.id.str() == "https://cms.example.pt/noticias/linha-de-apoio");
  CHECK(articles[1].article.id.str().rfind("urn:sicnode:guid:", 0) == 0);
}

TEST_CASE("Importing the same feed again finds the same articles and changes nothing",
          "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  REQUIRE(import_feed(*cat, parsed(rss("Linha de apoio")), kOptions).ok());
  auto before = all(*cat);
  auto version = cat->version().value();
  auto again = import_feed(*cat, parsed(rss("Linha de apoio")), kOptions);
  REQUIRE(again.ok());
  CHECK(again->unchanged == 2);
  CHECK(again->changed() == 0);
  CHECK(cat->version().value() == version);
  auto after = all(*cat);
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].article.id == before[i].article.id);
}

TEST_CASE("A changed entry is a new version, later than the stored one", "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  REQUIRE(import_feed(*cat, parsed(rss("Linha de apoio")), kOptions).ok());
  auto id = Iri::parse("https://cms.example.pt/noticias/linha-de-apoio").value();
  auto before = (*cat->articles().find(id))->article;
  auto stats = import_feed(*cat, parsed(rss("Linha de apoio: novo horário")), kOptions);
  REQUIRE(stats.ok());
  CHECK(stats->updated == 1);
  CHECK(stats->unchanged == 1);
  auto after = (*cat->articles().find(id))->article;
  CHECK(after.title == "Linha de apoio: novo horário");
  CHECK(after.updated > before.updated);
}

TEST_CASE("An entry whose id belongs to another origin is refused", "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article foreign = sic::testing::make_article("x");
  foreign.id = Iri::parse("https://cms.example.pt/noticias/linha-de-apoio").value();
  foreign.origin = "sic-es";
  REQUIRE(cat->articles().put(foreign).ok());
  auto stats = import_feed(*cat, parsed(rss("Linha de apoio")), kOptions);
  REQUIRE(stats.ok());
  CHECK(stats->refused == 1);
  REQUIRE(stats->notes.size() == 1);
  CHECK(stats->notes[0] == foreign.id.str() + ": belongs to sic-es, not imported");
  CHECK((*cat->articles().find(foreign.id))->article.origin == "sic-es");
}

TEST_CASE("An article deleted on the node is not brought back by a re-import", "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  REQUIRE(import_feed(*cat, parsed(rss("Linha de apoio")), kOptions).ok());
  auto id = Iri::parse("https://cms.example.pt/noticias/linha-de-apoio").value();
  auto stored = (*cat->articles().find(id))->article;
  REQUIRE(
      cat->articles().tombstone({id, "sic-pt", stored.updated + std::chrono::seconds(1), ""}).ok());
  auto stats = import_feed(*cat, parsed(rss("Linha de apoio")), kOptions);
  REQUIRE(stats.ok());
  CHECK(stats->added == 0);
  CHECK((*cat->articles().find(id))->deleted.has_value());
}

TEST_CASE("An entry without a language takes the source's", "[sync][import]") {
  CatalogueDir dir;
  auto cat = dir.open();
  std::string text = rss("Linha de apoio");
  text.replace(text.find("<language>pt-PT</language>"), 26, "");
  REQUIRE(import_feed(*cat, parsed(text), kOptions).ok());
  for (const auto& s : all(*cat)) CHECK(s.article.lang.str() == "pt");
}
