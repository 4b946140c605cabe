// sicnode translate [--force] | --status: the translation backlog now, with progress
// and a summary; or what the engine can reach and what is left (docs/cli.md).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <tuple>

#include "node/app/translation.h"
#include "node/cli/common.h"
#include "node/translate/coverage.h"

namespace sic::cli {
namespace {

constexpr int kBarWidth = 24;
constexpr std::size_t kMaxFailuresShown = 20;

struct TranslateArgs {
  bool status = false;
  bool force = false;
};

std::string source_name(const LanguageTag& lang) { return lang.empty() ? "und" : lang.primary(); }

std::string pairs_text(const std::vector<translate::Pair>& pairs) {
  std::string out;
  for (const translate::Pair& p : pairs)
    out += (out.empty() ? "" : " ") + p.from.str() + ">" + p.to.str();
  return out.empty() ? "(none)" : out;
}

// One row of the summary: what happened per source language, target and route.
struct Row {
  std::string route;
  std::size_t translated = 0, failed = 0, skipped = 0, waiting = 0, sent = 0;
};
using RowKey = std::tuple<std::string, std::string>;  // (source, target)

// Progress on a terminal, and the tallies for the summary.
class CliObserver final : public translate::BacklogObserver {
 public:
  explicit CliObserver(bool tty) : tty_(tty) {}

  void engine_called(const std::string&, const translate::Pair&) override { ++calls; }
  void memory_hit() override { ++hits; }
  void planned(const translate::Plan& plan) override {
    total_ = plan.due.size();
    for (const auto& item : plan.due) row(item).route = item.label;
    for (const auto& item : plan.waiting) ++row(item).waiting;
    draw();
  }
  void finished(const translate::ItemResult& result) override {
    ++done_;
    Row& r = row(result.item);
    if (result.outcome == translate::ItemOutcome::kTranslated) ++r.translated;
    if (result.outcome == translate::ItemOutcome::kSkipped) ++r.skipped;
    if (result.outcome == translate::ItemOutcome::kSent) ++r.sent;
    if (result.outcome == translate::ItemOutcome::kFailed) {
      ++r.failed;
      failures.push_back(result);
    }
    draw();
  }
  void clear() const {
    if (tty_) std::fputs("\r\x1b[K", stderr);
  }

  std::map<RowKey, Row> rows;
  std::vector<translate::ItemResult> failures;
  std::size_t calls = 0, hits = 0;

 private:
  Row& row(const translate::WorkItem& item) {
    Row& r = rows[{source_name(item.pending.source_lang), item.target.str()}];
    r.route = item.label;
    return r;
  }
  void draw() const {
    if (!tty_) return;
    std::size_t total = std::max<std::size_t>(total_, 1);
    std::string bar(std::size_t(kBarWidth * done_ / total), '#');
    bar.resize(kBarWidth, '.');
    std::fprintf(stderr, "\r\x1b[Ktranslate: [%s] %zu/%zu translations", bar.c_str(), done_,
                 total_);
    std::fflush(stderr);
  }

  bool tty_;
  std::size_t total_ = 0, done_ = 0;
};

void print_unreachable(const translate::Plan& plan) {
  if (plan.unreachable.empty()) return;
  std::printf("unreachable (no route; these articles stay in their original): %s\n",
              pairs_text(plan.unreachable).c_str());
  for (const auto& [lang, articles] : plan.unreachable_articles)
    std::printf("  %s: %lld article%s\n", lang.c_str(), (long long)articles,
                articles == 1 ? "" : "s");
}

void print_summary(const CliObserver& seen, const translate::PassReport& report, double seconds) {
  std::printf("%-6s  %-6s  %-24s %10s %6s %7s %7s %5s\n", "SOURCE", "TARGET", "ROUTE", "TRANSLATED",
              "FAILED", "SKIPPED", "WAITING", "SENT");
  for (const auto& [key, r] : seen.rows)
    std::printf("%-6s  %-6s  %-24s %10zu %6zu %7zu %7zu %5zu\n", std::get<0>(key).c_str(),
                std::get<1>(key).c_str(), r.route.c_str(), r.translated, r.failed, r.skipped,
                r.waiting, r.sent);
  for (std::size_t i = 0; i < seen.failures.size() && i < kMaxFailuresShown; ++i) {
    const auto& f = seen.failures[i];
    std::printf("failed: %s into %s (failure %d, next try %s): %s\n",
                f.item.pending.article.str().c_str(), f.item.target.str().c_str(), f.failures,
                f.next_attempt ? format_rfc3339(*f.next_attempt).c_str() : "at the next run",
                f.error.c_str());
  }
  print_unreachable(report.plan);
  std::size_t left = report.plan.size() - report.translated - report.skipped;
  std::string sent = report.sent ? ", " + std::to_string(report.sent) +
                                       " sent to asynchronous engines (their callbacks to `serve` "
                                       "bring them back)"
                                 : "";
  std::printf(
      "translate: %zu translated, %zu failed, %zu skipped in %.1f s; %zu engine calls, %zu "
      "memory hits; backlog %zu%s%s\n",
      report.translated, report.failed, report.skipped, seconds, seen.calls, seen.hits, left,
      report.plan.waiting.empty() ? "" : " (waiting after failures: see --force)", sent.c_str());
}

int run_backlog(translate::Backlog& backlog) {
  CliObserver observer(isatty(STDERR_FILENO) == 1);
  auto start = std::chrono::steady_clock::now();
  auto report = backlog.run(observer);
  observer.clear();
  if (!report.ok()) return fail("translate: " + report.error().message);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print_summary(observer, *report, seconds);
  return report->failed == 0 ? kOk : kFailed;
}

// The EU's official languages into each node language: a direct pair, a pivot, or
// nothing, and by which engines.
void print_coverage(const translate::BacklogStatus& status, const Config& config,
                    const std::vector<std::string>& names) {
  const auto& targets = config.node.languages;
  auto cells = translate::coverage(status.plan.steps, translate::eu_languages(), targets);
  std::size_t width = 12;
  for (const auto& c : cells) width = std::max(width, translate::describe(c, names).size() + 2);
  std::printf("coverage of the EU's official languages into the node's languages:\n%-8s", "SOURCE");
  for (const auto& t : targets) std::printf("%-*s", int(width), t.str().c_str());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i % targets.size() == 0) std::printf("\n%-8s", cells[i].source.str().c_str());
    std::printf("%-*s", int(width), translate::describe(cells[i], names).c_str());
  }
  std::size_t all = translate::eu_languages().size();
  std::printf("\nEU official languages: %zu of %zu (source, target) pairs reachable\n\n",
              translate::reachable_pairs(status.plan.steps, translate::eu_languages()),
              all * (all - 1));
}

int print_status(translate::Backlog& backlog, const Config& config,
                 const std::vector<std::string>& names) {
  auto status = backlog.status();
  if (!status.ok()) return fail("translate: " + status.error().message);
  std::printf("engines: %s\npairs (%zu): %s\n", status->engine.c_str(), status->pairs.size(),
              pairs_text(status->pairs).c_str());
  std::string languages;
  for (const auto& l : config.node.languages) languages += (languages.empty() ? "" : " ") + l.str();
  std::printf("node languages: %s\n\n", languages.c_str());
  std::printf("%-6s  %-6s  %8s  %-24s %5s %7s\n", "SOURCE", "TARGET", "ARTICLES", "ROUTE", "DUE",
              "WAITING");
  for (const auto& r : status->routes)
    std::printf("%-6s  %-6s  %8lld  %-24s %5zu %7zu\n", source_name(r.source).c_str(),
                r.target.str().c_str(), (long long)r.articles,
                r.route ? r.label.c_str() : "(unreachable)", r.due, r.waiting);
  std::printf("\n");
  print_coverage(*status, config, names);
  print_unreachable(status->plan);
  for (const auto& f : status->failures)
    std::printf("failing: %s into %s: %d failure%s, next try %s: %s\n", f.article.str().c_str(),
                f.lang.str().c_str(), f.failures, f.failures == 1 ? "" : "s",
                format_rfc3339(f.next_attempt).c_str(), f.last_error.c_str());
  std::printf("backlog: %zu (%zu due, %zu waiting after failures)\n", status->plan.size(),
              status->plan.due.size(), status->plan.waiting.size());
  return kOk;
}

int translate_now(const GlobalOptions& global, const TranslateArgs& args) {
  return with_catalogue(global, [&](const Config& config, Catalogue& cat) {
    auto keys = open_keys(config, cat);
    if (!keys.ok()) return fail(keys.error().message);
    auto engines = translation::make_engines(config);
    if (!engines.ok()) return fail(engines.error().message);
    translate::BacklogOptions options = translation::backlog_options(config, {});
    options.ignore_backoff = args.force;
    options.signer = *keys;
    translate::Backlog backlog(**engines, cat, options);
    return args.status ? print_status(backlog, config, (*engines)->names()) : run_backlog(backlog);
  });
}

}  // namespace

void add_translate(CLI::App& app, const GlobalOptions& global, Runner& run) {
  static TranslateArgs args;
  auto* cmd = app.add_subcommand(
      "translate",
      "Work through the translation backlog now: machine-translate every article that is\n"
      "not in one of the node's languages into each of them, then print a summary.\n"
      "Exit status: 0 nothing failed; 1 a translation failed or the engine is unavailable;\n"
      "2 usage/config");
  cmd->add_flag("--status", args.status,
                "Print the engine's pairs, the routes per source and node language, the "
                "unreachable languages and the backlog; translate nothing");
  cmd->add_flag("--force", args.force, "Also translate articles that wait after failures");
  cmd->callback([&] { run = [&] { return translate_now(global, args); }; });
}

}  // namespace sic::cli
