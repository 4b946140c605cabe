#include "node/pages/strings.h"

#include <array>
#include <map>

namespace sic::pages {
namespace {

using Words = std::array<const char*, size_t(Text::kCount)>;

// English: the reference column. Another language is a second Words array, listed in
// kColumns below.
constexpr Words kEnglish = {
    "Skip to content",
    "News",
    "Site",
    "Feeds",
    "Filter the news",
    "Topic",
    "Section",
    "Origin",
    "Language",
    "Any",
    "Apply",
    "Clear filters",
    "Older articles",
    "Newest articles",
    "Pages",
    "No articles match these filters.",
    "Topics",
    "Published",
    "Updated",
    "From",
    "Machine translation from %s",
    "Translation from %s",
    "The original has changed since this translation was made.",
    "Read the original",
    "Also in",
    "Page at the origin",
    "Attachments",
    "Article deleted",
    "%s deleted this article on %s.",
    "Not found",
    "There is no article at this address.",
    "This article is not available in %s.",
    "Back to the news",
    "Subscribe",
    "by %s",
    "Search",
    "Search the news",
    "Search: %s",
    "No articles match this search.",
    "Search without this filter: %s",
    "More results",
    "Best results",
    "This search cannot be run",
    "Words find articles with all of them; \"a phrase\" finds the words together; OR "
    "between two words finds either; -word leaves out articles with it; word* finds words "
    "starting with it.",
    "Subscribe to this search",
};

const std::map<std::string, const Words*>& columns() {
  static const std::map<std::string, const Words*> m = {{"en", &kEnglish}};
  return m;
}

// Endonyms of the languages of the Safer Internet network and its neighbours.
const std::map<std::string, const char*>& names() {
  static const std::map<std::string, const char*> m = {
      {"bg", "Български"},    {"ca", "Català"},         {"cs", "Čeština"},
      {"cy", "Cymraeg"},      {"da", "Dansk"},          {"de", "Deutsch"},
      {"el", "Ελληνικά"},     {"en", "English"},        {"es", "Español"},
      {"et", "Eesti"},        {"eu", "Euskara"},        {"fi", "Suomi"},
      {"fr", "Français"},     {"ga", "Gaeilge"},        {"gl", "Galego"},
      {"hr", "Hrvatski"},     {"hu", "Magyar"},         {"is", "Íslenska"},
      {"it", "Italiano"},     {"lb", "Lëtzebuergesch"}, {"lt", "Lietuvių"},
      {"lv", "Latviešu"},     {"mk", "Македонски"},     {"mt", "Malti"},
      {"nb", "Norsk bokmål"}, {"nl", "Nederlands"},     {"nn", "Norsk nynorsk"},
      {"no", "Norsk"},        {"pl", "Polski"},         {"pt", "Português"},
      {"ro", "Română"},       {"ru", "Русский"},        {"sk", "Slovenčina"},
      {"sl", "Slovenščina"},  {"sq", "Shqip"},          {"sr", "Српски"},
      {"sv", "Svenska"},      {"tr", "Türkçe"},         {"uk", "Українська"},
  };
  return m;
}

// The same languages' names in English, for running text on English pages. Another UI
// language gets a table of its own in exonyms().
const std::map<std::string, const char*>& english_names() {
  static const std::map<std::string, const char*> m = {
      {"bg", "Bulgarian"},
      {"ca", "Catalan"},
      {"cs", "Czech"},
      {"cy", "Welsh"},
      {"da", "Danish"},
      {"de", "German"},
      {"el", "Greek"},
      {"en", "English"},
      {"es", "Spanish"},
      {"et", "Estonian"},
      {"eu", "Basque"},
      {"fi", "Finnish"},
      {"fr", "French"},
      {"ga", "Irish"},
      {"gl", "Galician"},
      {"hr", "Croatian"},
      {"hu", "Hungarian"},
      {"is", "Icelandic"},
      {"it", "Italian"},
      {"lb", "Luxembourgish"},
      {"lt", "Lithuanian"},
      {"lv", "Latvian"},
      {"mk", "Macedonian"},
      {"mt", "Maltese"},
      {"nb", "Norwegian Bokmål"},
      {"nl", "Dutch"},
      {"nn", "Norwegian Nynorsk"},
      {"no", "Norwegian"},
      {"pl", "Polish"},
      {"pt", "Portuguese"},
      {"ro", "Romanian"},
      {"ru", "Russian"},
      {"sk", "Slovak"},
      {"sl", "Slovenian"},
      {"sq", "Albanian"},
      {"sr", "Serbian"},
      {"sv", "Swedish"},
      {"tr", "Turkish"},
      {"uk", "Ukrainian"},
  };
  return m;
}

// Names of languages per UI language (primary subtag).
const std::map<std::string, const std::map<std::string, const char*>*>& exonyms() {
  static const std::map<std::string, const std::map<std::string, const char*>*> m = {
      {"en", &english_names()}};
  return m;
}

constexpr std::array<const char*, 12> kMonthsEnglish = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace

LanguageTag ui_language(const LanguageTag& requested) {
  if (!requested.empty() && columns().count(requested.primary()))
    return LanguageTag::parse(requested.primary()).value();
  return LanguageTag::parse("en").value();
}

const char* text(Text id, const LanguageTag& ui) {
  auto it = columns().find(ui.primary());
  const Words& words = it == columns().end() ? kEnglish : *it->second;
  const char* w = words[size_t(id)];
  return w ? w : kEnglish[size_t(id)];
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  auto arg = args.begin();
  size_t at = 0;
  while (true) {
    size_t mark = pattern.find("%s", at);
    if (mark == std::string_view::npos || arg == args.end()) break;
    out.append(pattern.substr(at, mark - at));
    out.append(*arg++);
    at = mark + 2;
  }
  out.append(pattern.substr(at));
  return out;
}

std::string language_name(const LanguageTag& lang) {
  auto it = names().find(lang.primary());
  if (it == names().end()) return lang.str();
  std::string name = it->second;
  return lang.str() == lang.primary() ? name : name + " (" + lang.str() + ")";
}

LanguageName language_name_in(const LanguageTag& lang, const LanguageTag& ui) {
  auto table = exonyms().find(ui.primary());
  if (table != exonyms().end()) {
    auto name = table->second->find(lang.primary());
    if (name != table->second->end())
      return {lang.str() == lang.primary() ? name->second
                                           : std::string(name->second) + " (" + lang.str() + ")",
              true};
  }
  return {language_name(lang), false};
}

std::string format_date(TimePoint t, const LanguageTag&) {
  std::chrono::year_month_day d(std::chrono::floor<std::chrono::days>(t));
  return std::to_string(unsigned(d.day())) + " " + kMonthsEnglish[unsigned(d.month()) - 1] + " " +
         std::to_string(int(d.year()));
}

}  // namespace sic::pages
