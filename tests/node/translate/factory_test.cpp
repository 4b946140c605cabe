#include "node/translate/factory.h"

#include <catch2/catch.hpp>

#include "node/translate/translator.h"

using namespace sic;
using namespace sic::translate;

namespace {

EngineConfig config(std::string engine, std::string url = "", std::string key = "") {
  EngineConfig c;
  c.engine = std::move(engine);
  c.url = std::move(url);
  c.api_key = std::move(key);
  return c;
}

std::string problem(const EngineConfig& c) { return validate(c).message(); }

}  // namespace

TEST_CASE("A valid config passes", "[translate][factory]") {
  CHECK(validate(config("apertium")).ok());
  CHECK(validate(config("none")).ok());
  CHECK(validate(config("apy", "http://127.0.0.1:2737")).ok());
  CHECK(validate(config("libretranslate", "https://lt.example.org")).ok());
  CHECK(validate(config("deepl", "", "key:fx")).ok());
}

TEST_CASE("A broken config is refused with the reason", "[translate][factory]") {
  CHECK(problem(config("google")) ==
        "translation: unknown engine \"google\" (expected apertium, apy, libretranslate, deepl, "
        "etranslation or none)");
  CHECK(problem(config("apy")) == "translation: engine \"apy\" needs a url");
  CHECK(problem(config("libretranslate", "ftp://x")) ==
        "translation: engine \"libretranslate\": url must start with http:// or https://: "
        "\"ftp://x\"");
  CHECK(problem(config("deepl")) == "translation: engine \"deepl\" needs an api_key");
  EngineConfig no_time = config("apertium");
  no_time.timeout = std::chrono::milliseconds(0);
  CHECK(problem(no_time) == "translation: engine \"apertium\": timeouts must be positive");
  EngineConfig no_tries = config("apy", "http://127.0.0.1:1");
  no_tries.max_attempts = 0;
  CHECK(problem(no_tries) == "translation: engine \"apy\": max_attempts must be at least 1");
  CHECK_FALSE(make_engine(config("google"), nullptr).ok());
  EngineConfig pipelines = config("apertium");
  pipelines.pipelines = 17;
  CHECK(problem(pipelines) ==
        "translation: engine \"apertium\": pipelines must be between 1 and 16");
  EngineConfig etranslation = config("etranslation");
  CHECK(problem(etranslation) ==
        "translation: engine \"etranslation\" needs an application name and a password");
  etranslation.application = "A";
  etranslation.password = "p";
  CHECK(problem(etranslation) ==
        "translation: engine \"etranslation\" needs the node's public "
        "callback_url (http:// or https://)");
  etranslation.callback_url = "https://sic.example.pt/";
  CHECK(validate(etranslation).ok());
}

TEST_CASE("The factory builds several engines in order, naming a broken one's position",
          "[translate][factory][engines]") {
  auto fetcher_for = [](const EngineConfig& c) {
    return std::shared_ptr<fetch::Fetcher>(fetch::make_curl_fetcher(fetch_limits(c), "test"));
  };
  EngineConfig etranslation = config("etranslation");
  etranslation.application = "A";
  etranslation.password = "p";
  etranslation.callback_url = "https://sic.example.pt/";
  auto engines = make_engines({config("apertium"), etranslation}, fetcher_for);
  REQUIRE(engines.ok());
  CHECK((*engines)->names() == std::vector<std::string>{"apertium", "etranslation"});
  CHECK((*engines)->at(1).asynchronous() != nullptr);
  CHECK((*engines)->at(0).asynchronous() == nullptr);
  auto broken = make_engines({config("apertium"), config("deepl")}, fetcher_for);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message ==
        "translation: engine 2 (deepl): engine \"deepl\" needs an api_key");
}

TEST_CASE("An HTTP engine needs a fetcher", "[translate][factory]") {
  auto engine = make_engine(config("apy", "http://127.0.0.1:2737"), nullptr);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.error().message == "translation: engine \"apy\" needs an HTTP fetcher");
}

TEST_CASE("The factory builds the configured engine", "[translate][factory]") {
  auto apertium = make_engine(config("apertium"), nullptr);
  REQUIRE(apertium.ok());
  CHECK((*apertium)->name() == "apertium");
  auto none = make_engine(config("none"), nullptr);
  REQUIRE(none.ok());
  CHECK((*none)->name() == "none");
}

TEST_CASE("The none engine translates nothing", "[translate][factory]") {
  auto none = make_none_engine();
  REQUIRE(none->pairs().ok());
  CHECK(none->pairs()->empty());
  auto es = *LanguageTag::parse("es");
  auto en = *LanguageTag::parse("en");
  auto direct = none->translate("Hola", es, en, TextFormat::kPlain);
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.error().message ==
        "none: machine translation is turned off (cannot translate es to en)");
  auto routed = translate::translate(*none, "Hola", es, en, TextFormat::kPlain);
  REQUIRE_FALSE(routed.ok());
  CHECK(routed.error().message ==
        "translate: none cannot translate from es to en, directly or through other languages");
}

TEST_CASE("HTTP engines may reach the node's own machine, with the config's timeouts",
          "[translate][factory]") {
  EngineConfig c = config("apy", "http://127.0.0.1:2737");
  c.timeout = std::chrono::milliseconds(2500);
  c.connect_timeout = std::chrono::milliseconds(200);
  fetch::Limits limits = fetch_limits(c);
  CHECK(limits.allow_private_addresses);
  CHECK(limits.total_timeout == std::chrono::seconds(3));
  CHECK(limits.connect_timeout == std::chrono::seconds(1));
}
