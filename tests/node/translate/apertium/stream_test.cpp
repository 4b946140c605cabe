#include "node/translate/apertium/stream.h"

#include <catch2/catch.hpp>

using namespace sic::translate::apertium;

TEST_CASE("Reserved stream characters are escaped", "[translate][apertium][stream]") {
  CHECK(deformat_text("a [b] ^c$ d/e \\ f@g {h} <i>") ==
        "a \\[b\\] \\^c\\$ d\\/e \\\\ f\\@g \\{h\\} \\<i\\>.[]");
  CHECK(deformat_text("* and # are words") == "* and # are words.[]");
}

TEST_CASE("Whitespace other than one space is kept in superblanks",
          "[translate][apertium][stream]") {
  CHECK(deformat_text("a  b\tc\nd") == "a[  ]b[\t]c[\n]d.[]");
  CHECK(deformat_text("  lead") == "[  ]lead.[]");
  CHECK(deformat_text("trail \n") == "trail.[][ \n]");
}

TEST_CASE("Blank lines and the end of the text get a sentence end",
          "[translate][apertium][stream]") {
  CHECK(deformat_text("Uno\n\nDos.") == "Uno.[][\n\n]Dos..[]");
  CHECK(deformat_text("Título") == "Título.[]");
  CHECK(deformat_text("") == "");
  CHECK(deformat_text(" \n") == "[ \n]");
}

TEST_CASE("Reformatting undoes deformatting", "[translate][apertium][stream]") {
  for (const char* text :
       {"Hola [mundo] ^a$ b/c \\ d@e *f #g {h} <i> x", "Uno\n\nDos.", "  lead and trail \n", "Fin.",
        "¿Qué? ¡Sí!", "a.[]b", "tabs\tand\r\nCRLF", "", "\\[\\]", ".", "[]"}) {
    INFO(text);
    CHECK(reformat_text(deformat_text(text)) == text);
  }
}

TEST_CASE("Reformatting reads escapes and superblanks the pipeline wrote",
          "[translate][apertium][stream]") {
  CHECK(reformat_text("The \\[new\\] place \\^ \\$5.[]") == "The [new] place ^ $5");
  CHECK(reformat_text("a[ \\] ]b") == "a ] b");
  CHECK(reformat_text("Hello[]") == "Hello");
}

TEST_CASE("Only well-formed UTF-8 without NUL bytes goes into a pipeline",
          "[translate][apertium][stream]") {
  CHECK(acceptable_text("Olá, señor — ça va? 😀"));
  CHECK(acceptable_text(""));
  CHECK_FALSE(acceptable_text(std::string("a\0b", 3)));
  CHECK_FALSE(acceptable_text("\xC3"));              // truncated
  CHECK_FALSE(acceptable_text("\xC0\xAF"));          // overlong
  CHECK_FALSE(acceptable_text("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(acceptable_text("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK_FALSE(acceptable_text("\xFF"));
}
