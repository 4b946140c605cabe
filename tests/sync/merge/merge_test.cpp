// The merge rule and the batch merge into a real SQLite catalogue.
#include "sync/merge/merge.h"

#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "node/catalogue/translations.h"
#include "tests/support/catalogue_dir.h"
#include "tests/sync/trust_support.h"

using namespace sic;
using namespace sic::sync;
using sic::test::signed_merge;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

namespace {

constexpr std::int64_t kT = 1795881845;

ArticleHead live(std::int64_t updated, std::string hash, std::string origin = "sic-pt") {
  return {std::move(origin), from_unix(updated), std::move(hash), std::nullopt};
}

ArticleHead deleted(std::int64_t when, std::string origin = "sic-pt") {
  return {std::move(origin), from_unix(when - 100), "old", from_unix(when)};
}

Change version(std::int64_t updated, std::string hash, std::string origin = "sic-pt") {
  return {std::move(origin), from_unix(updated), std::move(hash), false};
}

Change deletion(std::int64_t when, std::string origin = "sic-pt") {
  return {std::move(origin), from_unix(when), "", true};
}

// A human English translation of the article's current version.
Translation human_english(const Article& a) {
  Translation en{LanguageTag::parse("en").value(), "Article 1", "Summary", "<p>Body</p>",
                 TranslationKind::kHuman};
  en.source_hash = a.content_hash();
  return en;
}

Tombstone tombstone_of(const Article& a, std::int64_t when) {
  return {a.id, a.origin, from_unix(when), ""};
}

}  // namespace

TEST_CASE("An unknown id is new, as a version or as a tombstone", "[sync][merge]") {
  CHECK(judge(std::nullopt, version(kT, "a"), "sic-hub") == Verdict::kNew);
  CHECK(judge(std::nullopt, deletion(kT), "sic-hub") == Verdict::kDelete);
}

TEST_CASE("A newer version wins, an older one loses, the same one is unchanged", "[sync][merge]") {
  CHECK(judge(live(kT, "b"), version(kT + 1, "a"), "") == Verdict::kUpdate);
  CHECK(judge(live(kT, "b"), version(kT - 1, "z"), "") == Verdict::kOlder);
  CHECK(judge(live(kT, "b"), version(kT, "b"), "") == Verdict::kUnchanged);
}

TEST_CASE("Two versions with the same updated are ordered by content hash", "[sync][merge]") {
  CHECK(judge(live(kT, "b"), version(kT, "c"), "") == Verdict::kUpdate);
  CHECK(judge(live(kT, "c"), version(kT, "b"), "") == Verdict::kOlder);
}

TEST_CASE("A tombstone wins over every version updated at or before it", "[sync][merge]") {
  CHECK(judge(live(kT, "b"), deletion(kT), "") == Verdict::kDelete);
  CHECK(judge(live(kT, "b"), deletion(kT + 5), "") == Verdict::kDelete);
  CHECK(judge(live(kT, "b"), deletion(kT - 1), "") == Verdict::kOlder);
}

TEST_CASE("Only a version strictly newer than the tombstone revives the article", "[sync][merge]") {
  CHECK(judge(deleted(kT), version(kT, "zzzz"), "") == Verdict::kOlder);
  CHECK(judge(deleted(kT), version(kT - 10, "a"), "") == Verdict::kOlder);
  CHECK(judge(deleted(kT), version(kT + 1, "a"), "") == Verdict::kRevive);
}

TEST_CASE("A later tombstone moves the deletion time; an equal one is unchanged", "[sync][merge]") {
  CHECK(judge(deleted(kT), deletion(kT + 1), "") == Verdict::kDelete);
  CHECK(judge(deleted(kT), deletion(kT), "") == Verdict::kUnchanged);
  CHECK(judge(deleted(kT), deletion(kT - 1), "") == Verdict::kOlder);
}

TEST_CASE("A change claiming another origin than the stored article's is refused",
          "[sync][merge]") {
  CHECK(judge(live(kT, "a", "sic-pt"), version(kT + 1, "b", "sic-es"), "") ==
        Verdict::kOriginMismatch);
  CHECK(judge(live(kT, "a", "sic-pt"), deletion(kT + 1, "sic-es"), "") == Verdict::kOriginMismatch);
  CHECK(judge(deleted(kT, "sic-pt"), version(kT + 1, "b", "sic-es"), "") ==
        Verdict::kOriginMismatch);
}

TEST_CASE("A change to the node's own article is refused, an echo of it is not", "[sync][merge]") {
  CHECK(judge(live(kT, "a", "sic-hub"), version(kT + 1, "b", "sic-hub"), "sic-hub") ==
        Verdict::kOwnArticle);
  CHECK(judge(live(kT, "a", "sic-hub"), deletion(kT + 1, "sic-hub"), "sic-hub") ==
        Verdict::kOwnArticle);
  CHECK(judge(std::nullopt, version(kT, "b", "sic-hub"), "sic-hub") == Verdict::kOwnArticle);
  CHECK(judge(live(kT, "a", "sic-hub"), version(kT, "a", "sic-hub"), "sic-hub") ==
        Verdict::kUnchanged);
  CHECK(judge(live(kT, "a", "sic-hub"), version(kT, "b", "sic-hub"), "sic-hub") ==
        Verdict::kUnchanged);  // the same version as a peer renders it
  CHECK(judge(deleted(kT, "sic-hub"), version(kT + 1, "b", "sic-hub"), "sic-hub") ==
        Verdict::kOwnArticle);
  CHECK(judge(live(kT, "a", "sic-hub"), version(kT - 1, "a", "sic-hub"), "sic-hub") ==
        Verdict::kOlder);
  CHECK(judge(live(kT, "a", "sic-hub"), version(kT + 1, "b", "sic-hub"), "") == Verdict::kUpdate);
}

TEST_CASE("A batch is stored with the peer as via, and counted", "[sync][merge]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1"), b = make_article("2");
  b.via = "somewhere-else";
  auto stats = signed_merge(*cat, {a, b}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->added == 2);
  auto stored = cat->articles().find(b.id);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->article.via == "sic-es");
  CHECK((*stored)->article.title == b.title);
  CHECK((*stored)->content_hash == b.content_hash());

  Article newer = make_article("1", kT + 60);
  newer.title = "Edited";
  stats = signed_merge(*cat, {a, newer, make_article("2", kT - 60)}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->updated == 1);
  CHECK(stats->unchanged == 2);
  CHECK((*cat->articles().find(a.id))->article.title == "Edited");
}

TEST_CASE("Tombstones delete, and an older copy arriving later cannot resurrect", "[sync][merge]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1");
  REQUIRE(signed_merge(*cat, {a}, {}, {"sic-hub", "sic-es"}).ok());
  auto stats = signed_merge(*cat, {}, {tombstone_of(a, kT + 10)}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->deleted == 1);
  stats = signed_merge(*cat, {a}, {}, {"sic-hub", "sic-fr"});
  REQUIRE(stats.ok());
  CHECK(stats->unchanged == 1);
  auto stored = cat->articles().find(a.id);
  CHECK((*stored)->deleted == from_unix(kT + 10));

  Article unseen = make_article("9");
  REQUIRE(signed_merge(*cat, {}, {tombstone_of(unseen, kT)}, {"sic-hub", "sic-es"}).ok());
  REQUIRE(signed_merge(*cat, {unseen}, {}, {"sic-hub", "sic-fr"}).ok());
  CHECK((*cat->articles().find(unseen.id))->deleted.has_value());
}

TEST_CASE("Refusals change nothing and say why", "[sync][merge]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1");
  REQUIRE(signed_merge(*cat, {a}, {}, {"sic-hub", "sic-pt"}).ok());
  Article forged = make_article("1", kT + 100);
  forged.origin = "sic-es";
  forged.title = "Forged";
  Article own = make_article("2");
  own.origin = "sic-hub";
  Article no_origin = make_article("3");
  no_origin.origin = "";
  Article translated_view = make_article("4");
  translated_view.shown_translation = TranslationNote{LanguageTag::parse("pt").value()};
  auto stats = signed_merge(*cat, {forged, own, no_origin, translated_view},
                            {{a.id, "sic-es", from_unix(kT + 200), ""}}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->refused == 5);
  CHECK(stats->changed() == 0);
  REQUIRE(stats->notes.size() == 5);
  CHECK(stats->notes[0] == a.id.str() + ": origin mismatch: stored sic-pt, received sic-es");
  CHECK(stats->notes[1] == own.id.str() + ": a change to this node's own article");
  // Without an origin the entry would be the peer's own, but sic-es signs its entries.
  CHECK(stats->notes[2] == no_origin.id.str() +
                               ": sic-es signs its entries; an unsigned one is "
                               "not sic-es's");
  CHECK((*cat->articles().find(a.id))->article.title == a.title);
  CHECK(!(*cat->articles().find(a.id))->deleted);
  CHECK(!cat->articles().find(own.id)->has_value());
}

TEST_CASE("A batch that fails leaves nothing of it in the catalogue", "[sync][merge]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1");
  Status st = cat->transaction([&]() -> Status {
    auto stats = signed_merge(*cat, {a, make_article("2")}, {}, {"sic-hub", "sic-es"});
    REQUIRE(stats.ok());
    return Error{"the round failed"};
  });
  CHECK(!st.ok());
  CHECK(!cat->articles().find(a.id)->has_value());
}

TEST_CASE("Translations arriving with an article are stored with the peer as via",
          "[sync][merge][translations]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1");
  Translation en = human_english(a);
  Translation same_lang{a.lang, "x", "", "", TranslationKind::kMachine};
  a.translations = {en, same_lang};
  auto stats = signed_merge(*cat, {a}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->translations == 1);
  auto stored = cat->translations().list(a.id);
  REQUIRE(stored->size() == 1);
  CHECK(stored->front().title == "Article 1");
  CHECK(stored->front().kind == TranslationKind::kHuman);
}

TEST_CASE("A translation's link (the sender's page) is not stored and changes nothing",
          "[sync][merge][translations]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = make_article("1");
  Translation en = human_english(a);
  en.link = "https://sic-es.example/articles/1?lang=en";
  a.translations = {en};
  auto stats = signed_merge(*cat, {a}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->translations == 1);
  auto stored = cat->translations().list(a.id).value();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].link.empty());
  // The same translation again, from a peer with another page for it: nothing to keep.
  a.translations[0].link = "https://sic-hub.example/articles/1?lang=en";
  stats = signed_merge(*cat, {a}, {}, {"sic-hub", "sic-fr"});
  REQUIRE(stats.ok());
  CHECK(stats->translations == 0);
  CHECK(cat->translations().list(a.id).value()[0].link.empty());
}

TEST_CASE("A change dated more than a day ahead of the clock is refused until it is not",
          "[sync][merge]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article future = make_article("1", kT + 2 * 86400);
  auto stats =
      signed_merge(*cat, {future}, {{make_article("2").id, "sic-pt", from_unix(kT + 90000), ""}},
                   {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->refused == 2);
  REQUIRE(stats->notes.size() == 2);
  CHECK(stats->notes[0] == future.id.str() + ": updated " + format_rfc3339(future.updated) +
                               ", more than 86400 s ahead of this node's clock");
  CHECK(!cat->articles().find(future.id)->has_value());
  dir.clock.advance(std::chrono::seconds(86400 + 1));
  stats = signed_merge(*cat, {future}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->added == 1);
}

TEST_CASE("Machine translations from a peer are kept only for pairs the node cannot translate",
          "[sync][merge][translations]") {
  CatalogueDir dir;
  auto cat = dir.open();
  // What this node's backlog recorded: its engine reaches English from Portuguese.
  REQUIRE(cat->translations().set_machine_routes({{"pt", "en"}}).ok());
  Article a = make_article("1");  // in Portuguese
  auto machine = [&](const char* lang) {
    Translation t{LanguageTag::parse(lang).value(), "Machine", "", "",
                  TranslationKind::kMachine,        "deepl"};
    t.source_hash = a.content_hash();
    return t;
  };
  a.translations = {machine("en"), machine("de")};
  auto stats = signed_merge(*cat, {a}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->translations == 1);
  auto stored = cat->translations().list(a.id).value();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].lang.str() == "de");
  CHECK(stored[0].engine == "deepl");
}
