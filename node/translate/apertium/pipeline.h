// One translation direction's long-running pipeline of Apertium programs in
// null-flush mode (docs/translation.md, "Apertium pipelines").
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"
#include "node/translate/apertium/process.h"

namespace sic::translate::apertium {

class Pipeline {
 public:
  // `name` ("spa-eng") is used in messages; `stages` are the programs, in order, as
  // parse_pipeline() returns them. Nothing is started before the first run().
  Pipeline(std::string name, std::vector<std::vector<std::string>> stages);
  // Stops the children (SIGTERM, then SIGKILL after a short grace) and reaps them.
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Sends `input`, which holds `chunks` NUL-terminated chunks of Apertium stream
  // format, and returns the pipeline's output for them (`chunks` NUL-terminated
  // chunks). Starts the pipeline when it is not running and restarts it when a stage
  // has died. When the pipeline breaks while this text is in it, the text is tried
  // once more on a fresh pipeline. On a timeout the children are stopped, so a slow
  // text never blocks the direction past `deadline`; the next call starts afresh.
  // Errors name the direction ("apertium: spa-eng timed out"). When `*cancelled`
  // becomes true (the node is stopping) the text fails within kCancelCheck ("apertium:
  // spa-eng cancelled"), its children are stopped and it is not tried again.
  // Thread-safe; texts go through one at a time.
  Result<std::string> run(std::string_view input, std::size_t chunks, Deadline deadline,
                          const std::atomic<bool>* cancelled = nullptr);

  // The PIDs of the running stages, in pipeline order; empty when not running.
  std::vector<pid_t> pids() const;

 private:
  Status start();
  void stop();
  bool all_running();
  Error failure(std::string_view what) const;

  const std::string name_;
  const std::vector<std::vector<std::string>> stages_;
  mutable std::mutex mu_;
  std::vector<Child> children_;  // guarded by mu_
  Fd to_, from_, errors_;        // guarded by mu_
  std::uint64_t texts_ = 0;      // guarded by mu_; numbers the end markers
};

}  // namespace sic::translate::apertium
