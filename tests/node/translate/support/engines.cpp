#include "tests/node/translate/support/engines.h"

namespace sic::testing {

std::shared_ptr<translate::ApertiumEngine> shared_apertium() {
  static std::shared_ptr<translate::ApertiumEngine> engine = [] {
    auto opened = translate::ApertiumEngine::open({});
    return opened.ok() ? std::shared_ptr<translate::ApertiumEngine>(std::move(*opened)) : nullptr;
  }();
  return engine;
}

Result<std::vector<translate::Pair>> ScriptedEngine::pairs() {
  if (pairs_fail) return Error{"scripted: cannot list the pairs"};
  auto tag = [](const char* t) { return LanguageTag::parse(t).value(); };
  return std::vector<translate::Pair>{{tag("en"), tag("es")}, {tag("es"), tag("en")}};
}

Result<std::string> ScriptedEngine::translate(std::string_view text, const LanguageTag& from,
                                              const LanguageTag& to, translate::TextFormat) {
  ++calls_;
  if (before_translate) before_translate();
  if (failures_ > 0) {
    --failures_;
    return Error{"scripted: unavailable"};
  }
  return std::string(text) + " [" + from.str() + ">" + to.str() + "]";
}

}  // namespace sic::testing
