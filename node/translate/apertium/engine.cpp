#include "node/translate/apertium/engine.h"

#include <stdlib.h>

#include <algorithm>
#include <system_error>

#include "node/translate/apertium/quality.h"
#include "node/translate/apertium/stream.h"

namespace sic::translate {
namespace {

using apertium::Deadline;

// A private folder for transfuse's state, removed with everything in it.
class StateDir {
 public:
  static Result<StateDir> make() {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "sicnode-tf-XXXXXX").string();
    if (ec || !mkdtemp(pattern.data()))
      return Error{"apertium: cannot make a folder for transfuse in the temporary folder"};
    return StateDir(pattern);
  }
  StateDir(StateDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  StateDir& operator=(StateDir&&) = delete;
  ~StateDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit StateDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

Result<std::string> translate_text(apertium::Pipeline& pipeline, std::string_view text,
                                   Deadline deadline, const std::atomic<bool>& cancelled) {
  std::string stream = apertium::deformat_text(text);
  stream += '\0';
  auto out = pipeline.run(stream, 1, deadline, &cancelled);
  if (!out.ok()) return out.error();
  out->pop_back();  // the NUL
  return apertium::reformat_text(*out);
}

// transfuse: tf-extract turns the HTML into stream-format blocks separated by NULs,
// keeping inline markup as word-bound blanks the pipeline moves with the words, and
// tf-inject puts the translated blocks back into the markup.
Result<std::string> translate_html(apertium::Pipeline& pipeline, std::string_view html,
                                   Deadline deadline, const std::atomic<bool>& cancelled) {
  auto state = StateDir::make();
  if (!state.ok()) return state.error();
  std::string dir = state->path().string();
  auto extracted = apertium::run_filter({"tf-extract", "-f", "html-fragment", "-d", dir}, html,
                                        deadline, &cancelled);
  if (!extracted.ok()) return extracted.error();
  auto chunks = std::size_t(std::count(extracted->begin(), extracted->end(), '\0'));
  if (chunks == 0) return Error{"apertium: tf-extract gave no text blocks"};
  auto translated = pipeline.run(*extracted, chunks, deadline, &cancelled);
  if (!translated.ok()) return translated.error();
  return apertium::run_filter({"tf-inject", "-f", "html-fragment", "-d", dir}, *translated,
                              deadline, &cancelled);
}

}  // namespace

Result<std::unique_ptr<ApertiumEngine>> ApertiumEngine::open(const ApertiumOptions& options) {
  if (options.pipelines < 1 || options.pipelines > 16)
    return Error{"apertium: pipelines must be between 1 and 16"};
  auto modes = apertium::find_modes(options.data_dir);
  if (!modes.ok()) return modes.error();
  if (modes->empty())
    return Error{"apertium: no language pair is installed in " +
                 (options.data_dir / "modes").string()};
  return std::unique_ptr<ApertiumEngine>(new ApertiumEngine(options, std::move(*modes)));
}

ApertiumEngine::ApertiumEngine(ApertiumOptions options, std::vector<apertium::Mode> modes)
    : options_(std::move(options)), modes_(std::move(modes)) {}

ApertiumEngine::~ApertiumEngine() = default;

Result<std::vector<Pair>> ApertiumEngine::pairs() {
  std::vector<Pair> pairs;
  for (const apertium::Mode& mode : modes_) pairs.push_back(mode.pair);
  return pairs;
}

const apertium::Mode* ApertiumEngine::find_mode(const LanguageTag& from,
                                                const LanguageTag& to) const {
  auto it = std::find_if(modes_.begin(), modes_.end(), [&](const apertium::Mode& mode) {
    return mode.pair.from.primary() == from.primary() && mode.pair.to.primary() == to.primary();
  });
  return it == modes_.end() ? nullptr : &*it;
}

std::string ApertiumEngine::mode_name(const LanguageTag& from, const LanguageTag& to) const {
  const apertium::Mode* mode = find_mode(from, to);
  return mode ? mode->name : "";
}

std::vector<pid_t> ApertiumEngine::pipeline_pids(const LanguageTag& from,
                                                 const LanguageTag& to) const {
  const apertium::Mode* mode = find_mode(from, to);
  std::lock_guard lock(mu_);
  auto it = mode ? pools_.find(mode->name) : pools_.end();
  if (it == pools_.end() || it->second.all.empty() || !it->second.all.front()) return {};
  return it->second.all.front()->pids();
}

std::size_t ApertiumEngine::pipeline_count(const LanguageTag& from, const LanguageTag& to) const {
  const apertium::Mode* mode = find_mode(from, to);
  std::lock_guard lock(mu_);
  auto it = mode ? pools_.find(mode->name) : pools_.end();
  return it == pools_.end() ? 0 : it->second.all.size();
}

int ApertiumEngine::pair_cost(const Pair& pair) const {
  const apertium::Mode* mode = find_mode(pair.from, pair.to);
  return mode ? apertium::package_cost(mode->package) : 1;
}

void ApertiumEngine::cancel() {
  cancelled_ = true;
  freed_.notify_all();
}

Result<std::unique_ptr<apertium::Pipeline>> ApertiumEngine::make_pipeline(
    const apertium::Mode& mode, Deadline deadline) {
  // apertium-wblank-mode prints the mode's programs with -z (null flush) and the
  // word-bound-blank helpers transfuse's markup needs: what `apertium -z` runs.
  auto script =
      apertium::run_filter({"apertium-wblank-mode", "-z", mode.file.string()}, "", deadline);
  if (!script.ok()) return script.error();
  auto stages = apertium::parse_pipeline(*script);
  if (!stages.ok()) return Error{stages.error().message + " (" + mode.file.string() + ")"};
  return std::make_unique<apertium::Pipeline>(mode.name, std::move(*stages));
}

Result<apertium::Pipeline*> ApertiumEngine::acquire(const apertium::Mode& mode, Deadline deadline) {
  std::unique_lock lock(mu_);
  Pool& pool = pools_[mode.name];
  while (pool.free.empty() && pool.all.size() >= options_.pipelines) {
    if (cancelled_) return Error{"apertium: " + mode.name + " cancelled"};
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && pool.free.empty())
      return Error{"apertium: " + mode.name + " timed out waiting for a free pipeline"};
  }
  if (!pool.free.empty()) {
    apertium::Pipeline* pipeline = pool.free.back();
    pool.free.pop_back();
    return pipeline;
  }
  // A new pipeline: its script is read outside the lock (a child process).
  pool.all.push_back(nullptr);
  lock.unlock();
  auto made = make_pipeline(mode, deadline);
  lock.lock();
  Pool& same = pools_[mode.name];
  auto slot = std::find(same.all.begin(), same.all.end(), nullptr);
  if (!made.ok()) {
    same.all.erase(slot);
    freed_.notify_all();
    return made.error();
  }
  *slot = std::move(*made);
  return slot->get();
}

void ApertiumEngine::release(const apertium::Mode& mode, apertium::Pipeline* pipeline) {
  {
    std::lock_guard lock(mu_);
    pools_[mode.name].free.push_back(pipeline);
  }
  freed_.notify_one();
}

Result<std::string> ApertiumEngine::translate(std::string_view text, const LanguageTag& from,
                                              const LanguageTag& to, TextFormat format) {
  const apertium::Mode* mode = find_mode(from, to);
  if (!mode)
    return Error{"apertium: no pair from " + from.primary() + " to " + to.primary() +
                 " is installed"};
  if (text.empty()) return std::string();
  if (cancelled_) return Error{"apertium: " + mode->name + " cancelled"};
  if (!apertium::acceptable_text(text))
    return Error{"apertium: " + mode->name + ": the text is not valid UTF-8 or holds a NUL byte"};
  Deadline deadline = std::chrono::steady_clock::now() + options_.timeout;
  auto pipeline = acquire(*mode, deadline);
  if (!pipeline.ok()) return pipeline.error();
  auto out = format == TextFormat::kHtml ? translate_html(**pipeline, text, deadline, cancelled_)
                                         : translate_text(**pipeline, text, deadline, cancelled_);
  release(*mode, *pipeline);
  return out;
}

}  // namespace sic::translate
