// The translation backlog's throughput with one item at a time against `parallel`
// items at once (docs/performance.md, "Translation throughput"), in the same run.
//
//   build/bench/translate/backlog_bench [articles] [parallel]
//
// Each run is what a node pays for a backlog of Spanish articles into English: a fresh
// catalogue file holding the articles, a fresh Apertium engine (its pipelines start
// during the pass), Backlog::run with the real translation memory, every text
// distinct (no memory hits) and every translation stored. Prints both rates, their
// ratio and whether the goal (at least 1.8x with 2) is met; exits 1 when it is not.
#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench/translate/spanish_news.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/catalogue.h"
#include "node/translate/apertium/engine.h"
#include "node/translate/backlog.h"

using namespace sic;
using namespace sic::translate;
using Steady = std::chrono::steady_clock;

namespace {

// Every text adds its article's number, so that none is found in the memory.
std::string sentence(std::size_t i) {
  const auto& sentences = bench::spanish_sentences();
  return sentences[i % sentences.size()];
}

Article spanish_article(std::size_t i) {
  Article a;
  a.id = Iri::parse("tag:sic.example.es,2026:bench/" + std::to_string(i)).value();
  a.origin = "sic-es";
  a.lang = LanguageTag::parse("es").value();
  a.title = "Noticia " + std::to_string(i) + ": " + sentence(i);
  a.summary = sentence(i + 3) + " Número " + std::to_string(i) + ".";
  a.content_html = "<p>" + sentence(i + 5) + " <b>" + sentence(i + 7) + "</b></p><p>" +
                   sentence(i + 1) + " Artículo " + std::to_string(i) + ".</p>";
  a.authors = {{"Centro de Internet Segura", "https://sic.example.es/", ""}};
  a.updated = from_unix(1795881845 + std::int64_t(i));
  a.published = a.updated;
  return a;
}

struct Run {
  double seconds = 0;
  std::size_t translated = 0, failed = 0;
  double node_cpu = 0, children_cpu = 0;  // seconds: this process, Apertium's processes
};

double cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "backlog_bench: %s\n", message.c_str());
  std::exit(2);
}

Run run(std::size_t articles, std::size_t parallel) {
  char pattern[] = "/tmp/sic-backlog-bench-XXXXXX";
  if (!mkdtemp(pattern)) fail("cannot make a temporary folder");
  const std::filesystem::path dir(pattern);
  Run result;
  const double self_before = cpu_seconds(RUSAGE_SELF);
  const double children_before = cpu_seconds(RUSAGE_CHILDREN);
  {
    auto catalogue = Catalogue::open((dir / Catalogue::kFileName).string());
    if (!catalogue.ok()) fail(catalogue.error().message);
    std::vector<Article> batch;
    for (std::size_t i = 0; i < articles; ++i) batch.push_back(spanish_article(i));
    if (Status st = (*catalogue)->articles().put_many(batch); !st.ok()) fail(st.error().message);
    ApertiumOptions engine_options;
    engine_options.pipelines = parallel;
    auto engine = ApertiumEngine::open(engine_options);
    if (!engine.ok()) fail(engine.error().message);
    auto engines = EngineSet::of(std::shared_ptr<Engine>(std::move(*engine)));
    BacklogOptions options;
    options.languages = {LanguageTag::parse("en").value()};
    options.parallel = parallel;
    Backlog backlog(*engines, **catalogue, options);
    BacklogObserver quiet;
    auto start = Steady::now();
    auto report = backlog.run(quiet);
    result.seconds = std::chrono::duration<double>(Steady::now() - start).count();
    if (!report.ok()) fail(report.error().message);
    result.translated = report->translated;
    result.failed = report->failed;
  }  // the engine's children are stopped and reaped here: their time is counted
  result.node_cpu = cpu_seconds(RUSAGE_SELF) - self_before;
  result.children_cpu = cpu_seconds(RUSAGE_CHILDREN) - children_before;
  std::filesystem::remove_all(dir);
  return result;
}

void print(std::size_t parallel, const Run& r) {
  std::printf(
      "parallel %zu: %zu translated, %zu failed in %.1f s: %.1f articles/s; CPU %.1f s in the "
      "node, %.1f s in Apertium's processes (%.2f cores busy)\n",
      parallel, r.translated, r.failed, r.seconds, double(r.translated) / r.seconds, r.node_cpu,
      r.children_cpu, (r.node_cpu + r.children_cpu) / r.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t articles = argc > 1 ? std::size_t(std::atoi(argv[1])) : 300;
  std::size_t parallel = argc > 2 ? std::size_t(std::atoi(argv[2])) : 2;
  if (articles == 0 || parallel < 2 || parallel > 16)
    fail("usage: backlog_bench [articles > 0] [parallel 2..16]");
  std::printf("%zu Spanish articles into English (title, summary, two-paragraph body); %u cores\n",
              articles, std::thread::hardware_concurrency());
  Run one = run(articles, 1);
  print(1, one);
  Run many = run(articles, parallel);
  print(parallel, many);
  if (one.translated != articles || many.translated != articles) fail("not every article");
  double ratio = one.seconds / many.seconds;
  double goal = parallel == 2 ? 1.8 : 0.9 * double(parallel);
  bool met = ratio >= goal;
  std::printf("goal: parallel %zu at least %.1fx the rate of one: %s (%.2fx)\n", parallel, goal,
              met ? "met" : "NOT met", ratio);
  return met ? 0 : 1;
}
