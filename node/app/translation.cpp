#include "node/app/translation.h"

namespace sic::translation {
namespace {

constexpr const char* kCalls = "sicnode_translation_engine_calls_total";
constexpr const char* kHits = "sicnode_translation_memory_hits_total";
constexpr const char* kFailures = "sicnode_translation_failures_total";
constexpr const char* kBacklog = "sicnode_translation_backlog";
constexpr const char* kUnreachable = "sicnode_translation_unreachable";

std::string user_agent(const Config& config) {
  return std::string("sicnode/") + SIC_VERSION + " (+" + config.node.base_url.str() + ")";
}

}  // namespace

translate::EngineConfig engine_config(const Config& config) {
  const TranslationSection& t = config.translation;
  return {.engine = t.engine,
          .url = t.url,
          .api_key = t.api_key,
          .apertium_data_dir = t.apertium_data_dir,
          .timeout = t.timeout,
          .connect_timeout = t.connect_timeout,
          .max_attempts = t.max_attempts};
}

Result<std::shared_ptr<translate::Engine>> make_engine(const Config& config,
                                                       std::shared_ptr<fetch::Fetcher>* fetcher) {
  translate::EngineConfig e = engine_config(config);
  std::shared_ptr<fetch::Fetcher> http;
  if (e.engine != "apertium" && e.engine != "none")
    http = fetch::make_curl_fetcher(translate::fetch_limits(e), user_agent(config));
  if (fetcher) *fetcher = http;
  return translate::make_engine(e, http);
}

translate::BacklogOptions backlog_options(const Config& config, const SanitizeOptions& sanitize) {
  translate::BacklogOptions options;
  options.languages = config.node.languages;
  options.sanitize = sanitize;
  options.retry.base = config.translation.retry_initial;
  options.retry.cap = config.translation.retry_max;
  return options;
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
  if (result.outcome == translate::ItemOutcome::kFailed) {
    registry_.inc(kFailures);
    return;  // it stays in the backlog, waiting
  }
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
  options.log = std::move(log);
  options.on_start = std::move(on_thread_start);
  auto worker =
      translate::Worker::start(context.translation_engine, std::move(options), self->observer_);
  if (!worker.ok()) return worker.error();
  self->worker_ = std::move(*worker);
  return self;
}

void BackgroundTranslation::stop() {
  if (!worker_) return;
  if (cancel_) cancel_();
  worker_->stop();
}

}  // namespace sic::translation
