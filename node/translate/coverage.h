// What the node's engines reach (docs/translation.md, "Coverage"): for each of the
// EU's 24 official languages into each of the node's languages, a direct pair, a
// pivot (through which languages), by which engines, or nothing. Shown by `sicnode
// translate --status` and the /network page.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/language.h"
#include "node/translate/engines.h"
#include "node/translate/route.h"

namespace sic::translate {

// The EU's 24 official languages, sorted by code.
const std::vector<LanguageTag>& eu_languages();

struct Coverage {
  LanguageTag source;          // primary subtag
  LanguageTag target;          // as the node names it
  bool same = false;           // the same language: nothing to translate
  std::optional<Route> route;  // nullopt: unreachable (or same)
};

// For every source in `sources` and every target in `targets`, in that order.
std::vector<Coverage> coverage(const std::vector<Step>& steps,
                               const std::vector<LanguageTag>& sources,
                               const std::vector<LanguageTag>& targets);

// The parts of a route's description: its engines ("apertium, etranslation", each
// once, in order) and the languages between its ends ("ca, es"; "" for a direct pair).
std::string route_engines(const Route& route, const std::vector<std::string>& names);
std::string route_pivots(const Route& route);

// "direct (apertium)", "pivot es (apertium)", "pivot ca, es (apertium, etranslation)",
// "unreachable", or "same language". `names` are the engines' names by position.
std::string describe(const Coverage& cell, const std::vector<std::string>& names);

// How many ordered pairs of different languages among `languages` have a route.
std::size_t reachable_pairs(const std::vector<Step>& steps,
                            const std::vector<LanguageTag>& languages);

}  // namespace sic::translate
