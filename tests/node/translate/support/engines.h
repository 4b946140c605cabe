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

// An asynchronous engine whose service is the test: submit() records each request
// (de>en and en>de), and the test answers through translate::accept_callback with
// callbacks of kind "text" (the body is the translation) or "error" (the body is the
// error); any other kind is malformed. Thread-safe.
class ScriptedAsyncEngine final : public translate::AsyncEngine {
 public:
  struct Sent {
    std::string text;
    translate::Pair pair;
    translate::TextFormat format;
    std::string reference;
    std::string secret;  // from the callback URL
  };

  explicit ScriptedAsyncEngine(Settings settings) : settings_(std::move(settings)) {}
  std::string name() const override { return "async"; }
  Result<std::vector<translate::Pair>> pairs() override;
  const Settings& settings() const override { return settings_; }
  Result<std::string> submit(std::string_view text, const LanguageTag& from, const LanguageTag& to,
                             translate::TextFormat format, const std::string& reference,
                             const std::string& callback_prefix) override;
  Result<translate::CallbackContent> read_callback(const translate::Callback& callback,
                                                   translate::TextFormat format) override;

  // The next `count` submissions fail with "async: refused".
  void fail_next(int count) { failures_ = count; }
  std::vector<Sent> sent() const;

 private:
  Settings settings_;
  std::atomic<int> failures_{0};
  mutable std::mutex mu_;
  std::vector<Sent> sent_;  // guarded by mu_
};

}  // namespace sic::testing
