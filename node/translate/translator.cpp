#include "node/translate/translator.h"

namespace sic::translate {

Result<Translated> translate_along(EngineSet& engines, const Route& route, std::string_view text,
                                   TextFormat format) {
  Translated out{std::string(text), route_label(engines.names(), route)};
  for (std::size_t i = 0; i < route.steps() && !out.text.empty(); ++i) {
    Pair step = route.step(i);
    auto next = engines.at(route.engines.at(i)).translate(out.text, step.from, step.to, format);
    if (!next.ok()) return next.error();
    out.text = std::move(next).value();
  }
  return out;
}

Result<Translated> translate(EngineSet& engines, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format) {
  if (from.empty() || to.empty())
    return Error{"translate: the source and target languages must be known"};
  if (from.primary() == to.primary())
    return Error{"translate: " + from.str() + " to " + to.str() + " needs no translation"};
  auto steps = engines.steps();
  if (!steps.ok()) return steps.error();
  auto route = find_route(*steps, from, to);
  if (!route)
    return Error{"translate: " + engines.description() + " cannot translate from " +
                 from.primary() + " to " + to.primary() + ", directly or through other languages"};
  return translate_along(engines, *route, text, format);
}

Result<Translated> translate(Engine& engine, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format) {
  EngineSet one = EngineSet::borrowing(engine);
  return translate(one, text, from, to, format);
}

}  // namespace sic::translate
