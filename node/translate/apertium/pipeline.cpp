#include "node/translate/apertium/pipeline.h"

#include <signal.h>

#include <algorithm>

namespace sic::translate::apertium {
namespace {

constexpr auto kStopGrace = std::chrono::milliseconds(500);

}  // namespace

Pipeline::Pipeline(std::string name, std::vector<std::vector<std::string>> stages)
    : name_(std::move(name)), stages_(std::move(stages)) {}

Pipeline::~Pipeline() {
  std::lock_guard lock(mu_);
  stop();
}

std::vector<pid_t> Pipeline::pids() const {
  std::lock_guard lock(mu_);
  std::vector<pid_t> pids;
  for (const Child& child : children_) pids.push_back(child.pid());
  return pids;
}

Result<std::string> Pipeline::run(std::string_view input, std::size_t chunks, Deadline deadline,
                                  const std::atomic<bool>* cancelled) {
  std::lock_guard lock(mu_);
  if (!children_.empty() && !all_running()) stop();
  bool was_running = !children_.empty();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (children_.empty())
      if (Status started = start(); !started.ok()) return started.error();
    // A NUL alone does not prove a text went through: a stage flushes one when the
    // stage before it dies. The text is followed by a marker of its own, a superblank
    // every program passes on as it is, and only output ending in it is the answer.
    std::string end = "[sicnode-end:" + std::to_string(++texts_) + "]";
    std::string sent = std::string(input) + end + '\0';
    Exchanged result =
        exchange(to_.get(), from_.get(), sent, chunks + 1, deadline, nullptr, cancelled);
    std::string tail = end + '\0';
    bool complete = result.status == Exchanged::kOk && result.output.ends_with(tail) &&
                    result.output.size() > tail.size() &&
                    result.output[result.output.size() - tail.size() - 1] == '\0';
    if (complete) {
      result.output.resize(result.output.size() - tail.size());
      return std::move(result.output);
    }
    Error error = failure(result.status == Exchanged::kTimeout     ? "timed out"
                          : result.status == Exchanged::kCancelled ? "cancelled"
                                                                   : "broke off");
    stop();
    bool gave_up = result.status == Exchanged::kTimeout || result.status == Exchanged::kCancelled;
    if (gave_up || !was_running) return error;
    was_running = false;  // it broke under this text: try once on a fresh pipeline
  }
  return failure("broke off");
}

Status Pipeline::start() {
  auto streams = open_streams();
  if (!streams.ok()) return streams.error();
  auto& [in, out, errors] = *streams;
  errors_ = std::move(errors);
  Fd next_in = std::move(in.theirs);
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    Fd stage_out;
    Fd following_in;
    if (i + 1 < stages_.size()) {
      auto pipe = pipe_between();
      if (!pipe.ok()) {
        stop();
        return pipe.error();
      }
      following_in = std::move(pipe->first);
      stage_out = std::move(pipe->second);
    } else {
      stage_out = std::move(out.theirs);
    }
    auto child = Child::spawn(stages_[i], next_in.get(), stage_out.get(), errors_.get());
    if (!child.ok()) {
      stop();
      return child.error();
    }
    children_.push_back(std::move(*child));
    next_in = std::move(following_in);
  }
  to_ = std::move(in.ours);
  from_ = std::move(out.ours);
  return Status::Ok();
}

void Pipeline::stop() {
  to_.reset();  // end of input: the stages flush and exit on their own
  from_.reset();
  Deadline grace = std::chrono::steady_clock::now() + kStopGrace;
  for (Child& child : children_)
    if (child.running()) ::kill(child.pid(), SIGTERM);
  for (Child& child : children_)
    if (!child.wait_until(grace)) child.kill();
  children_.clear();
}

bool Pipeline::all_running() {
  return std::all_of(children_.begin(), children_.end(),
                     [](Child& child) { return child.running(); });
}

Error Pipeline::failure(std::string_view what) const {
  std::string message = "apertium: " + name_ + " " + std::string(what);
  std::string line = last_error_line(errors_.get());
  if (!line.empty()) message += " (" + line + ")";
  return Error{message};
}

}  // namespace sic::translate::apertium
