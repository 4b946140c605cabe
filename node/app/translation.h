// Wiring between the node and node/translate (docs/translation.md): the engine and
// the backlog's options from the config, the translation metrics, and the worker
// that runs the backlog under `sicnode serve`.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "node/config/config.h"
#include "node/context/context.h"
#include "node/translate/backlog.h"
#include "node/translate/factory.h"
#include "node/translate/worker.h"

namespace sic::translation {

// [translation] as the engine factory takes it.
translate::EngineConfig engine_config(const Config& config);

// The configured engine. The HTTP engines get a libcurl fetcher with
// translate::fetch_limits; *fetcher receives it (for cancelling at shutdown) when
// given. Errors name the problem ("translation: apertium: no translation mode in
// /usr/share/apertium/modes").
Result<std::shared_ptr<translate::Engine>> make_engine(
    const Config& config, std::shared_ptr<fetch::Fetcher>* fetcher = nullptr);

// The node's languages, the sanitizer's options and the back-off from the config.
translate::BacklogOptions backlog_options(const Config& config, const SanitizeOptions& sanitize);

// Declares the translation metric families (docs/translation.md, "Metrics").
void add_metrics(metrics::Registry& registry);

// Counts what the backlog does into the registry: engine calls by engine and step,
// memory hits and failures; sets the backlog and unreachable gauges at each plan.
// Thread-safe (the registry is).
class MetricsObserver final : public translate::BacklogObserver {
 public:
  explicit MetricsObserver(metrics::Registry& registry) : registry_(registry) {}
  void engine_called(const std::string& engine, const translate::Pair& step) override;
  void memory_hit() override;
  void planned(const translate::Plan& plan) override;
  void finished(const translate::ItemResult& result) override;

 private:
  metrics::Registry& registry_;
  std::size_t backlog_ = 0;  // only the worker's thread calls planned/finished
};

// The backlog in the background for `sicnode serve`: a translate::Worker on the
// context's engine and catalogue, counting into the context's metrics and logging
// through `log`. stop() (also the destructor) cancels an HTTP engine's requests in
// flight and waits for the worker to end; a text in an Apertium pipeline finishes
// first (bounded by [translation] timeout_seconds). `on_thread_start` runs first on the
// worker's thread.
class BackgroundTranslation {
 public:
  static Result<std::unique_ptr<BackgroundTranslation>> start(
      NodeContext& context, std::function<void(log::Level, const std::string&)> log,
      std::function<void()> on_thread_start = {});
  ~BackgroundTranslation() { stop(); }
  void stop();

 private:
  explicit BackgroundTranslation(NodeContext& context)
      : observer_(context.metrics), cancel_(context.cancel_translation_requests) {}
  MetricsObserver observer_;
  std::function<void()> cancel_;
  std::unique_ptr<translate::Worker> worker_;
};

}  // namespace sic::translation
