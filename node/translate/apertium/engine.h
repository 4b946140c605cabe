// The Apertium engine: the offline default (docs/translation.md, "Apertium").
//
// Every direction installed under DATADIR/modes is a pair. The first text in a
// direction starts that direction's pipeline (one child process per program of the
// mode, in null-flush mode); later texts reuse it, so a title costs about a
// millisecond instead of the ~100 ms of starting `apertium` for each text. When texts
// in one direction come at once, up to `pipelines` of them run in parallel, each in
// its own pipeline. Plain text is escaped for the stream format in process; HTML goes
// through transfuse (tf-extract, the pipeline, tf-inject) so that markup survives word
// reordering.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "node/translate/apertium/modes.h"
#include "node/translate/apertium/pipeline.h"
#include "node/translate/engine/engine.h"

namespace sic::translate {

struct ApertiumOptions {
  std::filesystem::path data_dir = "/usr/share/apertium";  // holds modes/*.mode
  // The most one text may take, start-up of its pipeline included. A text that takes
  // longer fails, and its pipeline is restarted for the next one.
  std::chrono::milliseconds timeout{30'000};
  // The most pipelines one direction runs at once (1-16): texts beyond wait for one.
  std::size_t pipelines = 1;
};

class ApertiumEngine final : public Engine {
 public:
  // Reads the installed modes. Error when data_dir/modes cannot be read or holds no
  // translation mode. Starts no process.
  static Result<std::unique_ptr<ApertiumEngine>> open(const ApertiumOptions& options);
  // Stops every pipeline's children and reaps them.
  ~ApertiumEngine() override;

  std::string name() const override { return "apertium"; }
  Result<std::vector<Pair>> pairs() override;
  // Different directions run in parallel, and up to options.pipelines texts of one
  // direction.
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, TextFormat format) override;
  // The texts in flight fail within apertium::kCancelCheck and their pipelines stop.
  void cancel() override;
  // apertium::package_cost of the pair's data (the quality order).
  int pair_cost(const Pair& pair) const override;

  // The mode name ("spa-eng") for a direction, or "" when it is not installed.
  std::string mode_name(const LanguageTag& from, const LanguageTag& to) const;
  // The PIDs of a direction's first pipeline, in order; empty when it is not running.
  // For diagnostics and tests.
  std::vector<pid_t> pipeline_pids(const LanguageTag& from, const LanguageTag& to) const;
  // How many pipelines a direction has started (at most options.pipelines).
  std::size_t pipeline_count(const LanguageTag& from, const LanguageTag& to) const;

 private:
  // One direction's pipelines: those running a text and those free.
  struct Pool {
    std::vector<std::unique_ptr<apertium::Pipeline>> all;
    std::vector<apertium::Pipeline*> free;
  };

  ApertiumEngine(ApertiumOptions options, std::vector<apertium::Mode> modes);
  const apertium::Mode* find_mode(const LanguageTag& from, const LanguageTag& to) const;
  // A free pipeline of the mode, a new one when all are busy and fewer than
  // options.pipelines run, else the first to become free before the deadline.
  Result<apertium::Pipeline*> acquire(const apertium::Mode& mode, apertium::Deadline deadline);
  void release(const apertium::Mode& mode, apertium::Pipeline* pipeline);
  Result<std::unique_ptr<apertium::Pipeline>> make_pipeline(const apertium::Mode& mode,
                                                            apertium::Deadline deadline);

  std::atomic<bool> cancelled_{false};
  const ApertiumOptions options_;
  const std::vector<apertium::Mode> modes_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::map<std::string, Pool> pools_;  // by mode name; guarded by mu_
};

}  // namespace sic::translate
