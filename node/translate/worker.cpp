#include "node/translate/worker.h"

namespace sic::translate {
namespace {

std::string pass_line(const PassReport& report) {
  std::string line = "translate: " + std::to_string(report.translated) + " translated";
  if (report.failed) line += ", " + std::to_string(report.failed) + " failed";
  if (report.skipped) line += ", " + std::to_string(report.skipped) + " skipped";
  if (report.sent) line += ", " + std::to_string(report.sent) + " awaiting a callback";
  std::size_t left = report.plan.size() - report.translated - report.skipped;
  line += "; backlog " + std::to_string(left);
  if (!report.plan.unreachable.empty()) {
    line += "; unreachable:";
    for (const Pair& p : report.plan.unreachable) line += " " + p.from.str() + ">" + p.to.str();
  }
  return line;
}

}  // namespace

Result<std::unique_ptr<Worker>> Worker::start(std::shared_ptr<EngineSet> engines,
                                              WorkerOptions options, BacklogObserver& observer) {
  auto catalogue = Catalogue::open(options.catalogue_path, *options.clock);
  if (!catalogue.ok()) return catalogue.error();
  std::unique_ptr<Worker> worker(
      new Worker(std::move(engines), std::move(*catalogue), std::move(options), observer));
  worker->loop_.start([w = worker.get()] { w->loop(); });
  return worker;
}

Worker::Worker(std::shared_ptr<EngineSet> engines, std::unique_ptr<Catalogue> catalogue,
               WorkerOptions options, BacklogObserver& observer)
    : engines_(std::move(engines)),
      catalogue_(std::move(catalogue)),
      options_(std::move(options)),
      observer_(observer) {}

Worker::~Worker() { stop(); }

void Worker::notify() { loop_.wake(); }

void Worker::stop() { loop_.stop(); }

void Worker::log(log::Level level, const std::string& line) const {
  if (options_.log) options_.log(level, line);
}

std::optional<TimePoint> Worker::pass(Backlog& backlog) {
  auto report = backlog.run(observer_, [this] { return loop_.stopping(); });
  if (!report.ok()) {
    log(log::Level::kError, "translate: " + report.error().message);
    return options_.clock->now() + std::chrono::ceil<std::chrono::seconds>(options_.engine_retry);
  }
  if (report->translated || report->failed || report->skipped || report->sent)
    log(report->failed ? log::Level::kWarn : log::Level::kInfo, pass_line(*report));
  return report->next_retry;
}

void Worker::loop() {
  if (options_.on_start) options_.on_start();
  Backlog backlog(*engines_, *catalogue_, options_.backlog, *options_.clock);
  std::optional<std::int64_t> seen;  // the catalogue version of the last pass
  std::optional<TimePoint> retry;    // a pass is due then at the latest
  do {
    auto version = catalogue_->version();  // an error: try again at the next poll
    bool due = version.ok() && (*version != seen || (retry && options_.clock->now() >= *retry));
    bool notified = loop_.take_wake();
    due = due || (version.ok() && notified);
    if (due && !loop_.stopping()) {
      seen = *version;
      retry = pass(backlog);
    }
  } while (loop_.wait_for(options_.poll));
}

}  // namespace sic::translate
