#include "node/translate/coverage.h"

#include <set>

namespace sic::translate {

const std::vector<LanguageTag>& eu_languages() {
  static const std::vector<LanguageTag> languages = [] {
    std::vector<LanguageTag> out;
    for (const char* code :
         {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
          "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"})
      out.push_back(LanguageTag::parse(code).value());
    return out;
  }();
  return languages;
}

std::vector<Coverage> coverage(const std::vector<Step>& steps,
                               const std::vector<LanguageTag>& sources,
                               const std::vector<LanguageTag>& targets) {
  std::vector<Coverage> out;
  for (const LanguageTag& source : sources) {
    for (const LanguageTag& target : targets) {
      Coverage cell{primary_language(source), target, source.primary() == target.primary(), {}};
      if (!cell.same) cell.route = find_route(steps, source, target);
      out.push_back(std::move(cell));
    }
  }
  return out;
}

std::string route_engines(const Route& r, const std::vector<std::string>& names) {
  std::set<std::string> seen;
  std::string by;
  for (std::size_t e : r.engines) {
    std::string name = e < names.size() ? names[e] : "?";
    if (seen.insert(name).second) by += (by.empty() ? "" : ", ") + name;
  }
  return by;
}

std::string route_pivots(const Route& r) {
  std::string through;
  for (std::size_t i = 1; i + 1 < r.hops.size(); ++i)
    through += (i == 1 ? "" : ", ") + r.hops[i].str();
  return through;
}

std::string describe(const Coverage& cell, const std::vector<std::string>& names) {
  if (cell.same) return "same language";
  if (!cell.route) return "unreachable";
  const Route& r = *cell.route;
  if (r.steps() == 1) return "direct (" + route_engines(r, names) + ")";
  return "pivot " + route_pivots(r) + " (" + route_engines(r, names) + ")";
}

std::size_t reachable_pairs(const std::vector<Step>& steps,
                            const std::vector<LanguageTag>& languages) {
  std::size_t n = 0;
  for (const Coverage& cell : coverage(steps, languages, languages))
    if (cell.route) ++n;
  return n;
}

}  // namespace sic::translate
