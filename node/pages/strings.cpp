#include "node/pages/strings.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <vector>

#include "node/pages/po.h"

namespace sic::pages {
namespace {

using Words = std::array<const char*, size_t(Text::kCount)>;

// English: the msgids of node/pages/po/*.po, in the order of the Text enum. A new
// Text gets its English words here; until a .po file translates them, they are shown
// in English.
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
    "Helpline",
    "Need help?",
    "Call %s",
    "Chat with us",
    "Write to us",
    "Opening hours: %s",
    "Report harmful content",
    "Privacy",
    "Imprint",
    "This address is not valid.",
    "Something went wrong on our side. Please try again later.",
    "Network",
    "Peers and sources",
    "Peer",
    "Health",
    "Last success",
    "Lag",
    "Failures",
    "Next attempt",
    "Entries",
    "Received",
    "Pending",
    "Feed",
    "Last error",
    "new",
    "ok",
    "failing",
    "backing off",
    "peer",
    "source",
    "never",
    "just now",
    "in less than a minute",
    "%s s",
    "%s min",
    "%s h",
    "as of %s",
    "This node reads no peers yet (see %s).",
    "Articles by origin",
    "Articles",
    "Translation coverage is unknown: %s",
    "Translation coverage: the EU's official languages into this node's languages (engines: %s)",
    "Into %s",
    "same language",
    "unreachable",
    "direct (%s)",
    "pivot %s (%s)",
    "Ordered pairs of the EU's official languages with a route through these engines: %s of %s.",
    "A sync round now: %s with an API token (%s).",
    "Push",
    "polling only (no hub)",
    "subscribed; lease ends %s",
    "lease ended %s",
    "last delivery: %s",
    "signature failures: %s",
};

// English singular and plural of the Counted words (msgid and msgid_plural).
constexpr std::array<std::array<const char*, 2>, size_t(Counted::kCount)> kEnglishCounted = {{
    {"%s peer", "%s peers"},
    {"%s source", "%s sources"},
    {"%s minute ago", "%s minutes ago"},
    {"%s hour ago", "%s hours ago"},
    {"%s day ago", "%s days ago"},
    {"in %s minute", "in %s minutes"},
    {"in %s hour", "in %s hours"},
    {"in %s day", "in %s days"},
    {"%s day", "%s days"},
}};

size_t placeholders(std::string_view s) {
  size_t n = 0;
  for (size_t at = s.find("%s"); at != std::string_view::npos; at = s.find("%s", at + 2)) ++n;
  return n;
}

// The '\0'-separated forms of a plural entry (one form for any other entry).
std::vector<std::string_view> forms_of(std::string_view value) {
  std::vector<std::string_view> out;
  for (size_t at = 0;; ++at) {
    size_t end = value.find('\0', at);
    out.push_back(value.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) return out;
    at = end;
  }
}

// Whether a translation can stand for its English: every form keeps the "%s" count of
// the English (fill() would put an argument in the wrong place, or lose it), and a
// plural entry has the rule's number of forms.
bool usable(std::string_view english, std::string_view translated, const PluralRule& rule) {
  auto forms = forms_of(translated);
  if (forms.size() > 1 && forms.size() != rule.count) return false;
  return std::all_of(forms.begin(), forms.end(),
                     [&](std::string_view f) { return placeholders(english) == placeholders(f); });
}

struct Catalog {
  Messages messages;
  PluralRule rule;
};

// A .po file's messages, without the translations that are not usable().
Catalog checked(Messages m, PluralRule rule) {
  for (auto it = m.begin(); it != m.end();) {
    std::string_view english = it->first;
    english = english.substr(english.find('\x04') + 1);  // npos + 1 == 0 without context
    it = usable(english, it->second, rule) ? std::next(it) : m.erase(it);
  }
  return {std::move(m), std::move(rule)};
}

// The compiled-in .po files by language, parsed once. A file that does not parse is a
// build defect (tests/node/pages/po_test.cpp reads them all): start-up fails.
const std::map<std::string, Catalog>& catalogs() {
  static const std::map<std::string, Catalog> m = [] {
    std::map<std::string, Catalog> out;
    for (const PoFile& f : embedded_po_files()) {
      auto parsed = parse_po(f.text);
      auto rule = plural_rule(f.text);
      if (!parsed.ok() || !rule.ok())
        throw std::runtime_error(std::string(f.lang) +
                                 ".po: " + (parsed.ok() ? rule.error() : parsed.error()).message);
      out.emplace(f.lang, checked(std::move(*parsed), std::move(*rule)));
    }
    return out;
  }();
  return m;
}

// The translation of `english` (with `context`, when given) in the UI language, else
// `english` itself.
const char* translate(const LanguageTag& ui, const char* english, std::string_view context = {}) {
  auto catalog = catalogs().find(ui.primary());
  if (catalog == catalogs().end()) return english;
  const Messages& m = catalog->second.messages;
  auto it = m.find(context.empty() ? std::string(english) : po_key(context, english));
  return it == m.end() ? english : it->second.c_str();
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
  if (!requested.empty() && catalogs().count(requested.primary()))
    return LanguageTag::parse(requested.primary()).value();
  return LanguageTag::parse("en").value();
}

const char* text(Text id, const LanguageTag& ui) { return translate(ui, kEnglish[size_t(id)]); }

std::string counted(Counted id, std::int64_t n, const LanguageTag& ui) {
  const auto& english = kEnglishCounted[size_t(id)];
  unsigned long count = n < 0 ? 0 : (unsigned long)n;
  std::string number = std::to_string(n);
  auto catalog = catalogs().find(ui.primary());
  if (catalog != catalogs().end()) {
    auto it = catalog->second.messages.find(english[0]);
    if (it != catalog->second.messages.end()) {
      auto forms = forms_of(it->second);
      unsigned form = plural_form(catalog->second.rule, count);
      if (form < forms.size()) return fill(forms[form], {number});
    }
  }
  return fill(english[count == 1 ? 0 : 1], {number});
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

std::string format_date(TimePoint t, const LanguageTag& ui) {
  std::chrono::year_month_day d(std::chrono::floor<std::chrono::days>(t));
  std::string out = translate(ui, "{day} {month} {year}", "date format");
  auto put = [&out](std::string_view field, const std::string& value) {
    if (size_t at = out.find(field); at != std::string::npos) out.replace(at, field.size(), value);
  };
  put("{month}", translate(ui, kMonthsEnglish[unsigned(d.month()) - 1], "month in a date"));
  put("{day}", std::to_string(unsigned(d.day())));
  put("{year}", std::to_string(int(d.year())));
  return out;
}

}  // namespace sic::pages
