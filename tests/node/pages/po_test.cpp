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

TEST_CASE("Untranslated and fuzzy entries of a .po file are left out; plural ones are kept",
          "[pages][po]") {
  auto m = parse_po(R"(msgid "Empty"
msgstr ""

#, fuzzy
msgid "Unsure"
msgstr "Unsicher"

msgid "one file"
msgid_plural "%s files"
msgstr[0] "eine Datei"
msgstr[1] "%s Dateien"

msgid "one day"
msgid_plural "%s days"
msgstr[0] "ein Tag"
msgstr[1] ""

msgid "Kept"
msgstr "Behalten"
)");
  REQUIRE(m.ok());
  CHECK(m->size() == 2);
  CHECK(m->at("Kept") == "Behalten");
  CHECK(m->at("one file") == std::string("eine Datei\0%s Dateien", 21));  // as in .mo files
  CHECK(m->count("one day") == 0);                                        // a form is untranslated
}

TEST_CASE("A plural entry's forms must come in order", "[pages][po]") {
  CHECK(parse_po("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"c\"\n").error().message ==
        "po: line 3: not a .po line");
  CHECK(parse_po("msgid \"a\"\nmsgstr[0] \"c\"\n").error().message ==
        "po: line 2: not a .po line");  // no msgid_plural
}

TEST_CASE("Plural-Forms chooses the form of a number as gettext does", "[pages][po]") {
  auto polish = plural_rule(
      "\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
      "n%100>=20) ? 1 : 2);\\n\"\n");
  REQUIRE(polish.ok());
  CHECK(polish->count == 3);
  std::vector<unsigned> forms;
  for (unsigned long n : {0, 1, 2, 4, 5, 12, 21, 22, 25, 112, 122})
    forms.push_back(plural_form(*polish, n));
  CHECK(forms == std::vector<unsigned>{2, 0, 1, 1, 2, 2, 2, 1, 2, 2, 1});
  auto french = plural_rule("\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"");
  REQUIRE(french.ok());
  CHECK(plural_form(*french, 0) == 0);
  CHECK(plural_form(*french, 2) == 1);
  auto none = plural_rule("msgid \"a\"\nmsgstr \"b\"\n");  // English's rule
  REQUIRE(none.ok());
  CHECK(plural_form(*none, 1) == 0);
  CHECK(plural_form(*none, 0) == 1);
}

TEST_CASE("A Plural-Forms line that is not a rule is refused, saying why", "[pages][po]") {
  CHECK(plural_rule("Plural-Forms: nplurals=2;\\n").error().message ==
        "po: Plural-Forms: expected \"nplurals=N; plural=EXPRESSION;\"");
  CHECK(plural_rule("Plural-Forms: nplurals=2; plural=n+;\\n").error().message ==
        "po: Plural-Forms: \"n+\" is not a plural expression giving 0 to 1 (n = 0)");
  CHECK(plural_rule("Plural-Forms: nplurals=2; plural=n;\\n").error().message ==
        "po: Plural-Forms: \"n\" is not a plural expression giving 0 to 1 (n = 2)");
  CHECK(!plural_rule("Plural-Forms: nplurals=2; plural=n % 0;\\n").ok());
}

TEST_CASE("Counted words take each language's plural form", "[pages][po]") {
  CHECK(counted(Counted::kPeers, 1, lang("en")) == "1 peer");
  CHECK(counted(Counted::kPeers, 0, lang("en")) == "0 peers");
  CHECK(counted(Counted::kMinutesAgo, 1, lang("fr")) == "il y a 1 minute");
  CHECK(counted(Counted::kMinutesAgo, 0, lang("fr")) == "il y a 0 minute");
  CHECK(counted(Counted::kInMinutes, 3, lang("pl")) == "za 3 minuty");
  CHECK(counted(Counted::kInMinutes, 5, lang("pl")) == "za 5 minut");
  CHECK(counted(Counted::kInMinutes, 22, lang("pl")) == "za 22 minuty");
  CHECK(counted(Counted::kDays, 2, lang("sl")) == "2 dneva");
  CHECK(counted(Counted::kPeers, 2, lang("de")) == "2 Peers");
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
    // Give every entry (and every form) a msgstr, so that the template's keys are read.
    for (std::string empty : {"msgstr \"\"", "msgstr[0] \"\"", "msgstr[1] \"\""})
      for (size_t at = 0; (at = text.find(empty, at)) != std::string::npos; at += empty.size())
        text.replace(at, empty.size(), empty.substr(0, empty.size() - 1) + "x\"");
    out = parse_po(text).value();
  }
  return out;
}

TEST_CASE("The 24 EU languages have a .po file that translates every word of the template",
          "[pages][po]") {
  Messages keys = template_msgids();
  CHECK(keys.size() >= 105);  // 83 words, 9 counted ones, the date format and 12 months
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
  for (int i = 0; i < int(Counted::kCount); ++i) {
    std::string one = counted(Counted(i), 1, lang("en"));  // "in 1 minute": msgid "in %s minute"
    used.insert(one.replace(one.find('1'), 1, "%s"));
  }
  for (const auto& [key, ignored] : template_msgids())
    if (key.find('\x04') == std::string::npos) CHECK(used.count(key) == 1);
}

size_t marks(std::string_view s) {
  size_t n = 0;
  for (size_t at = s.find("%s"); at != std::string_view::npos; at = s.find("%s", at + 2)) ++n;
  return n;
}

TEST_CASE("Every translation keeps the %s marks of its English words, in every form",
          "[pages][po]") {
  // A translation that dropped or added one would be passed over for English (strings.cpp),
  // and so would a plural entry without the rule's number of forms.
  for (const PoFile& f : embedded_po_files()) {
    auto rule = plural_rule(f.text);
    REQUIRE(rule.ok());
    for (const auto& [key, translated] : parse_po(f.text).value()) {
      INFO(f.lang << ": " << key);
      std::string_view english = key;
      english = english.substr(english.find('\x04') + 1);
      size_t forms = 1;
      for (size_t at = 0; (at = translated.find('\0', at)) != std::string::npos; ++at) ++forms;
      if (forms > 1) CHECK(forms == rule->count);
      CHECK(marks(english) * forms == marks(translated));
    }
  }
  CHECK(fill(text(Text::kDeletedText, lang("de")), {"A", "B"}) ==
        "A hat diesen Artikel am B gelöscht.");
}
