// The engines behind HTTP (docs/translation.md, "HTTP engines"). Each one sends its
// requests through `fetcher`, which the caller builds (with private addresses allowed
// when the service runs on the node's own machine) and shares.
#pragma once

#include <memory>

#include "node/translate/engine/engine.h"
#include "node/translate/remote/remote_engine.h"
#include "sync/http_client/http_client.h"

namespace sic::translate::remote {

// Apertium's HTTP server: GET /listPairs, POST /translate (langpair=spa|eng, q, ...).
std::unique_ptr<Engine> make_apy_engine(RemoteOptions options,
                                        std::shared_ptr<fetch::Fetcher> fetcher);
// LibreTranslate: GET /languages, POST /translate with JSON {q, source, target, format,
// api_key}; the key is sent only when set.
std::unique_ptr<Engine> make_libretranslate_engine(RemoteOptions options,
                                                   std::shared_ptr<fetch::Fetcher> fetcher);
// DeepL API v2: GET /v2/languages, POST /v2/translate, "Authorization: DeepL-Auth-Key".
// options.url may be empty: the Free API's URL for keys ending in ":fx", else Pro's.
std::unique_ptr<Engine> make_deepl_engine(RemoteOptions options,
                                          std::shared_ptr<fetch::Fetcher> fetcher);

// The European Commission's eTranslation web service (docs/translation.md,
// "eTranslation"): asynchronous; requests go out with HTTP Digest authentication and
// the results come back to the node's callback route.
struct ETranslationOptions {
  std::string url;          // the service's translate URL (POST, JSON)
  std::string application;  // Digest user name and callerInformation.application
  std::string password;
  std::string username;  // callerInformation.username
  std::string domain = "GEN";
  RetryPolicy retry;
  AsyncEngine::Settings settings;
};
std::unique_ptr<Engine> make_etranslation_engine(ETranslationOptions options,
                                                 std::shared_ptr<fetch::Fetcher> fetcher);

}  // namespace sic::translate::remote
