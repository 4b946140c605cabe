#include "node/translate/factory.h"

#include <algorithm>
#include <array>

#include "node/translate/apertium/engine.h"
#include "node/translate/remote/engines.h"

namespace sic::translate {
namespace {

struct EngineKind {
  std::string_view name;
  bool needs_url;
  bool needs_key;
  bool over_http;
};
constexpr std::array<EngineKind, 5> kEngines{{
    {"apertium", false, false, false},
    {"apy", true, false, true},
    {"libretranslate", true, false, true},
    {"deepl", false, true, true},
    {"none", false, false, false},
}};

const EngineKind* find_kind(std::string_view name) {
  auto it = std::find_if(kEngines.begin(), kEngines.end(),
                         [&](const EngineKind& kind) { return kind.name == name; });
  return it == kEngines.end() ? nullptr : &*it;
}

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

class NoneEngine final : public Engine {
 public:
  std::string name() const override { return "none"; }
  Result<std::vector<Pair>> pairs() override { return std::vector<Pair>{}; }
  Result<std::string> translate(std::string_view, const LanguageTag& from, const LanguageTag& to,
                                TextFormat) override {
    return Error{"none: machine translation is turned off (cannot translate " + from.str() +
                 " to " + to.str() + ")"};
  }
};

remote::RemoteOptions remote_options(const EngineConfig& config) {
  std::string url = config.url;
  while (url.ends_with('/')) url.pop_back();
  return {url, config.api_key,
          remote::RetryPolicy{config.max_attempts, config.initial_backoff, config.max_backoff}};
}

}  // namespace

Status validate(const EngineConfig& config) {
  const EngineKind* kind = find_kind(config.engine);
  std::string engine = "translation: engine \"" + config.engine + "\"";
  if (!kind)
    return Error{"translation: unknown engine \"" + config.engine +
                 "\" (expected apertium, apy, libretranslate, deepl or none)"};
  if (kind->needs_url && config.url.empty()) return Error{engine + " needs a url"};
  if (!config.url.empty() && !is_http_url(config.url))
    return Error{engine + ": url must start with http:// or https://: \"" + config.url + "\""};
  if (kind->needs_key && config.api_key.empty()) return Error{engine + " needs an api_key"};
  if (config.timeout.count() <= 0 || config.connect_timeout.count() <= 0)
    return Error{engine + ": timeouts must be positive"};
  if (kind->over_http && config.max_attempts < 1)
    return Error{engine + ": max_attempts must be at least 1"};
  return Status::Ok();
}

fetch::Limits fetch_limits(const EngineConfig& config) {
  fetch::Limits limits;
  auto whole_seconds = [](std::chrono::milliseconds ms) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(ms));
  };
  limits.connect_timeout = whole_seconds(config.connect_timeout);
  limits.total_timeout = whole_seconds(config.timeout);
  limits.max_body_bytes = 8 * 1024 * 1024;
  limits.allow_private_addresses = true;
  return limits;
}

Result<std::shared_ptr<Engine>> make_engine(const EngineConfig& config,
                                            std::shared_ptr<fetch::Fetcher> fetcher) {
  if (Status valid = validate(config); !valid.ok()) return valid.error();
  if (config.engine == "none") return make_none_engine();
  if (config.engine == "apertium") {
    auto engine = ApertiumEngine::open({config.apertium_data_dir, config.timeout});
    if (!engine.ok()) return engine.error();
    return std::shared_ptr<Engine>(std::move(*engine));
  }
  if (!fetcher) return Error{"translation: engine \"" + config.engine + "\" needs an HTTP fetcher"};
  remote::RemoteOptions options = remote_options(config);
  if (config.engine == "apy")
    return std::shared_ptr<Engine>(remote::make_apy_engine(options, fetcher));
  if (config.engine == "libretranslate")
    return std::shared_ptr<Engine>(remote::make_libretranslate_engine(options, fetcher));
  return std::shared_ptr<Engine>(remote::make_deepl_engine(options, fetcher));
}

std::shared_ptr<Engine> make_none_engine() { return std::make_shared<NoneEngine>(); }

}  // namespace sic::translate
