#include "node/catalogue/translations.h"

#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "tests/node/catalogue/catalogue_test_util.h"

using namespace sic;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

TEST_CASE("Translations are stored per language and read with the article", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = make_article("1");
  REQUIRE(cat->articles().put(a).ok());
  Translation en{LanguageTag::parse("en").value(),
                 "Article",
                 "Summary",
                 "<p>Body</p>",
                 TranslationKind::kMachine,
                 "apertium:pt>es>en",
                 a.content_hash(),
                 from_unix(1795881900),
                 false};
  REQUIRE(cat->translations().put(a.id, en).ok());
  en.kind = TranslationKind::kHuman;
  en.engine = "";
  REQUIRE(cat->translations().put(a.id, en).ok());  // replaces
  auto found = cat->articles().find(a.id).value();
  REQUIRE(found->article.translations.size() == 1);
  CHECK(found->article.translations[0] == en);
  CHECK(cat->translations().find(a.id, en.lang).value() == en);
  REQUIRE(cat->translations().remove(a.id, en.lang).ok());
  CHECK(cat->translations().list(a.id).value().empty());
}

TEST_CASE("The translation memory recalls by hash, languages and engine", "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  auto es = LanguageTag::parse("es").value(), en = LanguageTag::parse("en").value();
  REQUIRE(cat->translations().remember("h1", es, en, "apertium", "Hello").ok());
  CHECK(cat->translations().recall("h1", es, en, "apertium").value() ==
        std::optional<std::string>("Hello"));
  CHECK_FALSE(cat->translations().recall("h1", en, es, "apertium").value().has_value());
  CHECK_FALSE(cat->translations().recall("h1", es, en, "deepl").value().has_value());
}
