// The backlog in the background under `sicnode serve` (docs/translation.md, "The
// backlog"). The worker makes a pass at start, then whenever the catalogue's version
// changes (an article from the API, a sync round, `sicnode import` in another
// process), a back-off ends, or notify() is called. Requests never wait for it: an
// arriving article is published in its original at once and gains its translations
// as they finish.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "node/log/log.h"
#include "node/translate/backlog.h"
#include "sync/scheduler/loop.h"

namespace sic::translate {

struct WorkerOptions {
  std::string catalogue_path;  // the worker opens its own connection
  const Clock* clock = &system_clock();
  BacklogOptions backlog;
  // How often the catalogue's version is read to notice changes made elsewhere.
  std::chrono::milliseconds poll{500};
  // The wait before asking again when the engine could not list its pairs.
  std::chrono::milliseconds engine_retry{std::chrono::seconds(60)};
  // Lines for the node's log ("translate: 3 translated, 1 failed; backlog 2"): info,
  // warn when a translation failed, error when a whole pass failed.
  std::function<void(log::Level, const std::string&)> log;
  // Called first on the worker's thread (`serve` lowers its CPU priority). May be empty.
  std::function<void()> on_start;
};

class Worker {
 public:
  // Opens the catalogue and starts the thread. `engines` are shared with whoever else
  // uses them; `observer` (metrics) must outlive the Worker and is called on the
  // worker's thread. Error when the catalogue cannot be opened.
  static Result<std::unique_ptr<Worker>> start(std::shared_ptr<EngineSet> engines,
                                               WorkerOptions options, BacklogObserver& observer);
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Asks for a pass soon. Thread-safe.
  void notify();
  // Ends the loop after the texts in flight (each text is bounded by its engine's
  // timeout) and joins the thread. Thread-safe, idempotent.
  void stop();

 private:
  Worker(std::shared_ptr<EngineSet> engines, std::unique_ptr<Catalogue> catalogue,
         WorkerOptions options, BacklogObserver& observer);
  void loop();
  // One pass; returns when the next pass is due at the latest (back-off, engine retry).
  std::optional<TimePoint> pass(Backlog& backlog);
  void log(log::Level level, const std::string& line) const;

  std::shared_ptr<EngineSet> engines_;
  std::unique_ptr<Catalogue> catalogue_;
  WorkerOptions options_;
  BacklogObserver& observer_;
  sync::BackgroundLoop loop_;
};

}  // namespace sic::translate
