// The apy engine against a real Apertium APy (Debian's apertium-apy) on 127.0.0.1.
#include <catch2/catch.hpp>
#include <thread>

#include "node/translate/factory.h"
#include "node/translate/remote/remote_engine.h"
#include "node/translate/translator.h"
#include "tests/node/translate/support/fetcher.h"
#include "tests/node/translate/support/server_process.h"

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

// APy, started once per test binary and stopped by PID when the binary ends.
const testing::ServerProcess& apy() {
  static auto server = [] {
    return testing::ServerProcess::start(
        {"/usr/bin/python3", testing::support_file("run_apy.py"), "/usr/share/apertium/modes"},
        std::chrono::seconds(30));
  }();
  if (!server.ok()) FAIL(server.error().message);
  // Ready when /listPairs answers; poll with a deadline.
  static bool ready = [&] {
    auto fetcher = testing::engine_fetcher(std::chrono::seconds(5));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (fetcher->fetch(remote::http_request((*server)->url() + "/listPairs", "GET")).outcome ==
          fetch::Outcome::kOk)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }();
  REQUIRE(ready);
  return **server;
}

std::shared_ptr<Engine> apy_engine(const std::string& url) {
  EngineConfig config;
  config.engine = "apy";
  config.url = url;
  config.max_attempts = 2;
  config.initial_backoff = std::chrono::milliseconds(10);
  auto engine = make_engine(config, testing::engine_fetcher(std::chrono::seconds(20)));
  REQUIRE(engine.ok());
  return *engine;
}

}  // namespace

TEST_CASE("APy lists the installed pairs and translates titles and bodies", "[translate][apy]") {
  auto engine = apy_engine(apy().url());
  CHECK(engine->name() == "apy");
  auto pairs = engine->pairs();
  REQUIRE(pairs.ok());
  CHECK(std::count(pairs->begin(), pairs->end(), Pair{tag("es"), tag("en")}) == 1);
  CHECK(std::count(pairs->begin(), pairs->end(), Pair{tag("pt"), tag("es")}) == 1);

  auto title =
      engine->translate("El perro xyzzyq come manzanas", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE(title.ok());
  CHECK(*title == "The dog xyzzyq eats apples");

  auto body = engine->translate("<p>El <b>perro</b> come manzanas &amp; peras.</p>", tag("es"),
                                tag("en"), TextFormat::kHtml);
  REQUIRE(body.ok());
  CHECK(*body == "<p>The <b>dog</b> eats apples &amp; pears.</p>");

  auto pivot =
      translate::translate(*engine, "O cão come maçãs.", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE(pivot.ok());
  CHECK(pivot->text == "The dog eats apples.");
  CHECK(pivot->engine == "apy:pt>ca>en");  // APy's pairs are Apertium's; no quality order
}

TEST_CASE("APy refusing a pair is an error, not a translation", "[translate][apy]") {
  // Ask APy directly for a pair it lacks: the engine's own check would stop it first.
  auto fetcher = testing::engine_fetcher(std::chrono::seconds(5));
  auto response = remote::send_with_retry(
      *fetcher,
      remote::http_request(apy().url() + "/translate", "POST",
                           {{"Content-Type", "application/x-www-form-urlencoded"}},
                           "langpair=spa%7Cdeu&q=Hola"),
      {}, "apy");
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().message == "apy: HTTP 400 (bad request): That pair is not installed");
  auto engine = apy_engine(apy().url());
  auto result = engine->translate("Hola", tag("es"), tag("de"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "apy: cannot translate from es to de");
}

TEST_CASE("An APy that is not running is reported after the retries", "[translate][apy]") {
  auto engine = apy_engine("http://127.0.0.1:9");  // the discard port: nothing listens
  auto result = engine->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  // The middle is the fetcher's own wording for the failed connection.
  CHECK_THAT(result.error().message,
             Catch::StartsWith("apy: ") && Catch::EndsWith(" (after 2 attempts)"));
}
