// Routing through pivot languages and several engines (docs/translation.md, "Engines
// and routes").
//
// With the pairs es>en, en>es, pt>es and es>pt, Portuguese reaches English through
// Spanish: the route is pt>es>en. With several engines, a route may mix them (pt>es by
// Apertium, es>de by eTranslation). Routes are found on primary language subtags, so a
// node publishing "pt-PT" is served by the pairs of "pt".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/language.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"

namespace sic::translate {

struct Route {
  // The languages in order, source first and target last; primary subtags only.
  // Two entries for a direct pair, more for pivots.
  std::vector<LanguageTag> hops;
  // Per step, the position in the EngineSet of the engine that makes it.
  std::vector<std::size_t> engines;
  // The number of translation steps (hops.size() - 1).
  std::size_t steps() const { return hops.empty() ? 0 : hops.size() - 1; }
  // Step i as a pair (i < steps()).
  Pair step(std::size_t i) const { return {hops[i], hops[i + 1]}; }
  friend bool operator==(const Route&, const Route&) = default;
};

// The best route from `from` to `to` through `steps`, compared in this order:
//   1. fewest steps (a direct pair of any engine beats any pivot);
//   2. the lowest sum of the steps' engine positions (the engine listed first);
//   3. the lowest sum of the steps' pair costs (Engine::pair_cost, the quality order);
//   4. the pivot languages, alphabetically,
// so the answer does not depend on the order in which the steps are listed. Returns
// std::nullopt when `to` cannot be reached, or when both have the same primary subtag
// (nothing to translate).
std::optional<Route> find_route(const std::vector<Step>& steps, const LanguageTag& from,
                                const LanguageTag& to);
// The same for one engine's pairs (position 0, cost 0).
std::optional<Route> find_route(const std::vector<Pair>& pairs, const LanguageTag& from,
                                const LanguageTag& to);

// One engine's pairs as steps of position 0 and cost 0.
std::vector<Step> steps_of(const std::vector<Pair>& pairs);

// The (source, target) combinations with no route: for every language in `sources`
// and every one of the node's `targets` with a different primary subtag. Sorted, no
// duplicates; both tags reduced to primary subtags. Empty when everything is reachable.
std::vector<Pair> unreachable(const std::vector<Step>& steps,
                              const std::vector<LanguageTag>& targets,
                              const std::vector<LanguageTag>& sources);

// The label stored in a translation's engine field, naming every step's engine
// (`names` by position in the set):
//   "apertium"                           a direct pair;
//   "apertium:pt>es>en"                  a pivot through one engine;
//   "apertium:pt>es, etranslation:es>de" a route mixing engines (one part per run of
//                                        steps made by the same engine).
std::string route_label(const std::vector<std::string>& names, const Route& route);
// The label of a route whose steps are all made by the engine `engine`.
std::string engine_label(std::string_view engine, const Route& route);

// The primary subtag of `tag` as a tag of its own ("pt-BR" gives "pt").
LanguageTag primary_language(const LanguageTag& tag);

}  // namespace sic::translate
