// Translating along routes, with a recording engine in place of a real one (the real
// engines' routes are tested in apertium/engine_test.cpp and remote/).
#include "node/translate/translator.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

// Marks each step in the text: "x" from pt to es gives "x|pt>es".
class RecordingEngine final : public Engine {
 public:
  explicit RecordingEngine(std::string name = "recorder") : name_(std::move(name)) {}
  std::vector<Pair> offered{{tag("pt"), tag("es")}, {tag("es"), tag("en")}};
  std::string failing_step;  // "es>en" makes that step fail
  int calls = 0;

  std::string name() const override { return name_; }
  Result<std::vector<Pair>> pairs() override { return offered; }
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, TextFormat) override {
    ++calls;
    std::string step = from.str() + ">" + to.str();
    if (step == failing_step) return Error{"recorder: " + step + " failed"};
    return std::string(text) + "|" + name_ + ":" + step;
  }

 private:
  std::string name_;
};

}  // namespace

TEST_CASE("A pivot route translates step by step and is labelled", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("pt-PT"), tag("en-GB"), TextFormat::kPlain);
  REQUIRE(result.ok());
  CHECK(result->text == "x|recorder:pt>es|recorder:es>en");
  CHECK(result->engine == "recorder:pt>es>en");
}

TEST_CASE("A direct pair is labelled with the engine's name", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("es"), tag("en"), TextFormat::kHtml);
  REQUIRE(result.ok());
  CHECK(result->text == "x|recorder:es>en");
  CHECK(result->engine == "recorder");
}

TEST_CASE("A failing step fails the whole translation", "[translate][translator]") {
  RecordingEngine engine;
  engine.failing_step = "es>en";
  auto result = translate::translate(engine, "x", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "recorder: es>en failed");
}

TEST_CASE("An unreachable language is an error naming both", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("de"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "translate: recorder cannot translate from de to en, directly or through other languages");
  CHECK(engine.calls == 0);
}

TEST_CASE("The same language needs no translation", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("pt-BR"), tag("pt"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "translate: pt-BR to pt needs no translation");
  CHECK_FALSE(translate::translate(engine, "x", LanguageTag(), tag("pt"), TextFormat::kPlain).ok());
}

TEST_CASE("An empty text calls no engine", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE(result.ok());
  CHECK(result->text.empty());
  CHECK(result->engine == "recorder:pt>es>en");
  CHECK(engine.calls == 0);
}

TEST_CASE("A route may mix engines, each step by its own, labelled step by step",
          "[translate][translator][engines]") {
  auto first = std::make_shared<RecordingEngine>("apertium");
  auto second = std::make_shared<RecordingEngine>("deepl");
  first->offered = {{tag("pt"), tag("es")}};
  second->offered = {{tag("es"), tag("de")}, {tag("pt"), tag("en")}};
  EngineSet engines({{first, {}}, {second, {}}});
  auto result = translate::translate(engines, "x", tag("pt"), tag("de"), TextFormat::kPlain);
  REQUIRE(result.ok());
  CHECK(result->text == "x|apertium:pt>es|deepl:es>de");
  CHECK(result->engine == "apertium:pt>es, deepl:es>de");
  // A direct pair of the second engine beats any pivot of the first.
  auto direct = translate::translate(engines, "x", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE(direct.ok());
  CHECK(direct->engine == "deepl");
}

TEST_CASE("An engine limited to some languages is used only for pairs touching them",
          "[translate][translator][engines]") {
  auto first = std::make_shared<RecordingEngine>("apertium");
  auto second = std::make_shared<RecordingEngine>("deepl");
  first->offered = {{tag("pt"), tag("es")}, {tag("es"), tag("en")}};
  second->offered = {{tag("pt"), tag("en")}, {tag("fi"), tag("en")}};
  EngineSet engines({{first, {}}, {second, {tag("fi")}}});
  auto pt = translate::translate(engines, "x", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE(pt.ok());
  CHECK(pt->engine == "apertium:pt>es>en");  // deepl's pt>en is not allowed
  auto fi = translate::translate(engines, "x", tag("fi"), tag("en"), TextFormat::kPlain);
  REQUIRE(fi.ok());
  CHECK(fi->engine == "deepl");
  auto steps = engines.steps().value();
  CHECK(std::none_of(steps.begin(), steps.end(),
                     [](const Step& s) { return s.engine == 1 && s.pair.from.str() == "pt"; }));
}
