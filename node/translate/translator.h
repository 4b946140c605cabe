// Translating along a route (docs/translation.md, "Routing" and "Labels").
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"
#include "node/translate/route.h"

namespace sic::translate {

struct Translated {
  std::string text;
  std::string engine;  // the label: "apertium", or "apertium:pt>es>en" through pivots
};

// Translates `text` along `route` with `engine`, step by step. An empty text gives an
// empty text. An Error from any step is returned as it is (it names the engine and
// the direction); no partial translation is returned.
Result<Translated> translate_along(Engine& engine, const Route& route, std::string_view text,
                                   TextFormat format);

// Finds the route from `from` to `to` through engine.pairs() and translates along it.
// Errors: the engine's pairs could not be listed; the languages are the same
// ("translate: es to es needs no translation"); no route ("translate: apertium cannot
// translate from de to en, directly or through other languages").
Result<Translated> translate(Engine& engine, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format);

}  // namespace sic::translate
