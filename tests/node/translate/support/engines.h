// Engines for the translation tests: the real Apertium engine shared by the whole
// test binary (each direction's pipeline starts once), and a scripted engine for
// what Apertium cannot be made to do on demand (fail, stall, change the catalogue
// mid-translation).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "node/translate/apertium/engine.h"
#include "node/translate/engine/engine.h"

namespace sic::testing {

// Debian's Apertium with the installed pairs; one for the whole binary.
std::shared_ptr<translate::ApertiumEngine> shared_apertium();

// Translates "x" from es to en as "x [es>en]". Thread-safe.
class ScriptedEngine final : public translate::Engine {
 public:
  std::string name() const override { return "scripted"; }
  Result<std::vector<translate::Pair>> pairs() override;
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, translate::TextFormat format) override;

  // The next `count` calls fail with "scripted: unavailable".
  void fail_next(int count) { failures_ = count; }
  // pairs() fails while this is set.
  std::atomic<bool> pairs_fail{false};
  // Called before each translation (outside any lock), e.g. to change the catalogue.
  std::function<void()> before_translate;
  int calls() const { return calls_; }

 private:
  std::atomic<int> failures_{0};
  std::atomic<int> calls_{0};
};

}  // namespace sic::testing
