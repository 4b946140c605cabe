// Several translation engines in order of preference (docs/translation.md, "Engines
// and routes"): the `[[translation.engines]]` tables of the config, or the single
// `[translation] engine`. Routes are found over the union of their pairs
// (node/translate/route.h), and one route may mix engines.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"

namespace sic::translate {

// One direction that one engine of a set translates directly.
struct Step {
  Pair pair;               // primary subtags
  std::size_t engine = 0;  // the engine's position in the set: 0 is the first listed
  int cost = 0;            // Engine::pair_cost, for ties between routes
  friend bool operator==(const Step&, const Step&) = default;
};

class EngineSet {
 public:
  struct Member {
    std::shared_ptr<Engine> engine;
    // Empty: the engine is used for all its pairs. Otherwise a pair is used only when
    // its source or its target is one of these languages (primary subtags compared).
    std::vector<LanguageTag> languages;
  };

  // `members` in order of preference; none may be null.
  explicit EngineSet(std::vector<Member> members);
  // A set of one engine for all its pairs.
  static std::shared_ptr<EngineSet> of(std::shared_ptr<Engine> engine);
  // A set of one engine the caller owns and keeps alive while the set is used.
  static EngineSet borrowing(Engine& engine);

  std::size_t size() const { return members_.size(); }
  Engine& at(std::size_t position) const { return *members_.at(position).engine; }
  // The engines' names by position ("apertium", "etranslation").
  std::vector<std::string> names() const;
  // The names joined with ", ", for messages and status lines.
  std::string description() const;

  // Every engine's direct pairs that its `languages` allow, engine by engine. Error when
  // an engine cannot list its pairs (an HTTP service down): routes found without one
  // engine would differ from the real ones, so nothing is routed until it answers.
  Result<std::vector<Step>> steps();

  // Engine::cancel() on every engine. Thread-safe.
  void cancel();

 private:
  std::vector<Member> members_;
};

}  // namespace sic::translate
