// The Apertium engine: the offline default (docs/translation.md, "Apertium").
//
// Every direction installed under DATADIR/modes is a pair. The first text in a
// direction starts that direction's pipeline (one child process per program of the
// mode, in null-flush mode); later texts reuse it, so a title costs about a
// millisecond instead of the ~100 ms of starting `apertium` for each text. Plain text
// is escaped for the stream format in process; HTML goes through transfuse
// (tf-extract, the pipeline, tf-inject) so that markup survives word reordering.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
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
};

class ApertiumEngine final : public Engine {
 public:
  // Reads the installed modes. Error when data_dir/modes cannot be read or holds no
  // translation mode. Starts no process.
  static Result<std::unique_ptr<ApertiumEngine>> open(const ApertiumOptions& options);
  // Stops every pipeline's children and reaps them.
  ~ApertiumEngine() override = default;

  std::string name() const override { return "apertium"; }
  Result<std::vector<Pair>> pairs() override;
  // Different directions run in parallel; texts in one direction take turns.
  Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                const LanguageTag& to, TextFormat format) override;
  // The text in flight fails within apertium::kCancelCheck and its pipeline is stopped.
  void cancel() override { cancelled_ = true; }

  // The mode name ("spa-eng") for a direction, or "" when it is not installed.
  std::string mode_name(const LanguageTag& from, const LanguageTag& to) const;
  // The PIDs of a direction's running pipeline, in order; empty when it is not
  // running. For diagnostics and tests.
  std::vector<pid_t> pipeline_pids(const LanguageTag& from, const LanguageTag& to) const;

 private:
  ApertiumEngine(ApertiumOptions options, std::vector<apertium::Mode> modes);
  const apertium::Mode* find_mode(const LanguageTag& from, const LanguageTag& to) const;
  Result<apertium::Pipeline*> pipeline(const apertium::Mode& mode, apertium::Deadline deadline);

  std::atomic<bool> cancelled_{false};
  const ApertiumOptions options_;
  const std::vector<apertium::Mode> modes_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<apertium::Pipeline>> pipelines_;  // guarded by mu_
};

}  // namespace sic::translate
