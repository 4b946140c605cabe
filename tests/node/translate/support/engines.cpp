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

Result<std::vector<translate::Pair>> ScriptedAsyncEngine::pairs() {
  auto tag = [](const char* t) { return LanguageTag::parse(t).value(); };
  return std::vector<translate::Pair>{{tag("de"), tag("en")}, {tag("en"), tag("de")}};
}

Result<std::string> ScriptedAsyncEngine::submit(std::string_view text, const LanguageTag& from,
                                                const LanguageTag& to, translate::TextFormat format,
                                                const std::string& reference,
                                                const std::string& callback_prefix) {
  if (failures_ > 0) {
    --failures_;
    return Error{"async: refused"};
  }
  std::lock_guard lock(mu_);
  std::string secret = callback_prefix.substr(callback_prefix.rfind('/') + 1);
  sent_.push_back({std::string(text), {from, to}, format, reference, secret});
  return "service-" + reference;
}

Result<translate::CallbackContent> ScriptedAsyncEngine::read_callback(
    const translate::Callback& callback, translate::TextFormat) {
  translate::CallbackContent content;
  if (callback.kind == "text") {
    content.text = callback.body;
  } else if (callback.kind == "error") {
    content.failed = true;
    content.error = "async: " + callback.body;
  } else {
    return Error{"async: no callback of kind " + callback.kind};
  }
  return content;
}

std::vector<ScriptedAsyncEngine::Sent> ScriptedAsyncEngine::sent() const {
  std::lock_guard lock(mu_);
  return sent_;
}

}  // namespace sic::testing
