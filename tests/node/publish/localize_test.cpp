#include "node/publish/localize.h"

#include <catch2/catch.hpp>

#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::publish;
using sic::test::lang;

namespace {

Article original() {
  Article a = test::simple_article("tag:sic.example.pt,2026:a/1", "Título", test::test_now(), "pt");
  return a;
}

Translation translation(const std::string& tag, TranslationKind kind, const std::string& source,
                        bool outdated = false) {
  return {lang(tag),
          "Title " + tag,
          "Summary " + tag,
          "<p>Body " + tag + "</p>",
          kind,
          kind == TranslationKind::kMachine ? "apertium" : "",
          source,
          test::test_now(),
          outdated};
}

}  // namespace

TEST_CASE("A language range takes its subtags but not its parent", "[publish][lang]") {
  CHECK(in_range(lang("pt"), lang("pt")));
  CHECK(in_range(lang("pt-BR"), lang("pt")));
  CHECK_FALSE(in_range(lang("pt"), lang("pt-BR")));
  CHECK_FALSE(in_range(lang("ptx"), lang("pt")));
  CHECK(in_range(lang("sr-Latn-RS"), lang("sr-Latn")));
  CHECK(in_range(lang("en"), LanguageTag()));
}

TEST_CASE("An article whose original is in the language is shown as it is", "[publish][lang]") {
  Article a = original();
  a.translations.push_back(translation("en", TranslationKind::kHuman, a.content_hash()));
  auto shown = in_language(a, lang("pt"));
  REQUIRE(shown);
  CHECK(shown->title == "Título");
  CHECK_FALSE(shown->shown_translation);
  CHECK(shown->translations.empty());
}

TEST_CASE("A translation is shown with a note naming the original language", "[publish][lang]") {
  Article a = original();
  std::string hash = a.content_hash();
  a.translations.push_back(translation("en", TranslationKind::kMachine, hash));
  auto shown = in_language(a, lang("en"));
  REQUIRE(shown);
  CHECK(shown->lang.str() == "en");
  CHECK(shown->title == "Title en");
  CHECK(shown->summary == "Summary en");
  CHECK(shown->content_html == "<p>Body en</p>");
  REQUIRE(shown->shown_translation);
  CHECK(shown->shown_translation->original_lang.str() == "pt");
  CHECK(shown->shown_translation->kind == TranslationKind::kMachine);
  CHECK(shown->shown_translation->engine == "apertium");
  CHECK_FALSE(shown->shown_translation->outdated);
  CHECK(shown->id == a.id);
  CHECK(shown->updated == a.updated);
  CHECK_FALSE(in_language(a, lang("de")));
}

TEST_CASE("Human translations are preferred to machine ones, exact languages to ranges",
          "[publish][lang]") {
  Article a = original();
  std::string hash = a.content_hash();
  a.translations = {translation("en", TranslationKind::kMachine, hash),
                    translation("en-GB", TranslationKind::kHuman, hash)};
  CHECK(best_translation(a, lang("en"))->lang.str() == "en");  // exact first
  a.translations = {translation("en-GB", TranslationKind::kMachine, hash),
                    translation("en-IE", TranslationKind::kHuman, hash)};
  CHECK(best_translation(a, lang("en"))->lang.str() == "en-IE");  // human first
  a.translations = {translation("en-GB", TranslationKind::kHuman, "old", true),
                    translation("en-IE", TranslationKind::kHuman, hash)};
  CHECK(best_translation(a, lang("en"))->lang.str() == "en-IE");  // up to date first
  auto shown = in_language(a, lang("en-GB"));
  REQUIRE(shown);
  CHECK(shown->shown_translation->outdated);  // a stale one is marked as such
  CHECK(best_translation(a, lang("fr")) == nullptr);
}
