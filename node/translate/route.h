// Routing through pivot languages (docs/translation.md, "Routing").
//
// With the pairs es>en, en>es, pt>es and es>pt, Portuguese reaches English through
// Spanish: the route is pt>es>en. Routes are found on primary language subtags, so a
// node publishing "pt-PT" is served by the pairs of "pt".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/language.h"
#include "node/translate/engine/engine.h"

namespace sic::translate {

struct Route {
  // The languages in order, source first and target last; primary subtags only.
  // Two entries for a direct pair, more for pivots.
  std::vector<LanguageTag> hops;
  // The number of translation steps (hops.size() - 1).
  std::size_t steps() const { return hops.empty() ? 0 : hops.size() - 1; }
  friend bool operator==(const Route&, const Route&) = default;
};

// The shortest route from `from` to `to` through `pairs` (breadth-first search). Among
// routes of the same length the one whose pivot languages come first alphabetically
// wins, so the answer does not depend on the order of `pairs`. Returns std::nullopt
// when `to` cannot be reached, or when both have the same primary subtag (nothing to
// translate).
std::optional<Route> find_route(const std::vector<Pair>& pairs, const LanguageTag& from,
                                const LanguageTag& to);

// The (source, target) combinations with no route: for every language in `sources`
// and every one of the node's `targets` with a different primary subtag. Sorted, no
// duplicates; both tags reduced to primary subtags. Empty when everything is reachable.
std::vector<Pair> unreachable(const std::vector<Pair>& pairs,
                              const std::vector<LanguageTag>& targets,
                              const std::vector<LanguageTag>& sources);

// The label stored in a translation's engine field: the engine's name for a direct
// pair ("apertium"), and the name with the route for a pivot ("apertium:pt>es>en").
std::string engine_label(std::string_view engine, const Route& route);

// The primary subtag of `tag` as a tag of its own ("pt-BR" gives "pt").
LanguageTag primary_language(const LanguageTag& tag);

}  // namespace sic::translate
