#include "node/catalogue/catalogue.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "node/catalogue/articles.h"
#include "node/catalogue/migrations.h"
#include "node/catalogue/translations.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

TEST_CASE("A new catalogue gets every migration and keeps them on reopening", "[catalogue]") {
  CatalogueDir d;
  {
    auto cat = d.open();
    CHECK(cat->schema_version() == int(catalogue::migrations().size()));
    CHECK(cat->version().value() == 0);
  }
  auto again = Catalogue::open(d.file(), d.clock);
  REQUIRE(again.ok());
  CHECK((*again)->schema_version() == int(catalogue::migrations().size()));
}

TEST_CASE("A file that is not a catalogue is refused with its name", "[catalogue]") {
  CatalogueDir d;
  std::ofstream(d.file()) << "this is not a database, just some text that is long enough....";
  auto cat = Catalogue::open(d.file(), d.clock);
  REQUIRE_FALSE(cat.ok());
  CHECK(cat.error().message == "catalogue: " + d.file() + " is not a SQLite catalogue");
}

TEST_CASE("A catalogue from a newer sicnode is refused", "[catalogue]") {
  CatalogueDir d;
  {
    auto cat = d.open();
    REQUIRE(cat->transaction([] { return Status::Ok(); }).ok());
  }
  {
    std::string cmd = "sqlite3 '" + d.file() + "' 'PRAGMA user_version = 999'";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  auto cat = Catalogue::open(d.file(), d.clock);
  REQUIRE_FALSE(cat.ok());
  CHECK(cat.error().message.find("newer") != std::string::npos);
}

TEST_CASE("An article is stored and read back with authors, tags and enclosures", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.enclosures = {{"https://sic.example.pt/a.pdf", "application/pdf", 1234, "Guia"}};
  REQUIRE(cat->articles().put(a).ok());
  auto found = cat->articles().find(a.id).value();
  REQUIRE(found.has_value());
  CHECK(found->article == a);
  CHECK(found->content_hash == a.content_hash());
  CHECK_FALSE(found->deleted.has_value());
  CHECK_FALSE(cat->articles().find(Iri::parse("tag:x,2026:none").value()).value().has_value());
}

TEST_CASE("An article's image is stored by put and put_many and read back", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1"), b = make_article("2"), c = make_article("3");
  a.image = {"https://sic.example.pt/a.jpg", "Uma família"};
  b.image = {"https://sic.example.pt/b.jpg", ""};
  REQUIRE(cat->articles().put(a).ok());
  REQUIRE(cat->articles().put_many({b, c}).ok());
  for (const Article* x : {&a, &b, &c}) {
    auto found = cat->articles().find(x->id).value();
    REQUIRE(found.has_value());
    CHECK(found->article.image == x->image);
    CHECK(found->content_hash == x->content_hash());
  }
  auto listed = cat->articles().list({}).value();
  REQUIRE(listed.size() == 3);
  for (const auto& l : listed)
    if (l.article.id == a.id) CHECK(l.article.image == a.image);
  a.image = {};  // a new version without its image clears it
  REQUIRE(cat->articles().put(a).ok());
  CHECK(cat->articles().find(a.id).value()->article.image == Image{});
}

TEST_CASE("Replacing an article replaces its tags instead of adding to them", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  REQUIRE(cat->articles().put(a).ok());
  a.tags = {"sextortion"};
  a.title = "Novo título";
  REQUIRE(cat->articles().put(a).ok());
  auto found = cat->articles().find(a.id).value();
  CHECK(found->article.tags == std::vector<std::string>{"sextortion"});
  CHECK(found->article.title == "Novo título");
}

TEST_CASE("Every committed write bumps the change counter once", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->articles().put(make_article("1")).ok());
  CHECK(cat->version().value() == 1);
  Status st = cat->transaction([&]() -> Status {
    if (Status s = cat->articles().put(make_article("2")); !s.ok()) return s;
    return cat->articles().put(make_article("3"));
  });
  REQUIRE(st.ok());
  CHECK(cat->version().value() == 2);
  CHECK(cat->articles().find(make_article("3").id).value()->seq == 2);
  REQUIRE(cat->transaction([] { return Status::Ok(); }).ok());
  CHECK(cat->version().value() == 2);  // nothing written, nothing bumped
}

TEST_CASE("A failed transaction leaves nothing behind", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Status st = cat->transaction([&]() -> Status {
    REQUIRE(cat->articles().put(make_article("1")).ok());
    return Error{"test: stop here"};
  });
  CHECK(st.message() == "test: stop here");
  CHECK_FALSE(cat->articles().find(make_article("1").id).value().has_value());
  CHECK(cat->version().value() == 0);
  CHECK_THROWS(cat->transaction([&]() -> Status {
    REQUIRE(cat->articles().put(make_article("2")).ok());
    throw std::runtime_error("bug");
  }));
  CHECK_FALSE(cat->articles().find(make_article("2").id).value().has_value());
}

TEST_CASE("A tombstone drops the content and keeps the id and origin", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  a.image = {"https://sic.example.pt/a.jpg", "Uma família"};
  REQUIRE(cat->articles().put(a).ok());
  Translation t;
  t.lang = LanguageTag::parse("en").value();
  t.title = "Article";
  REQUIRE(cat->translations().put(a.id, t).ok());
  REQUIRE(cat->articles().tombstone({a.id, "sic-pt", from_unix(1795900000), ""}).ok());
  auto found = cat->articles().find(a.id).value();
  REQUIRE(found.has_value());
  CHECK(found->deleted == from_unix(1795900000));
  CHECK(found->article.title.empty());
  CHECK(found->article.tags.empty());
  CHECK(found->article.image == Image{});
  CHECK(found->article.translations.empty());
  CHECK(found->article.origin == "sic-pt");
  auto tombstones = cat->articles().tombstones(from_unix(1795800000)).value();
  REQUIRE(tombstones.size() == 1);
  CHECK(tombstones[0].id == a.id);
  CHECK(cat->articles().count({}).value() == 0);
  CHECK_FALSE(cat->translations().put(a.id, t).ok());  // no translating a tombstone
}

TEST_CASE("A tombstone can arrive before the article it deletes", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Iri id = make_article("9").id;
  REQUIRE(cat->articles().tombstone({id, "sic-pt", from_unix(1795900000), "hub"}).ok());
  auto found = cat->articles().find(id).value();
  REQUIRE(found.has_value());
  CHECK(found->deleted.has_value());
  CHECK(found->article.via == "hub");
}

TEST_CASE("Listing filters by language, tag, section and origin, newest first", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  for (int i = 0; i < 10; ++i) {
    Article a = make_article(std::to_string(i), 1795881845 + i * 60);
    if (i % 2) a.lang = LanguageTag::parse("en").value();
    if (i % 3 == 0) a.tags = {"sextortion"};
    if (i == 4) a.origin = "bik";
    REQUIRE(cat->articles().put(a).ok());
  }
  auto titles = [&](ArticleQuery q) {
    std::vector<std::string> out;
    auto rows = cat->articles().list(q);  // kept alive for the loop
    REQUIRE(rows.ok());
    for (const auto& s : *rows) out.push_back(s.article.title);
    return out;
  };
  ArticleQuery q;
  CHECK(titles(q).front() == "Artigo 9");
  q.filter.lang = LanguageTag::parse("en").value();
  CHECK(titles(q) ==
        std::vector<std::string>{"Artigo 9", "Artigo 7", "Artigo 5", "Artigo 3", "Artigo 1"});
  q.filter.tag = "sextortion";
  CHECK(titles(q) == std::vector<std::string>{"Artigo 9", "Artigo 3"});
  ArticleQuery by_origin;
  by_origin.filter.origin = "bik";
  CHECK(titles(by_origin) == std::vector<std::string>{"Artigo 4"});
  ArticleQuery by_section;
  by_section.filter.section = "hotlines";
  CHECK(titles(by_section).empty());
  CHECK(cat->articles().count(q.filter).value() == 2);
}

TEST_CASE("Keyset paging visits every article once", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  for (int i = 0; i < 25; ++i)  // some share a timestamp, so the id breaks ties
    REQUIRE(cat->articles().put(make_article(std::to_string(i), 1795881845 + i / 3)).ok());
  ArticleQuery q;
  q.limit = 7;
  std::set<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    auto rows = cat->articles().list(q).value();
    for (const auto& r : rows) CHECK(seen.insert(r.article.id.str()).second);
    if (rows.size() < q.limit) break;
    q.before = ArticleCursor{rows.back().article.updated, rows.back().article.id.str()};
  }
  CHECK(seen.size() == 25);
}

TEST_CASE("Counts by origin and language leave tombstones out", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->articles().put(make_article("1")).ok());
  REQUIRE(cat->articles().put(make_article("2")).ok());
  REQUIRE(cat->articles().tombstone({make_article("2").id, "sic-pt", from_unix(1), ""}).ok());
  auto counts = cat->articles().counts().value();
  REQUIRE(counts.size() == 1);
  CHECK(counts[0].origin == "sic-pt");
  CHECK(counts[0].lang == "pt");
  CHECK(counts[0].articles == 1);
}

TEST_CASE("A connection sees what another connection committed after its last read",
          "[catalogue]") {
  CatalogueDir d;
  auto reader = d.open();
  auto writer = d.open();
  CHECK(reader->version().value() == 0);
  CHECK_FALSE(reader->articles().find(make_article("1").id).value().has_value());
  REQUIRE(writer->articles().put(make_article("1")).ok());
  CHECK(reader->version().value() == 1);
  CHECK(reader->articles().find(make_article("1").id).value().has_value());
}

TEST_CASE("An article's head tells origin, updated, hash and deletion without its content",
          "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  CHECK_FALSE(cat->articles().head(a.id).value().has_value());
  REQUIRE(cat->articles().put(a).ok());
  auto head = cat->articles().head(a.id).value();
  REQUIRE(head.has_value());
  CHECK(head->origin == "sic-pt");
  CHECK(head->updated == a.updated);
  CHECK(head->content_hash == a.content_hash());
  CHECK_FALSE(head->deleted.has_value());
  REQUIRE(cat->articles().tombstone({a.id, "sic-pt", from_unix(1795900000), ""}).ok());
  CHECK(cat->articles().head(a.id).value()->deleted == from_unix(1795900000));
}
