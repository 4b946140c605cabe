// Choosing and building the engine from the node's [translation] config
// (docs/translation.md, "Configuration").
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"
#include "sync/http_client/http_client.h"

namespace sic::translate {

// [translation] in the node's config; the config loader fills it.
struct EngineConfig {
  std::string engine = "apertium";  // "apertium", "apy", "libretranslate", "deepl" or "none"
  std::string url;                  // apy, libretranslate: required; deepl: optional
  std::string api_key;              // deepl: required; libretranslate: optional
  std::filesystem::path apertium_data_dir = "/usr/share/apertium";
  // apertium: the most one text may take. HTTP engines: the fetcher's total timeout
  // for one request (see fetch_limits).
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds connect_timeout{10'000};  // HTTP engines
  int max_attempts = 4;                               // HTTP engines, first try included
  std::chrono::milliseconds initial_backoff{500};     // HTTP engines, doubling
  std::chrono::milliseconds max_backoff{8'000};       // HTTP engines
};

// Checks the config without building anything: a known engine name, the URL an
// engine needs (http:// or https://), DeepL's key, positive timeouts and attempts.
// Errors read "translation: engine \"apy\" needs a url".
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

// The engine for [translation] engine = "none": no pairs; translate() fails.
std::shared_ptr<Engine> make_none_engine();

}  // namespace sic::translate
