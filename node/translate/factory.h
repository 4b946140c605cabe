// Building the engines from the node's [translation] config (docs/translation.md,
// "Configuration").
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"
#include "sync/http_client/http_client.h"

namespace sic::translate {

// One engine of [translation] (a [[translation.engines]] table, or the keys of the
// single-engine form); the config loader fills it.
struct EngineConfig {
  // "apertium", "apy", "libretranslate", "deepl", "etranslation" or "none"
  std::string engine = "apertium";
  std::string url;      // apy, libretranslate: required; deepl, etranslation: optional
  std::string api_key;  // deepl: required; libretranslate: optional
  std::filesystem::path apertium_data_dir = "/usr/share/apertium";
  // apertium: the most one text may take. HTTP engines: the fetcher's total timeout
  // for one request (see fetch_limits).
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds connect_timeout{10'000};  // HTTP engines
  int max_attempts = 4;                               // HTTP engines, first try included
  std::chrono::milliseconds initial_backoff{500};     // HTTP engines, doubling
  std::chrono::milliseconds max_backoff{8'000};       // HTTP engines
  // Empty: every pair of the engine; else the pairs with a source or target among them.
  std::vector<LanguageTag> languages;
  std::size_t pipelines = 1;  // apertium: pipelines per direction, 1-16
  // etranslation (docs/translation.md, "eTranslation"): HTTP Digest credentials, the
  // caller's user name (empty: the application's), the node's public base URL for the
  // service's callbacks (required), the wait for a callback before sending again, the
  // bound on requests in flight and the service's domain.
  std::string application, password, username, callback_url;
  std::chrono::seconds callback_timeout{900};
  std::size_t max_outstanding = 100;
  std::string domain = "GEN";
};

// The eTranslation web service's URL when the config gives none.
inline constexpr const char* kETranslationUrl =
    "https://webgate.ec.europa.eu/etranslation/si/translate";

// Checks the config without building anything: a known engine name, the URL an
// engine needs (http:// or https://), DeepL's key, eTranslation's credentials and
// callback URL, positive timeouts and attempts, pipelines in 1-16. Errors read
// "translation: engine \"apy\" needs a url".
Status validate(const EngineConfig& config);

// The fetcher limits for an HTTP engine: the config's timeouts, and private addresses
// allowed, because the URL comes from the node's administrator and a self-hosted
// service often runs on the same machine (127.0.0.1).
fetch::Limits fetch_limits(const EngineConfig& config);

// Builds the configured engine. HTTP engines send their requests through `fetcher`
// (build it with fetch_limits(config)); the other engines ignore it. Error when the
// config is not valid, an HTTP engine has no fetcher, or the Apertium engine finds no
// installed pair. The engine's services are not contacted here.
Result<std::shared_ptr<Engine>> make_engine(const EngineConfig& config,
                                            std::shared_ptr<fetch::Fetcher> fetcher);

// Builds every engine, in order, as an EngineSet. `fetcher_for` makes the fetcher of
// each HTTP engine. Errors name the engine's position when there are several
// ("translation: engine 2 (deepl): ...").
Result<std::shared_ptr<EngineSet>> make_engines(
    const std::vector<EngineConfig>& configs,
    const std::function<std::shared_ptr<fetch::Fetcher>(const EngineConfig&)>& fetcher_for);

// Whether the engine sends its requests over HTTP (needs a fetcher).
bool over_http(const EngineConfig& config);

// The engine for [translation] engine = "none": no pairs; translate() fails.
std::shared_ptr<Engine> make_none_engine();

}  // namespace sic::translate
