#include "node/translate/engine/languages.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sic::translate {
namespace {

// ISO 639-1 and ISO 639-3 codes: the EU's 24 official languages, Icelandic and
// Norwegian, then the other languages Apertium has pairs for in and around Europe.
// Sorted by the two-letter code.
constexpr std::array<std::pair<std::string_view, std::string_view>, 62> kCodes{{
    {"af", "afr"}, {"an", "arg"}, {"ar", "ara"}, {"be", "bel"}, {"bg", "bul"}, {"br", "bre"},
    {"bs", "bos"}, {"ca", "cat"}, {"co", "cos"}, {"cs", "ces"}, {"cy", "cym"}, {"da", "dan"},
    {"de", "deu"}, {"el", "ell"}, {"en", "eng"}, {"eo", "epo"}, {"es", "spa"}, {"et", "est"},
    {"eu", "eus"}, {"fa", "fas"}, {"fi", "fin"}, {"fo", "fao"}, {"fr", "fra"}, {"fy", "fry"},
    {"ga", "gle"}, {"gd", "gla"}, {"gl", "glg"}, {"he", "heb"}, {"hi", "hin"}, {"hr", "hrv"},
    {"hu", "hun"}, {"id", "ind"}, {"is", "isl"}, {"it", "ita"}, {"kk", "kaz"}, {"lb", "ltz"},
    {"lt", "lit"}, {"lv", "lav"}, {"mk", "mkd"}, {"ms", "msa"}, {"mt", "mlt"}, {"nb", "nob"},
    {"nl", "nld"}, {"nn", "nno"}, {"no", "nor"}, {"oc", "oci"}, {"pl", "pol"}, {"pt", "por"},
    {"ro", "ron"}, {"ru", "rus"}, {"sc", "srd"}, {"se", "sme"}, {"sk", "slk"}, {"sl", "slv"},
    {"sq", "sqi"}, {"sr", "srp"}, {"sv", "swe"}, {"tr", "tur"}, {"tt", "tat"}, {"uk", "ukr"},
    {"ur", "urd"}, {"uz", "uzb"},
}};

bool lowercase_letters(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::optional<LanguageTag> language_from_iso639(std::string_view code) {
  if (code.size() < 2 || code.size() > 3 || !lowercase_letters(code)) return std::nullopt;
  if (code.size() == 3) {
    auto known = std::find_if(kCodes.begin(), kCodes.end(),
                              [&](const auto& entry) { return entry.second == code; });
    if (known != kCodes.end()) code = known->first;
  }
  auto tag = LanguageTag::parse(code);
  if (!tag.ok()) return std::nullopt;
  return *tag;
}

std::string iso639_3(const LanguageTag& tag) {
  std::string primary = tag.primary();
  auto known = std::find_if(kCodes.begin(), kCodes.end(),
                            [&](const auto& entry) { return entry.first == primary; });
  return known != kCodes.end() ? std::string(known->second) : primary;
}

}  // namespace sic::translate
