#include "node/catalogue/translations.h"

#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "tests/support/catalogue_dir.h"

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

namespace {

LanguageTag tag(const char* text) { return LanguageTag::parse(text).value(); }

constexpr auto kHumanKind = TranslationKind::kHuman;
constexpr auto kMachineKind = TranslationKind::kMachine;

Translation translation_of(const Article& a, const char* lang, TranslationKind kind,
                           std::string source_hash = "") {
  Translation t;
  t.lang = tag(lang);
  t.title = "Title";
  t.kind = kind;
  t.engine = kind == TranslationKind::kMachine ? "apertium" : "";
  t.source_hash = source_hash.empty() ? a.content_hash() : source_hash;
  return t;
}

Article article_in(const std::string& suffix, const char* lang, std::int64_t updated) {
  Article a = make_article(suffix, updated);
  a.lang = tag(lang);
  return a;
}

std::vector<std::string> ids_of(const std::vector<PendingTranslation>& pending) {
  std::vector<std::string> ids;
  for (const auto& p : pending) ids.push_back(p.article.str());
  return ids;
}

}  // namespace

TEST_CASE(
    "The backlog into a language holds live articles in any other language without a "
    "current translation",
    "[catalogue][backlog]") {
  CatalogueDir d;
  auto cat = d.open();
  auto& store = cat->translations();
  const std::string base = "tag:sic.example.pt,2026:a/";
  for (auto [suffix, lang] : std::vector<std::pair<const char*, const char*>>{{"es", "es"},
                                                                              {"pt", "pt"},
                                                                              {"pt-br", "pt-BR"},
                                                                              {"en", "en"},
                                                                              {"en-gb", "en-GB"},
                                                                              {"human", "es"},
                                                                              {"fresh", "es"},
                                                                              {"stale", "es"},
                                                                              {"peer", "es"},
                                                                              {"gone", "es"}})
    REQUIRE(cat->articles().put(article_in(suffix, lang, 1795881000)).ok());
  auto stored = [&](const char* suffix) {
    return cat->articles().find(Iri::parse(base + suffix).value()).value()->article;
  };
  REQUIRE(
      store.put(stored("human").id, translation_of(stored("human"), "en", kHumanKind, "old")).ok());
  REQUIRE(store.put(stored("fresh").id, translation_of(stored("fresh"), "en", kMachineKind)).ok());
  REQUIRE(store.put(stored("stale").id, translation_of(stored("stale"), "en", kMachineKind, "old"))
              .ok());
  REQUIRE(store.put(stored("peer").id, translation_of(stored("peer"), "en", kMachineKind), "sic-x")
              .ok());
  REQUIRE(cat->articles().tombstone({stored("gone").id, "sic-pt", from_unix(1795882000), ""}).ok());

  auto pending = store.pending(tag("en"));
  REQUIRE(pending.ok());
  // Sorted newest first, then by id descending (all share one date here). The English
  // articles (en, en-GB) are not pending into English; the Portuguese ones are, whether
  // or not the node also publishes in Portuguese.
  CHECK(ids_of(*pending) == std::vector<std::string>{base + "stale", base + "pt-br", base + "pt",
                                                     base + "peer", base + "es"});
  for (const auto& p : *pending) {
    INFO(p.article.str());
    std::string suffix = p.article.str().substr(base.size());
    CHECK(p.source_lang == tag(suffix == "pt" ? "pt" : suffix == "pt-br" ? "pt-BR" : "es"));
    CHECK(p.content_hash == stored(p.article.str().substr(base.size()).c_str()).content_hash());
    CHECK(p.stale == (p.article.str() == base + "stale"));
    CHECK(p.from_peer == (p.article.str() == base + "peer"));
    CHECK(p.failures == 0);
    CHECK_FALSE(p.next_attempt);
  }
  // Into Portuguese, the Portuguese articles (pt, pt-BR) are left out, the English ones
  // are not: an article in one of the node's languages is translated into the others.
  auto into_pt = store.pending(tag("pt-PT"));
  REQUIRE(into_pt.ok());
  CHECK(into_pt->size() == 7);  // five Spanish and two English: none has a pt-PT translation
}

TEST_CASE("Failed attempts are counted per version and cleared after a success",
          "[catalogue][backlog]") {
  CatalogueDir d;
  auto cat = d.open();
  auto& store = cat->translations();
  Article a = article_in("1", "es", 1795881000);
  REQUIRE(cat->articles().put(a).ok());
  const std::int64_t version = cat->version().value();
  TimePoint later = from_unix(1795890000);

  CHECK(store.record_failure(a.id, tag("en"), a.content_hash(), "apy: HTTP 503", later).value() ==
        1);
  CHECK(store.record_failure(a.id, tag("en"), a.content_hash(), "apy: HTTP 500", later).value() ==
        2);
  CHECK(cat->version().value() == version);  // bookkeeping, not content
  auto pending = store.pending(tag("en")).value();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].failures == 2);
  CHECK(pending[0].next_attempt == later);
  auto failures = store.failures().value();
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].last_error == "apy: HTTP 500");
  CHECK(failures[0].failures == 2);

  // A new version of the article starts afresh.
  a.title = "Otro título";
  a.updated += std::chrono::hours(1);
  REQUIRE(cat->articles().put(a).ok());
  pending = store.pending(tag("en")).value();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].failures == 0);
  CHECK_FALSE(pending[0].next_attempt);
  CHECK(store.failures().value().empty());
  CHECK(store.record_failure(a.id, tag("en"), a.content_hash(), "timeout", later).value() == 1);

  REQUIRE(store.clear_failures(a.id, tag("en")).ok());
  CHECK(store.failures().value().empty());
  CHECK(store.pending(tag("en")).value().at(0).failures == 0);
}

TEST_CASE("A translation made from another version of its article is marked outdated",
          "[catalogue]") {
  CatalogueDir d;
  auto cat = d.open();
  Article a = article_in("1", "es", 1795881000);
  REQUIRE(cat->articles().put(a).ok());
  Translation human = translation_of(a, "en", kHumanKind);
  human.outdated = true;  // not taken as given
  REQUIRE(cat->translations().put(a.id, human).ok());
  CHECK_FALSE(cat->translations().find(a.id, tag("en")).value()->outdated);
  REQUIRE(cat->translations().put(a.id, translation_of(a, "fr", kMachineKind, "older")).ok());
  CHECK(cat->translations().find(a.id, tag("fr")).value()->outdated);

  Article edited = a;
  edited.summary = "Un resumen nuevo";
  edited.updated += std::chrono::hours(1);
  REQUIRE(cat->articles().put(edited).ok());
  auto kept = cat->translations().find(a.id, tag("en")).value();
  REQUIRE(kept);
  CHECK(kept->kind == kHumanKind);
  CHECK(kept->title == "Title");
  CHECK(kept->outdated);

  REQUIRE(cat->articles().put(a).ok());  // back to the version it was made from
  CHECK_FALSE(cat->translations().find(a.id, tag("en")).value()->outdated);
}

TEST_CASE("The machine routes are recorded without changing the catalogue's version",
          "[catalogue][backlog]") {
  CatalogueDir d;
  auto cat = d.open();
  CHECK(cat->translations().machine_routes().value().empty());
  const std::int64_t version = cat->version().value();
  MachineRoutes routes = {{"es", "en"}, {"pt", "en-GB"}};
  REQUIRE(cat->translations().set_machine_routes(routes).ok());
  CHECK(cat->translations().machine_routes().value() == routes);
  CHECK(d.open()->translations().machine_routes().value() == routes);  // another connection
  REQUIRE(cat->translations().set_machine_routes({}).ok());
  CHECK(cat->translations().machine_routes().value().empty());
  CHECK(cat->version().value() == version);
}
