#include "node/translate/translator.h"

namespace sic::translate {

Result<Translated> translate_along(Engine& engine, const Route& route, std::string_view text,
                                   TextFormat format) {
  Translated out{std::string(text), engine_label(engine.name(), route)};
  for (std::size_t i = 0; i + 1 < route.hops.size() && !out.text.empty(); ++i) {
    auto step = engine.translate(out.text, route.hops[i], route.hops[i + 1], format);
    if (!step.ok()) return step.error();
    out.text = std::move(step).value();
  }
  return out;
}

Result<Translated> translate(Engine& engine, std::string_view text, const LanguageTag& from,
                             const LanguageTag& to, TextFormat format) {
  if (from.empty() || to.empty())
    return Error{"translate: the source and target languages must be known"};
  if (from.primary() == to.primary())
    return Error{"translate: " + from.str() + " to " + to.str() + " needs no translation"};
  auto pairs = engine.pairs();
  if (!pairs.ok()) return pairs.error();
  auto route = find_route(*pairs, from, to);
  if (!route)
    return Error{"translate: " + engine.name() + " cannot translate from " + from.primary() +
                 " to " + to.primary() + ", directly or through other languages"};
  return translate_along(engine, *route, text, format);
}

}  // namespace sic::translate
