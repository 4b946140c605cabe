#include "node/app/translation.h"

#include <algorithm>
#include <thread>

#include "node/translate/outstanding.h"

namespace sic::translation {
namespace {

constexpr const char* kCalls = "sicnode_translation_engine_calls_total";
constexpr const char* kHits = "sicnode_translation_memory_hits_total";
constexpr const char* kFailures = "sicnode_translation_failures_total";
constexpr const char* kBacklog = "sicnode_translation_backlog";
constexpr const char* kUnreachable = "sicnode_translation_unreachable";
constexpr const char* kCallbacks = "sicnode_translation_callbacks_total";

std::string user_agent(const Config& config) {
  return std::string("sicnode/") + SIC_VERSION + " (+" + config.node.base_url.str() + ")";
}

translate::EngineConfig engine_config(const Config& config, const TranslationEngineSection& t) {
  translate::EngineConfig e;
  e.engine = t.engine;
  e.url = t.url;
  e.api_key = t.api_key;
  e.apertium_data_dir = t.apertium_data_dir;
  e.timeout = t.timeout;
  e.connect_timeout = t.connect_timeout;
  e.max_attempts = t.max_attempts;
  e.languages = t.languages;
  e.pipelines = parallel(config);
  e.application = t.application;
  e.password = t.password;
  e.username = t.username;
  e.callback_url = t.callback_url.empty() ? config.node.base_url.str() : t.callback_url;
  e.callback_timeout = t.callback_timeout;
  e.max_outstanding = std::size_t(t.max_outstanding);
  e.domain = t.domain;
  return e;
}

}  // namespace

std::size_t parallel(const Config& config) {
  if (config.translation.parallel > 0) return std::size_t(config.translation.parallel);
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
}

std::vector<translate::EngineConfig> engine_configs(const Config& config) {
  std::vector<translate::EngineConfig> out;
  for (const auto& engine : config.translation.engines)
    out.push_back(engine_config(config, engine));
  return out;
}

Result<std::shared_ptr<translate::EngineSet>> make_engines(const Config& config) {
  return translate::make_engines(engine_configs(config), [&](const translate::EngineConfig& e) {
    return std::shared_ptr<fetch::Fetcher>(
        fetch::make_curl_fetcher(translate::fetch_limits(e), user_agent(config)));
  });
}

translate::BacklogOptions backlog_options(const Config& config, const SanitizeOptions& sanitize) {
  translate::BacklogOptions options;
  options.languages = config.node.languages;
  options.sanitize = sanitize;
  options.retry.base = config.translation.retry_initial;
  options.retry.cap = config.translation.retry_max;
  options.parallel = parallel(config);
  return options;
}

namespace {

http::Response callback(NodeContext& ctx, const http::Request& req, const http::Params& params) {
  translate::Callback cb{params.at("kind"), req.header("content-type"), req.body, req.query, {}};
  if (cb.content_type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    auto form = http::parse_query(req.body);
    if (!form) return http::Response::text(400, "translation: the form body is malformed\n");
    cb.form = std::move(*form);
  }
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
  std::string detail;
  auto outcome = translate::accept_callback(*ctx.translation_engines, **cat, params.at("reference"),
                                            params.at("secret"), cb, detail);
  if (!outcome.ok()) return http::Response::text(503, "catalogue unavailable\n");
  const char* label = "refused";
  http::Response response = http::Response::text(200, "ok\n");
  switch (*outcome) {
    case translate::CallbackOutcome::kStored:
      label = "stored";
      break;
    case translate::CallbackOutcome::kFailed:
      label = "failed";
      break;
    case translate::CallbackOutcome::kIgnored:
      label = "ignored";
      break;
    case translate::CallbackOutcome::kRefused:
      response = http::Response::text(403, "no such translation request\n");
      break;
    case translate::CallbackOutcome::kMalformed:
      label = "malformed";
      response = http::Response::text(400, detail + "\n");
      break;
  }
  ctx.metrics.inc(kCallbacks, {{"outcome", label}});
  return response;
}

// Before a callback's body is read: 403 unless the path names a request with its own
// secret, so that no one else can make the node hold a large body.
std::optional<http::Response> admit_callback(NodeContext& ctx, const http::Params& params) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
  auto found = translate::find_callback_request(**cat, params.at("reference"), params.at("secret"));
  if (!found.ok()) return http::Response::text(503, "catalogue unavailable\n");
  if (*found) return std::nullopt;
  ctx.metrics.inc(kCallbacks, {{"outcome", "refused"}});
  return http::Response::text(403, "no such translation request\n");
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  // A document callback carries the translation in base64 (4/3 of its size): twice the
  // API's write limit takes the translation of any article the API could store.
  http::RouteOptions options{.max_body = 2 * ctx.config.server.max_body_bytes,
                             .admit = [&ctx](const http::Request&, const http::Params& p) {
                               return admit_callback(ctx, p);
                             }};
  router.add(
      http::Method::kPost, "/translation/callbacks/{reference}/{secret}/{kind}",
      [&ctx](const http::Request& r, const http::Params& p) { return callback(ctx, r, p); },
      std::move(options));
}

void add_metrics(metrics::Registry& m) {
  m.counter(kCalls,
            "Real calls to the translation engine (memory hits excluded), by engine and "
            "language pair of the step.");
  m.counter(kHits, "Texts (per route step) answered by the translation memory.");
  m.counter(kFailures, "Translations that failed and wait for a retry.");
  m.gauge(kBacklog, "Translations to make: due now or waiting after a failure.");
  m.gauge(kUnreachable,
          "Live articles, by source language, that no route translates into every node "
          "language.");
  m.counter(kCallbacks,
            "Callbacks of asynchronous engines, by outcome: stored, failed, ignored (duplicate "
            "or late), refused (no such request or a wrong secret), malformed.");
  m.inc(kHits, {}, 0);
  m.inc(kFailures, {}, 0);
  m.set(kBacklog, {}, 0);
}

void MetricsObserver::engine_called(const std::string& engine, const translate::Pair& step) {
  registry_.inc(kCalls, {{"engine", engine}, {"pair", step.from.str() + "-" + step.to.str()}});
}

void MetricsObserver::memory_hit() { registry_.inc(kHits); }

void MetricsObserver::planned(const translate::Plan& plan) {
  backlog_ = plan.size();
  registry_.set(kBacklog, {}, double(backlog_));
  registry_.clear(kUnreachable);
  for (const auto& [lang, articles] : plan.unreachable_articles)
    registry_.set(kUnreachable, {{"lang", lang}}, double(articles));
}

void MetricsObserver::finished(const translate::ItemResult& result) {
  if (result.outcome == translate::ItemOutcome::kFailed) registry_.inc(kFailures);
  if (result.outcome == translate::ItemOutcome::kFailed ||
      result.outcome == translate::ItemOutcome::kSent)
    return;  // it stays in the backlog, waiting
  if (backlog_ > 0) --backlog_;
  registry_.set(kBacklog, {}, double(backlog_));
}

Result<std::unique_ptr<BackgroundTranslation>> BackgroundTranslation::start(
    NodeContext& context, std::function<void(log::Level, const std::string&)> log,
    std::function<void()> on_thread_start) {
  std::unique_ptr<BackgroundTranslation> self(new BackgroundTranslation(context));
  translate::WorkerOptions options;
  options.catalogue_path = context.config.catalogue_path();
  options.clock = context.clock;
  options.backlog = backlog_options(context.config, context.sanitize);
  options.backlog.signer = context.keys;
  options.log = std::move(log);
  options.on_start = std::move(on_thread_start);
  auto worker =
      translate::Worker::start(context.translation_engines, std::move(options), self->observer_);
  if (!worker.ok()) return worker.error();
  self->worker_ = std::move(*worker);
  return self;
}

void BackgroundTranslation::stop() {
  if (!worker_) return;
  if (engines_) engines_->cancel();
  worker_->stop();
}

}  // namespace sic::translation
