// config/taxonomy.toml as compiled in: every section and topic labelled in every
// language the network publishes in, and the fallbacks.
#include "node/config/taxonomy.h"

#include <catch2/catch.hpp>
#include <set>

using namespace sic;

namespace {

// The 24 official languages of the EU, Icelandic and Norwegian (no, and nb for Bokmål).
const std::vector<std::string> kLanguages = {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi",
                                             "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl",
                                             "pl", "pt", "ro", "sk", "sl", "sv", "is", "no", "nb"};

LanguageTag tag(const char* text) { return LanguageTag::parse(text).value(); }

void check_complete(const std::vector<TaxonomyTerm>& terms) {
  for (const TaxonomyTerm& term : terms) {
    for (const std::string& lang : kLanguages) {
      INFO(term.id << " in " << lang);
      auto label = term.labels.find(lang);
      REQUIRE(label != term.labels.end());
      CHECK_FALSE(label->second.empty());
      CHECK(label->second.find_first_of("\n\t") == std::string::npos);
    }
    INFO(term.id);
    CHECK(term.labels.size() == kLanguages.size());  // no other, misspelled key
  }
}

}  // namespace

TEST_CASE("Every section and topic has a label in every language of the network",
          "[config][taxonomy]") {
  const Taxonomy& t = builtin_taxonomy();
  CHECK(t.sections().size() == 6);
  CHECK(t.topics().size() >= 9);
  check_complete(t.sections());
  check_complete(t.topics());
}

TEST_CASE("Labels are chosen by primary subtag, falling back to English, then to the id",
          "[config][taxonomy]") {
  const Taxonomy& t = builtin_taxonomy();
  CHECK(t.topic_label("cyberbullying", tag("en")) == "Cyberbullying");
  CHECK(t.topic_label("cyberbullying", tag("pt-BR")) == "Ciberbullying");
  CHECK(t.topic_label("cyberbullying", tag("nb-NO")) == "Digital mobbing");
  CHECK(t.topic_label("cyberbullying", tag("no")) == "Digital mobbing");
  CHECK(t.section_label("hotlines", tag("de-AT")) == "Meldestellen");
  CHECK(t.section_label("hotlines", tag("ca")) == "Hotlines");  // not in the file: English
  CHECK(t.topic_label("hate-speech", tag("ga")) == "Fuathchaint");
}

TEST_CASE("An unknown tag passes through unchanged", "[config][taxonomy]") {
  const Taxonomy& t = builtin_taxonomy();
  CHECK(t.topic_label("Safer Internet Day 2027", tag("fr")) == "Safer Internet Day 2027");
  CHECK(t.section_label("events", tag("de")) == "events");
  CHECK(t.topic("Safer Internet Day 2027") == nullptr);
}

TEST_CASE("Labels keyed by anything but a primary language subtag are refused",
          "[config][taxonomy]") {
  auto bad = Taxonomy::parse("[sections.x]\nen-GB = \"X\"\n[topics]\n", "t.toml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "t.toml:2: sections.x.en-GB: expected a label keyed by a language subtag");
}
