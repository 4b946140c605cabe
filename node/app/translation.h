// Wiring between the node and node/translate (docs/translation.md): the engines and
// the backlog's options from the config, the translation metrics, the callback route
// of asynchronous engines, and the worker that runs the backlog under `sicnode serve`.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "node/config/config.h"
#include "node/context/context.h"
#include "node/http/router.h"
#include "node/translate/backlog.h"
#include "node/translate/factory.h"
#include "node/translate/worker.h"

namespace sic::translation {

// [translation]'s engines as the engine factory takes them, in order. An engine's
// callback_url defaults to [node] base_url.
std::vector<translate::EngineConfig> engine_configs(const Config& config);

// The configured engines. The HTTP engines get a libcurl fetcher each with
// translate::fetch_limits; EngineSet::cancel() cancels their requests. Errors name
// the problem ("translation: apertium: no translation mode in
// /usr/share/apertium/modes").
Result<std::shared_ptr<translate::EngineSet>> make_engines(const Config& config);

// [translation] parallel, or the number of cores (1-16) when it is 0.
std::size_t parallel(const Config& config);

// The node's languages, the sanitizer's options, the back-off and the parallelism from
// the config.
translate::BacklogOptions backlog_options(const Config& config, const SanitizeOptions& sanitize);

// Declares the translation metric families (docs/translation.md, "Metrics").
void add_metrics(metrics::Registry& registry);

// POST /translation/callbacks/{reference}/{secret}/{kind}: where asynchronous engines'
// services deliver their results (docs/translation.md, "eTranslation"). 200 when the
// callback was stored, or was a duplicate or late one (which changes nothing); 403
// without a request of that reference and secret; 400 for a body that is not the
// engine's callback. The context outlives the router.
void add_routes(http::Router& router, NodeContext& context);

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
  std::size_t backlog_ = 0;  // planned/finished calls come one at a time
};

// The backlog in the background for `sicnode serve`: a translate::Worker on the
// context's engines and catalogue, counting into the context's metrics and logging
// through `log`. stop() (also the destructor) cancels the engines' work in flight
// (HTTP requests, Apertium texts within 100 ms) and waits for the worker to end.
// `on_thread_start` runs first on the worker's thread.
class BackgroundTranslation {
 public:
  static Result<std::unique_ptr<BackgroundTranslation>> start(
      NodeContext& context, std::function<void(log::Level, const std::string&)> log,
      std::function<void()> on_thread_start = {});
  ~BackgroundTranslation() { stop(); }
  void stop();

 private:
  explicit BackgroundTranslation(NodeContext& context)
      : observer_(context.metrics), engines_(context.translation_engines) {}
  MetricsObserver observer_;
  std::shared_ptr<translate::EngineSet> engines_;
  std::unique_ptr<translate::Worker> worker_;
};

}  // namespace sic::translation
