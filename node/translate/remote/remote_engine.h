// What the engines behind HTTP share (docs/translation.md, "HTTP engines"): the
// fetcher, retries with back-off, the cached list of languages, and the checks every
// translation goes through. Each engine says how to ask its service.
#pragma once

#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/translate/engine/engine.h"
#include "sync/http_client/http_client.h"

namespace sic::translate::remote {

struct RetryPolicy {
  int max_attempts = 4;  // in all, the first try included
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{8'000};  // also the longest Retry-After honoured
};

struct RemoteOptions {
  std::string url;      // the service's base URL, without a trailing slash
  std::string api_key;  // "" when the service needs none
  RetryPolicy retry;
};

// Sends `request` through `fetcher`, retrying what may pass with time: 429 and 503
// (waiting at least what Retry-After asks), other 5xx answers, timeouts and network
// errors. The wait starts at initial_backoff and doubles, up to max_backoff; a
// Retry-After longer than max_backoff ends the retries. Other answers (400, 403, 404,
// 456, ...) are not retried: the same request would fail the same way. Returns the 2xx
// response, or an Error naming `engine` and quoting the service's own message when
// its answer carried one ("deepl: HTTP 456 (quota exceeded) ...").
Result<fetch::Response> send_with_retry(fetch::Fetcher& fetcher, const fetch::Request& request,
                                        const RetryPolicy& policy, std::string_view engine);

// A request with these fields (and no validators).
fetch::Request http_request(std::string url, std::string method,
                            std::vector<std::pair<std::string, std::string>> headers = {},
                            std::string body = {});

class RemoteEngine : public Engine {
 public:
  std::string name() const final { return name_; }
  // Loaded from the service on the first successful call, then kept.
  Result<std::vector<Pair>> pairs() final;
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, TextFormat format) final;
  // Cancels the requests in flight through the fetcher (Fetcher::cancel).
  void cancel() final { fetcher_->cancel(); }

 protected:
  // What a service says it translates, with its own codes for the languages.
  struct Languages {
    std::vector<Pair> pairs;
    std::map<std::string, std::string> source_codes;  // primary subtag > service code
    std::map<std::string, std::string> target_codes;
  };

  RemoteEngine(std::string name, RemoteOptions options, std::shared_ptr<fetch::Fetcher> fetcher);

  virtual Result<Languages> load_languages() = 0;
  // One translation with the service's codes; the text is not empty.
  virtual Result<std::string> request_translation(std::string_view text, const std::string& source,
                                                  const std::string& target, TextFormat format) = 0;

  Result<fetch::Response> send(const fetch::Request& request) {
    return send_with_retry(*fetcher_, request, options_.retry, name_);
  }
  // Sends `request` and reads the answer's body with `read` (a Result<T> from the
  // body). A failed request is its error; an answer `read` cannot take (it throws: not
  // JSON, a field missing or of another type) is error(unreadable).
  template <typename Read>
  auto ask(const fetch::Request& request, Read read, std::string_view unreadable)
      -> decltype(read(std::string())) {
    auto response = send(request);
    if (!response.ok()) return response.error();
    try {
      return read(response->body);
    } catch (const std::exception&) {
      return error(unreadable);
    }
  }
  Error error(std::string_view what) const { return Error{name_ + ": " + std::string(what)}; }
  const RemoteOptions& options() const { return options_; }

 private:
  Result<Languages> languages();

  const std::string name_;
  const RemoteOptions options_;
  const std::shared_ptr<fetch::Fetcher> fetcher_;
  std::mutex mu_;
  std::optional<Languages> languages_;  // guarded by mu_
};

// Sorted, without duplicates and without pairs of one language with itself.
std::vector<Pair> normalized(std::vector<Pair> pairs);

}  // namespace sic::translate::remote
