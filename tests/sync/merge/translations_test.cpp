// Which translations arriving with a peer's article are kept.
#include "sync/merge/translations.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::sync;

namespace {

const LanguageTag kPt = LanguageTag::parse("pt").value();
const LanguageTag kEn = LanguageTag::parse("en").value();

Translation made(TranslationKind kind, std::string source_hash, LanguageTag lang = kEn) {
  Translation t;
  t.lang = std::move(lang);
  t.title = "Title";
  t.kind = kind;
  t.source_hash = std::move(source_hash);
  return t;
}

constexpr auto kHuman = TranslationKind::kHuman;
constexpr auto kMachine = TranslationKind::kMachine;

}  // namespace

TEST_CASE("Any translation is kept when none is stored for its language",
          "[sync][merge][translations]") {
  CHECK(should_keep(std::nullopt, made(kHuman, "h1"), kPt, "h1"));
  CHECK(should_keep(std::nullopt, made(kMachine, "old"), kPt, "h1"));
}

TEST_CASE("A translation into the article's own language or none is never kept",
          "[sync][merge][translations]") {
  CHECK(!should_keep(std::nullopt, made(kHuman, "h1", kPt), kPt, "h1"));
  CHECK(!should_keep(std::nullopt, made(kHuman, "h1", LanguageTag()), kPt, "h1"));
}

TEST_CASE("A human translation replaces a machine one", "[sync][merge][translations]") {
  CHECK(should_keep(made(kMachine, "h1"), made(kHuman, "h1"), kPt, "h1"));
  CHECK(should_keep(made(kMachine, "h1"), made(kHuman, "old"), kPt, "h1"));
}

TEST_CASE("A machine translation never replaces a human one, even an outdated one",
          "[sync][merge][translations]") {
  CHECK(!should_keep(made(kHuman, "h1"), made(kMachine, "h1"), kPt, "h1"));
  CHECK(!should_keep(made(kHuman, "old"), made(kMachine, "h1"), kPt, "h1"));
}

TEST_CASE("Of the same kind, only a translation of the current version replaces a stale one",
          "[sync][merge][translations]") {
  CHECK(should_keep(made(kMachine, "old"), made(kMachine, "h1"), kPt, "h1"));
  CHECK(should_keep(made(kHuman, "old"), made(kHuman, "h1"), kPt, "h1"));
  CHECK(!should_keep(made(kMachine, "h1"), made(kMachine, "h1"), kPt, "h1"));
  CHECK(!should_keep(made(kHuman, "h1"), made(kHuman, "h1"), kPt, "h1"));
  CHECK(!should_keep(made(kMachine, "old"), made(kMachine, "older"), kPt, "h1"));
}
