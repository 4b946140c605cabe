#include "node/pages/po.h"

#include <catch2/catch.hpp>
#include <set>

#include "node/pages/strings.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::pages;
using sic::test::lang;

TEST_CASE("A .po file gives msgid to msgstr, with contexts, continued strings and escapes",
          "[pages][po]") {
  auto m = parse_po(R"(# a comment
msgid ""
msgstr ""
"Language: de\n"

msgid "News"
msgstr "Nachrichten"

msgctxt "month in a date"
msgid "May"
msgstr "Mai"

msgid "Say \"hi\""
msgstr "Sag "
"\"hallo\"\\"
)");
  REQUIRE(m.ok());
  CHECK(m->size() == 3);
  CHECK(m->at("News") == "Nachrichten");
  CHECK(m->at(po_key("month in a date", "May")) == "Mai");
  CHECK(m->at("Say \"hi\"") == "Sag \"hallo\"\\");
  CHECK(m->count("") == 0);  // the header is not a message
}

TEST_CASE("Untranslated, fuzzy and plural entries of a .po file are left out", "[pages][po]") {
  auto m = parse_po(R"(msgid "Empty"
msgstr ""

#, fuzzy
msgid "Unsure"
msgstr "Unsicher"

msgid "one file"
msgid_plural "%s files"
msgstr[0] "eine Datei"
msgstr[1] "%s Dateien"

msgid "Kept"
msgstr "Behalten"
)");
  REQUIRE(m.ok());
  CHECK(m->size() == 1);
  CHECK(m->at("Kept") == "Behalten");
}

TEST_CASE("A broken .po file is refused with its line", "[pages][po]") {
  CHECK(parse_po("msgid \"a\"\nmsgstr \"b\n").error().message ==
        "po: line 2: expected a quoted string");
  CHECK(parse_po("msgid \"a\"\nmsgstr \"b\"\n\"c\n").error().message ==
        "po: line 3: a string that is not closed");
  CHECK(parse_po("msgid \"a\"\nmsgstr \"b\"\nnonsense\n").error().message ==
        "po: line 3: not a .po line");
  CHECK(parse_po("msgid \"a\\\"\n").error().message == "po: line 1: expected a quoted string");
}

// en.po is the translators' template: its msgids (with empty msgstrs) are the words
// every other language must translate. A Text added without an en.po entry is shown in
// English everywhere until one is added.
Messages template_msgids() {
  Messages out;
  for (const PoFile& f : embedded_po_files()) {
    if (std::string(f.lang) != "en") continue;
    std::string text = f.text;
    // Give every entry a msgstr, so that the template's keys are read.
    for (size_t at = 0; (at = text.find("msgstr \"\"", at)) != std::string::npos; at += 10)
      text.replace(at, 9, "msgstr \"x\"");
    out = parse_po(text).value();
  }
  return out;
}

TEST_CASE("The 24 EU languages have a .po file that translates every word of the template",
          "[pages][po]") {
  Messages keys = template_msgids();
  CHECK(keys.size() >= 58);  // 45 words, the date format and 12 months
  CHECK(keys.count(text(Text::kNews, lang("en"))) == 1);
  std::set<std::string> langs;
  for (const PoFile& f : embedded_po_files()) {
    INFO(f.lang);
    langs.insert(f.lang);
    auto m = parse_po(f.text);
    REQUIRE(m.ok());
    if (std::string(f.lang) == "en") continue;  // English is the msgid itself
    for (const auto& [key, ignored] : keys) {
      INFO(key);
      CHECK(m->count(key) == 1);
    }
  }
  CHECK(langs == std::set<std::string>{"bg", "cs", "da", "de", "el", "en", "es", "et",
                                       "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                                       "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"});
}

TEST_CASE("Every msgid of the template is a word the pages use", "[pages][po]") {
  std::set<std::string> used;
  for (int i = 0; i < int(Text::kCount); ++i) used.insert(text(Text(i), lang("en")));
  for (const auto& [key, ignored] : template_msgids())
    if (key.find('\x04') == std::string::npos) CHECK(used.count(key) == 1);
}

size_t marks(std::string_view s) {
  size_t n = 0;
  for (size_t at = s.find("%s"); at != std::string_view::npos; at = s.find("%s", at + 2)) ++n;
  return n;
}

TEST_CASE("Every translation keeps the %s marks of its English words", "[pages][po]") {
  // A translation that dropped or added one would be passed over for English (strings.cpp).
  for (const PoFile& f : embedded_po_files()) {
    for (const auto& [key, translated] : parse_po(f.text).value()) {
      INFO(f.lang << ": " << key);
      std::string_view english = key;
      english = english.substr(english.find('\x04') + 1);
      CHECK(marks(english) == marks(translated));
    }
  }
  CHECK(fill(text(Text::kDeletedText, lang("de")), {"A", "B"}) ==
        "A hat diesen Artikel am B gelöscht.");
}
