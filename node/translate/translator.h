// Translating along a route, without the translation memory (docs/translation.md,
// "Engines and routes" and "Labelling"). The backlog translates through the memory
// (memory.h); this is for one-off texts and tests.
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"
#include "node/translate/route.h"

namespace sic::translate {

struct Translated {
  std::string text;
  // The label: "apertium", "apertium:pt>es>en" through pivots, "apertium:pt>es,
  // deepl:es>de" through two engines (route_label).
  std::string engine;
};

// Translates `text` along `route`, each step with its engine of `engines`. An empty
// text gives an empty text. An Error from any step is returned as it is (it names the
// engine and the direction); no partial translation is returned. An asynchronous
// engine's step is an Error: it answers through the backlog.
Result<Translated> translate_along(EngineSet& engines, const Route& route, std::string_view text,
                                   TextFormat format);

// Finds the route from `from` to `to` through the engines' pairs and translates along
// it. Errors: an engine's pairs could not be listed; the languages are the same
// ("translate: es to es needs no translation"); no route ("translate: apertium cannot
// translate from de to en, directly or through other languages").
Result<Translated> translate(EngineSet& engines, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format);
// The same with a single engine.
Result<Translated> translate(Engine& engine, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format);

}  // namespace sic::translate
