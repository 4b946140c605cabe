// The fetcher the HTTP engines get in a node: libcurl (sync/http_client) with the limits
// fetch_limits() derives from the engine's config, here with the given total timeout.
#pragma once

#include <chrono>
#include <memory>

#include "node/translate/factory.h"
#include "sync/http_client/http_client.h"

namespace sic::testing {

inline std::shared_ptr<fetch::Fetcher> engine_fetcher(std::chrono::milliseconds timeout) {
  translate::EngineConfig config;
  config.timeout = timeout;
  return fetch::make_curl_fetcher(translate::fetch_limits(config), "sicnode-tests");
}

}  // namespace sic::testing
