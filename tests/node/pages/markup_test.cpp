#include <catch2/catch.hpp>

#include "node/pages/strings.h"
#include "node/publish/markup.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::pages;
using sic::test::lang;

TEST_CASE("Text is escaped for elements and attributes, control characters dropped",
          "[pages][markup]") {
  CHECK(publish::escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(publish::escape("tab\tline\nnul\x01") == "tab\tline\nnul");
  CHECK(publish::escape("Português ✓") == "Português ✓");
}

TEST_CASE("Page words come from the .po files, in English when a language has none",
          "[pages][strings]") {
  CHECK(ui_language(lang("pt")).str() == "pt");
  CHECK(ui_language(lang("pt-BR")).str() == "pt");
  CHECK(ui_language(lang("x-klingon")).str() == "en");
  CHECK(ui_language(lang("ru")).str() == "en");  // not one of the 24
  CHECK(ui_language(LanguageTag()).str() == "en");
  CHECK(std::string(text(Text::kFilterHeading, lang("es"))) == "Filtrar las noticias");
  CHECK(std::string(text(Text::kFilterHeading, lang("fr"))) == "Filtrer les actualités");
  CHECK(std::string(text(Text::kSkipToContent, lang("de"))) == "Zum Inhalt springen");
  CHECK(std::string(text(Text::kNews, lang("en"))) == "News");
  CHECK(fill("%s deleted this article on %s.", {"sic-es", "1 May 2026"}) ==
        "sic-es deleted this article on 1 May 2026.");
  CHECK(fill("no marks", {"x"}) == "no marks");
}

TEST_CASE("Languages are named in their own language", "[pages][strings]") {
  CHECK(language_name(lang("pt")) == "Português");
  CHECK(language_name(lang("de-AT")) == "Deutsch (de-AT)");
  CHECK(language_name(lang("ga")) == "Gaeilge");
  CHECK(language_name(lang("x-klingon")) == "x-klingon");
  // In running text, the name in the page's language when the table has one.
  CHECK(language_name_in(lang("es"), lang("en")).text == "Spanish");
  CHECK(language_name_in(lang("pt-BR"), lang("en")).text == "Portuguese (pt-BR)");
  CHECK_FALSE(language_name_in(lang("x-klingon"), lang("en")).in_ui);
  CHECK(language_name_in(lang("de"), lang("fr")).text == "Deutsch");  // no French table
  CHECK_FALSE(language_name_in(lang("de"), lang("fr")).in_ui);
}

TEST_CASE("Dates are written day, month and year in UTC", "[pages][strings]") {
  CHECK(format_date(from_unix(1795867200), lang("en")) == "28 November 2026");
  CHECK(format_date(from_unix(0), lang("en")) == "1 January 1970");
}

TEST_CASE("Dates are written in the page's language, in its order and month forms",
          "[pages][strings]") {
  TimePoint t = from_unix(1795867200);  // 2026-11-28
  CHECK(format_date(t, lang("es")) == "28 de noviembre de 2026");
  CHECK(format_date(t, lang("de")) == "28. November 2026");
  CHECK(format_date(t, lang("pl")) == "28 listopada 2026");
  CHECK(format_date(t, lang("hu")) == "2026. november 28.");
  CHECK(format_date(t, lang("lt")) == "2026 m. lapkričio 28 d.");
  CHECK(format_date(t, lang("x-klingon")) == "28 November 2026");
}
