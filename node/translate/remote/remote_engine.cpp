#include "node/translate/remote/remote_engine.h"

#include <cpprest/json.h>

#include <algorithm>
#include <set>
#include <thread>

namespace sic::translate::remote {
namespace {

namespace json = ::web::json;

// The message a service put in its error answer: LibreTranslate's "error", APy's
// "explanation" (its "message" only repeats the status), DeepL's "message".
std::string service_message(const std::string& body) {
  try {
    json::value json = json::value::parse(body);
    if (!json.is_object()) return "";
    for (const char* key : {"error", "explanation", "message"})
      if (json.has_string_field(key)) return json.at(key).as_string().substr(0, 200);
  } catch (const std::exception&) {
  }
  return "";
}

std::string describe_status(int status) {
  std::string text = "HTTP " + std::to_string(status);
  switch (status) {
    case 400:
      return text + " (bad request)";
    case 401:
    case 403:
      return text + " (the key was refused)";
    case 413:
      return text + " (the text is too large)";
    case 429:
      return text + " (too many requests)";
    case 456:
      return text + " (quota exceeded)";
    default:
      return status >= 500 ? text + " (server error)" : text;
  }
}

std::string describe(const fetch::Response& response) {
  std::string text = response.status > 0 ? describe_status(response.status) : response.error;
  if (text.empty()) text = "the request failed";
  std::string message = service_message(response.body);
  return message.empty() ? text : text + ": " + message;
}

bool worth_retrying(const fetch::Response& response) {
  switch (response.outcome) {
    case fetch::Outcome::kRateLimited:
    case fetch::Outcome::kTimeout:
    case fetch::Outcome::kNetworkError:
      return true;
    case fetch::Outcome::kHttpError:
      return response.status >= 500;
    default:
      return false;
  }
}

}  // namespace

Result<fetch::Response> send_with_retry(fetch::Fetcher& fetcher, const fetch::Request& request,
                                        const RetryPolicy& policy, std::string_view engine) {
  std::chrono::milliseconds backoff = policy.initial_backoff;
  int attempts = std::max(policy.max_attempts, 1);
  for (int attempt = 1;; ++attempt) {
    fetch::Response response = fetcher.fetch(request);
    if (response.outcome == fetch::Outcome::kOk) return response;
    std::string failure = std::string(engine) + ": " + describe(response);
    if (!worth_retrying(response)) return Error{failure};
    if (attempt >= attempts)
      return Error{failure + " (after " + std::to_string(attempt) + " attempts)"};
    std::chrono::milliseconds wait = backoff;
    if (response.retry_after) {
      auto asked = std::chrono::duration_cast<std::chrono::milliseconds>(*response.retry_after);
      if (asked > policy.max_backoff)
        return Error{failure + " (asked to wait " + std::to_string(response.retry_after->count()) +
                     " s)"};
      wait = std::max(wait, asked);
    }
    std::this_thread::sleep_for(wait);
    backoff = std::min(backoff * 2, policy.max_backoff);
  }
}

fetch::Request http_request(std::string url, std::string method,
                            std::vector<std::pair<std::string, std::string>> headers,
                            std::string body) {
  fetch::Request request;
  request.url = std::move(url);
  request.method = std::move(method);
  request.headers = std::move(headers);
  request.body = std::move(body);
  return request;
}

std::vector<Pair> normalized(std::vector<Pair> pairs) {
  std::set<Pair> unique;
  for (const Pair& pair : pairs)
    if (pair.from.primary() != pair.to.primary()) unique.insert(pair);
  return {unique.begin(), unique.end()};
}

RemoteEngine::RemoteEngine(std::string name, RemoteOptions options,
                           std::shared_ptr<fetch::Fetcher> fetcher)
    : name_(std::move(name)), options_(std::move(options)), fetcher_(std::move(fetcher)) {}

Result<RemoteEngine::Languages> RemoteEngine::languages() {
  std::lock_guard lock(mu_);
  if (!languages_) {
    auto loaded = load_languages();
    if (!loaded.ok()) return loaded.error();
    loaded->pairs = normalized(std::move(loaded->pairs));
    languages_ = std::move(*loaded);
  }
  return *languages_;
}

Result<std::vector<Pair>> RemoteEngine::pairs() {
  auto languages = this->languages();
  if (!languages.ok()) return languages.error();
  return languages->pairs;
}

Result<std::string> RemoteEngine::translate(std::string_view text, const LanguageTag& from,
                                            const LanguageTag& to, TextFormat format) {
  auto languages = this->languages();
  if (!languages.ok()) return languages.error();
  auto source = languages->source_codes.find(from.primary());
  auto target = languages->target_codes.find(to.primary());
  bool paired = std::any_of(languages->pairs.begin(), languages->pairs.end(), [&](const Pair& p) {
    return p.from.primary() == from.primary() && p.to.primary() == to.primary();
  });
  if (!paired || source == languages->source_codes.end() || target == languages->target_codes.end())
    return error("cannot translate from " + from.primary() + " to " + to.primary());
  if (text.empty()) return std::string();
  return request_translation(text, source->second, target->second, format);
}

}  // namespace sic::translate::remote
