// The libretranslate and deepl engines against a local server speaking their
// documented APIs (support/fake_translation_services.py), and the retry policy.
#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "node/translate/factory.h"
#include "node/translate/remote/remote_engine.h"
#include "node/translate/translator.h"
#include "tests/node/translate/support/loopback_fetcher.h"
#include "tests/node/translate/support/server_process.h"

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

std::unique_ptr<testing::ServerProcess> start_services(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3",
                                testing::support_file("fake_translation_services.py")};
  argv.insert(argv.end(), options.begin(), options.end());
  auto server = testing::ServerProcess::start(argv, std::chrono::seconds(20));
  if (!server.ok()) FAIL(server.error().message);
  return std::move(*server);
}

struct Services {
  std::unique_ptr<testing::ServerProcess> server;
  std::shared_ptr<fetch::Fetcher> fetcher = testing::make_loopback_fetcher(std::chrono::seconds(5));

  explicit Services(std::vector<std::string> options = {})
      : server(start_services(std::move(options))) {}

  std::shared_ptr<Engine> engine(const std::string& name, const std::string& key = "",
                                 int attempts = 3) {
    EngineConfig config;
    config.engine = name;
    config.url = server->url() + "/";  // a trailing slash is taken off
    config.api_key = key;
    config.max_attempts = attempts;
    config.initial_backoff = std::chrono::milliseconds(10);
    config.max_backoff = std::chrono::milliseconds(2000);
    auto made = make_engine(config, fetcher);
    REQUIRE(made.ok());
    return *made;
  }

  // The next answers to `path`, e.g. R"([{"status": 429}, {"status": 500}])".
  void script(const std::string& path, const std::string& replies) {
    auto response = fetcher->fetch(remote::http_request(
        server->url() + "/_script", "POST", {{"Content-Type", "application/json"}},
        R"({"path": ")" + path + R"(", "replies": )" + replies + "}"));
    REQUIRE(response.outcome == fetch::Outcome::kOk);
  }

  int count(const std::string& path) {
    auto response =
        fetcher->fetch(remote::http_request(server->url() + "/_count?path=" + path, "GET"));
    return ::web::json::value::parse(response.body).at("count").as_integer();
  }

  ::web::json::value last(const std::string& path) {
    auto response =
        fetcher->fetch(remote::http_request(server->url() + "/_last?path=" + path, "GET"));
    return ::web::json::value::parse(response.body);
  }
};

std::string translated(Engine& engine, std::string_view text, const char* from, const char* to,
                       TextFormat format = TextFormat::kPlain) {
  auto result = engine.translate(text, tag(from), tag(to), format);
  if (!result.ok()) FAIL(result.error().message);
  return *result;
}

}  // namespace

TEST_CASE("LibreTranslate: languages, text and HTML", "[translate][libretranslate]") {
  Services services;
  auto engine = services.engine("libretranslate");
  auto pairs = engine->pairs();
  REQUIRE(pairs.ok());
  CHECK(*pairs == std::vector<Pair>{{tag("en"), tag("es")},
                                    {tag("en"), tag("pt")},
                                    {tag("es"), tag("en")},
                                    {tag("pt"), tag("en")}});
  CHECK(translated(*engine, "Hola mundo", "es", "en") == "Hello world");
  auto sent = services.last("/translate").at("body").as_string();
  CHECK(::web::json::value::parse(sent) ==
        ::web::json::value::parse(R"({"q": "Hola mundo", "source": "es", "target": "en",
                                      "format": "text"})"));
  CHECK(translated(*engine, "<p>Hola <b>mundo</b> &amp; el perro</p>", "es", "en",
                   TextFormat::kHtml) == "<p>Hello <b>world</b> &amp; the dog</p>");
  CHECK(translated(*engine, "Olá", "pt", "en") == "Olá");  // sent as LibreTranslate's "pt-BR"
  auto pivot = translate::translate(*engine, "Olá", tag("pt"), tag("es"), TextFormat::kPlain);
  REQUIRE(pivot.ok());
  CHECK(pivot->engine == "libretranslate:pt>en>es");
}

TEST_CASE("LibreTranslate: the API key is sent, and a refused key is not retried",
          "[translate][libretranslate]") {
  Services services({"--libre-key", "secret"});
  CHECK(translated(*services.engine("libretranslate", "secret"), "Hola", "es", "en") == "Hello");
  auto wrong = services.engine("libretranslate", "guess");
  auto result = wrong->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "libretranslate: HTTP 403 (the key was refused): Invalid API key");
  CHECK(services.count("/translate") == 2);  // one each
}

TEST_CASE("DeepL: languages, regional targets, text and HTML", "[translate][deepl]") {
  Services services;
  auto engine = services.engine("deepl", "test-key:fx");
  auto pairs = engine->pairs();
  REQUIRE(pairs.ok());
  CHECK(pairs->size() == 6);  // en, es, pt into each other
  CHECK(translated(*engine, "Hola mundo", "es", "en") == "Hello world");
  auto last = services.last("/v2/translate");
  CHECK(last.at("headers").at("Authorization").as_string() == "DeepL-Auth-Key test-key:fx");
  CHECK(::web::json::value::parse(last.at("body").as_string()) ==
        ::web::json::value::parse(
            R"({"text": ["Hola mundo"], "source_lang": "ES", "target_lang": "EN-GB"})"));
  translated(*engine, "Hola", "es", "pt");
  CHECK(::web::json::value::parse(services.last("/v2/translate").at("body").as_string())
            .at("target_lang")
            .as_string() == "PT-PT");
  CHECK(translated(*engine, "<p>Hola <b>mundo</b></p>", "es", "en", TextFormat::kHtml) ==
        "<p>Hello <b>world</b></p>");
  CHECK(::web::json::value::parse(services.last("/v2/translate").at("body").as_string())
            .at("tag_handling")
            .as_string() == "html");
}

TEST_CASE("DeepL: a refused key and an exhausted quota are reported at once",
          "[translate][deepl]") {
  Services services;
  auto wrong = services.engine("deepl", "wrong-key");
  auto refused = wrong->pairs();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "deepl: HTTP 403 (the key was refused): Authorization failure, check auth_key");
  auto engine = services.engine("deepl", "test-key:fx");
  REQUIRE(engine->pairs().ok());
  services.script("/v2/translate", R"([{"status": 456}])");
  auto quota = engine->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(quota.ok());
  CHECK(quota.error().message == "deepl: HTTP 456 (quota exceeded): scripted 456");
  CHECK(services.count("/v2/translate") == 1);
}

TEST_CASE("Rate limits and server errors are retried with back-off", "[translate][http]") {
  Services services;
  auto engine = services.engine("libretranslate", "", 4);
  REQUIRE(engine->pairs().ok());
  services.script("/translate", R"([{"status": 429, "retry_after": 0}, {"status": 500},
                                    {"status": 502}])");
  CHECK(translated(*engine, "Hola", "es", "en") == "Hello");
  CHECK(services.count("/translate") == 4);
}

TEST_CASE("Retries stop after max_attempts and the last error is reported", "[translate][http]") {
  Services services;
  auto engine = services.engine("libretranslate", "", 3);
  REQUIRE(engine->pairs().ok());
  services.script("/translate", R"([{"status": 503}, {"status": 503}, {"status": 500},
                                    {"status": 500}])");
  auto result = engine->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "libretranslate: HTTP 500 (server error): scripted 500 (after 3 attempts)");
  CHECK(services.count("/translate") == 3);
}

TEST_CASE("A Retry-After longer than the longest back-off ends the retries", "[translate][http]") {
  Services services;
  auto engine = services.engine("libretranslate");
  REQUIRE(engine->pairs().ok());
  services.script("/translate", R"([{"status": 429, "retry_after": 120}])");
  auto result = engine->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "libretranslate: HTTP 429 (too many requests): scripted 429 (asked to wait 120 s)");
  CHECK(services.count("/translate") == 1);
}

TEST_CASE("A service slower than the timeout is retried, then reported", "[translate][http]") {
  Services services;
  services.fetcher = testing::make_loopback_fetcher(std::chrono::milliseconds(300));
  auto engine = services.engine("libretranslate", "", 2);
  REQUIRE(engine->pairs().ok());
  services.script("/translate", R"([{"delay": 1.5}, {"delay": 1.5}])");
  auto result = engine->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.error().message, Catch::StartsWith("libretranslate: ") &&
                                         Catch::Contains("timed out") &&
                                         Catch::EndsWith(" (after 2 attempts)"));
  CHECK(services.count("/translate") == 2);
}

TEST_CASE("An answer without a translation is an error, never a translation", "[translate][http]") {
  Services services;
  auto libre = services.engine("libretranslate");
  REQUIRE(libre->pairs().ok());
  services.script("/translate", R"([{"body": "{\"error\": \"Model not loaded\"}"},
                                    {"body": "<html>Gateway</html>"}])");
  for (int i = 0; i < 2; ++i) {
    auto result = libre->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message ==
          "libretranslate: the answer to /translate has no translatedText");
  }
  auto deepl = services.engine("deepl", "test-key:fx");
  REQUIRE(deepl->pairs().ok());
  services.script("/v2/translate", R"([{"body": "{\"translations\": []}"}])");
  auto empty = deepl->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "deepl: /v2/translate answered with no translation");
}

TEST_CASE("A language list the engine cannot read is an error, and is asked again later",
          "[translate][http]") {
  Services services;
  auto engine = services.engine("libretranslate");
  services.script("/languages", R"([{"body": "{\"languages\": 3}"}])");
  auto broken = engine->pairs();
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message ==
        "libretranslate: /languages did not answer with a list of languages");
  CHECK(engine->pairs().ok());
  CHECK(engine->pairs().ok());
  CHECK(services.count("/languages") == 2);  // kept once read
}

TEST_CASE("DeepL's URL follows the kind of key", "[translate][deepl]") {
  // A fetcher that answers nothing, to see where requests would go.
  struct Recorder final : fetch::Fetcher {
    std::vector<std::string> urls;
    std::vector<fetch::Response> fetch_all(const std::vector<fetch::Request>& requests,
                                           const fetch::Progress&) override {
      for (const auto& r : requests) urls.push_back(r.url);
      return std::vector<fetch::Response>(requests.size());
    }
  };
  for (auto [key, url] :
       {std::pair{"abc:fx", "https://api-free.deepl.com/v2/languages?type=source"},
        {"abc", "https://api.deepl.com/v2/languages?type=source"}}) {
    auto recorder = std::make_shared<Recorder>();
    EngineConfig config;
    config.engine = "deepl";
    config.api_key = key;
    config.max_attempts = 1;
    auto engine = make_engine(config, recorder);
    REQUIRE(engine.ok());
    CHECK_FALSE((*engine)->pairs().ok());
    REQUIRE(recorder->urls.size() == 1);
    CHECK(recorder->urls[0] == url);
  }
}
