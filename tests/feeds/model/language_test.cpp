#include "feeds/model/language.h"

#include <catch2/catch.hpp>

using namespace sic;

TEST_CASE("Language tags are canonicalized in case", "[model][language]") {
  CHECK(LanguageTag::parse("PT-br")->str() == "pt-BR");
  CHECK(LanguageTag::parse("sr-latn-rs")->str() == "sr-Latn-RS");
  CHECK(LanguageTag::parse("es-419")->str() == "es-419");
  CHECK(LanguageTag::parse("de-CH-1996")->str() == "de-CH-1996");
  CHECK(LanguageTag::parse("en-a-bbb-x-a-ccc")->str() == "en-a-bbb-x-a-ccc");
  CHECK(LanguageTag::parse("x-whatever")->str() == "x-whatever");
  CHECK(LanguageTag::parse("EN")->primary() == "en");
  CHECK(LanguageTag::parse("pt-BR")->primary() == "pt");
}

TEST_CASE("Malformed language tags are refused", "[model][language]") {
  for (const char* bad : {"", "e", "englishlanguage", "en_GB", "en--GB", "en-", "-en", "123",
                          "en-GB-x", "pt-BR-a", "fr FR", "en-toolongsubtag"}) {
    INFO(bad);
    CHECK_FALSE(LanguageTag::parse(bad).ok());
  }
}
