// Translating along routes, with a recording engine in place of a real one (the real
// engines' routes are tested in apertium/engine_test.cpp and remote/).
#include "node/translate/translator.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

// Marks each step in the text: "x" from pt to es gives "x|pt>es".
class RecordingEngine final : public Engine {
 public:
  std::vector<Pair> offered{{tag("pt"), tag("es")}, {tag("es"), tag("en")}};
  std::string failing_step;  // "es>en" makes that step fail
  int calls = 0;

  std::string name() const override { return "recorder"; }
  Result<std::vector<Pair>> pairs() override { return offered; }
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, TextFormat) override {
    ++calls;
    std::string step = from.str() + ">" + to.str();
    if (step == failing_step) return Error{"recorder: " + step + " failed"};
    return std::string(text) + "|" + step;
  }
};

}  // namespace

TEST_CASE("A pivot route translates step by step and is labelled", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("pt-PT"), tag("en-GB"), TextFormat::kPlain);
  REQUIRE(result.ok());
  CHECK(result->text == "x|pt>es|es>en");
  CHECK(result->engine == "recorder:pt>es>en");
}

TEST_CASE("A direct pair is labelled with the engine's name", "[translate][translator]") {
  RecordingEngine engine;
  auto result = translate::translate(engine, "x", tag("es"), tag("en"), TextFormat::kHtml);
  REQUIRE(result.ok());
  CHECK(result->text == "x|es>en");
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
