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
constexpr std::array<EngineKind, 6> kEngines{{
    {"apertium", false, false, false},
    {"apy", true, false, true},
    {"libretranslate", true, false, true},
    {"deepl", false, true, true},
    {"etranslation", false, false, true},
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

std::string without_trailing_slash(std::string url) {
  while (url.ends_with('/')) url.pop_back();
  return url;
}

remote::RemoteOptions remote_options(const EngineConfig& config) {
  return {without_trailing_slash(config.url), config.api_key,
          remote::RetryPolicy{config.max_attempts, config.initial_backoff, config.max_backoff}};
}

remote::ETranslationOptions etranslation_options(const EngineConfig& config) {
  remote::ETranslationOptions o;
  o.url = config.url.empty() ? std::string(kETranslationUrl) : config.url;
  o.application = config.application;
  o.password = config.password;
  o.username = config.username.empty() ? config.application : config.username;
  o.domain = config.domain;
  o.retry = {config.max_attempts, config.initial_backoff, config.max_backoff};
  o.settings.callback_base = without_trailing_slash(config.callback_url);
  o.settings.timeout = config.callback_timeout;
  o.settings.max_outstanding = config.max_outstanding;
  return o;
}

Status validate_etranslation(const EngineConfig& config, const std::string& engine) {
  if (config.application.empty() || config.password.empty())
    return Error{engine + " needs an application name and a password"};
  if (config.callback_url.empty() || !is_http_url(config.callback_url))
    return Error{engine + " needs the node's public callback_url (http:// or https://)"};
  if (config.callback_timeout.count() < 1 || config.max_outstanding < 1)
    return Error{engine + ": callback_timeout_seconds and max_outstanding must be positive"};
  return Status::Ok();
}

}  // namespace

Status validate(const EngineConfig& config) {
  const EngineKind* kind = find_kind(config.engine);
  std::string engine = "translation: engine \"" + config.engine + "\"";
  if (!kind)
    return Error{"translation: unknown engine \"" + config.engine +
                 "\" (expected apertium, apy, libretranslate, deepl, etranslation or none)"};
  if (kind->needs_url && config.url.empty()) return Error{engine + " needs a url"};
  if (!config.url.empty() && !is_http_url(config.url))
    return Error{engine + ": url must start with http:// or https://: \"" + config.url + "\""};
  if (kind->needs_key && config.api_key.empty()) return Error{engine + " needs an api_key"};
  if (config.timeout.count() <= 0 || config.connect_timeout.count() <= 0)
    return Error{engine + ": timeouts must be positive"};
  if (kind->over_http && config.max_attempts < 1)
    return Error{engine + ": max_attempts must be at least 1"};
  if (config.pipelines < 1 || config.pipelines > 16)
    return Error{engine + ": pipelines must be between 1 and 16"};
  if (config.engine == "etranslation") return validate_etranslation(config, engine);
  return Status::Ok();
}

bool over_http(const EngineConfig& config) {
  const EngineKind* kind = find_kind(config.engine);
  return kind && kind->over_http;
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
    auto engine =
        ApertiumEngine::open({config.apertium_data_dir, config.timeout, config.pipelines});
    if (!engine.ok()) return engine.error();
    return std::shared_ptr<Engine>(std::move(*engine));
  }
  if (!fetcher) return Error{"translation: engine \"" + config.engine + "\" needs an HTTP fetcher"};
  remote::RemoteOptions options = remote_options(config);
  if (config.engine == "apy")
    return std::shared_ptr<Engine>(remote::make_apy_engine(options, fetcher));
  if (config.engine == "libretranslate")
    return std::shared_ptr<Engine>(remote::make_libretranslate_engine(options, fetcher));
  if (config.engine == "etranslation")
    return std::shared_ptr<Engine>(
        remote::make_etranslation_engine(etranslation_options(config), fetcher));
  return std::shared_ptr<Engine>(remote::make_deepl_engine(options, fetcher));
}

Result<std::shared_ptr<EngineSet>> make_engines(
    const std::vector<EngineConfig>& configs,
    const std::function<std::shared_ptr<fetch::Fetcher>(const EngineConfig&)>& fetcher_for) {
  std::vector<EngineSet::Member> members;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const EngineConfig& config = configs[i];
    auto engine = make_engine(config, over_http(config) ? fetcher_for(config) : nullptr);
    if (!engine.ok()) {
      if (configs.size() == 1) return engine.error();
      std::string why = engine.error().message;
      if (why.rfind("translation: ", 0) == 0) why.erase(0, 13);
      return Error{"translation: engine " + std::to_string(i + 1) + " (" + config.engine +
                   "): " + why};
    }
    members.push_back({std::move(*engine), config.languages});
  }
  if (members.empty()) members.push_back({make_none_engine(), {}});
  return std::make_shared<EngineSet>(std::move(members));
}

std::shared_ptr<Engine> make_none_engine() { return std::make_shared<NoneEngine>(); }

}  // namespace sic::translate
