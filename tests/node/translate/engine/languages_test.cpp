#include "node/translate/engine/languages.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::translate;

TEST_CASE("Apertium's ISO 639-3 codes map to BCP 47 primary subtags", "[translate][languages]") {
  CHECK(language_from_iso639("spa")->str() == "es");
  CHECK(language_from_iso639("eng")->str() == "en");
  CHECK(language_from_iso639("por")->str() == "pt");
  CHECK(language_from_iso639("cat")->str() == "ca");
  CHECK(language_from_iso639("fra")->str() == "fr");
  CHECK(language_from_iso639("ita")->str() == "it");
  CHECK(language_from_iso639("glg")->str() == "gl");
  CHECK(language_from_iso639("nob")->str() == "nb");
  CHECK(language_from_iso639("isl")->str() == "is");
}

TEST_CASE("Two-letter codes and codes without a two-letter form stay as they are",
          "[translate][languages]") {
  CHECK(language_from_iso639("es")->str() == "es");
  CHECK(language_from_iso639("ast")->str() == "ast");
  CHECK(language_from_iso639("hbs")->str() == "hbs");
}

TEST_CASE("Variants and other names are not language codes", "[translate][languages]") {
  for (const char* bad : {"", "e", "por_BR", "spa-eng", "SPA", "engl", "e1g"}) {
    INFO(bad);
    CHECK_FALSE(language_from_iso639(bad));
  }
}

TEST_CASE("BCP 47 tags map back to ISO 639-3 codes", "[translate][languages]") {
  CHECK(iso639_3(*LanguageTag::parse("es")) == "spa");
  CHECK(iso639_3(*LanguageTag::parse("pt-BR")) == "por");
  CHECK(iso639_3(*LanguageTag::parse("en-GB")) == "eng");
  CHECK(iso639_3(*LanguageTag::parse("ast")) == "ast");
  for (const char* code : {"spa", "eng", "por", "cat", "fra", "ita", "glg", "deu", "nld", "swe"})
    CHECK(iso639_3(*language_from_iso639(code)) == code);
}
