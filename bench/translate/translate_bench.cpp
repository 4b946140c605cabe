// 200 paragraphs through a warm Apertium pipeline against one `apertium` process per
// paragraph, in the same run (docs/performance.md, "Translation").
//
//   build/bench/translate/translate_bench [paragraphs]
//
// Prints both timings, their ratio and whether the goal (at least 10x) is met; exits
// with status 1 when it is not. Titles are timed the same way, for the record.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/translate/spanish_news.h"
#include "node/translate/apertium/engine.h"
#include "node/translate/apertium/process.h"

using namespace sic;
using namespace sic::translate;
using Clock = std::chrono::steady_clock;

namespace {

// Sentences in the style of the network's news, combined into paragraphs.
const std::vector<std::string>& kSentences = bench::spanish_sentences();

const std::vector<std::string> kTitles{
    "Jornada para las familias en Lisboa", "El acoso escolar en las redes sociales",
    "Nueva guía contra las noticias falsas", "Día de la Internet Segura en las escuelas",
    "Los jóvenes presentan sus propuestas"};

std::string paragraph(std::size_t i) {
  std::size_t n = kSentences.size();
  return kSentences[i % n] + " " + kSentences[(i * 7 + 3) % n] + " " + kSentences[(i * 13 + 5) % n];
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Timing {
  double total_ms = 0;
  std::vector<std::string> outputs;
};

// Translates every text in turn, timing the whole; exits on the first failure.
template <typename Translate>
Timing time_all(const std::vector<std::string>& texts, Translate translate) {
  Timing t;
  auto start = Clock::now();
  for (const std::string& text : texts) {
    Result<std::string> out = translate(text);
    if (!out.ok()) {
      std::fprintf(stderr, "%s\n", out.error().message.c_str());
      std::exit(2);
    }
    t.outputs.push_back(*out);
  }
  t.total_ms = ms_since(start);
  return t;
}

Timing warm(ApertiumEngine& engine, const std::vector<std::string>& texts) {
  auto es = *LanguageTag::parse("es"), en = *LanguageTag::parse("en");
  return time_all(texts, [&](const std::string& text) {
    return engine.translate(text, es, en, TextFormat::kPlain);
  });
}

// The reference: `apertium -u spa-eng` started for each text, as a script would.
Timing cold(const std::vector<std::string>& texts) {
  return time_all(texts, [](const std::string& text) {
    return apertium::run_filter({"apertium", "-u", "spa-eng"}, text,
                                Clock::now() + std::chrono::seconds(60));
  });
}

std::size_t same(const Timing& a, const Timing& b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.outputs.size(); ++i)
    n += trimmed(a.outputs[i]) == trimmed(b.outputs[i]);
  return n;
}

void report(const char* what, const std::vector<std::string>& texts, const Timing& w,
            const Timing& c) {
  std::printf(
      "%-10s %4zu texts  warm %9.1f ms (%7.2f ms each)  cold %9.1f ms (%7.2f ms each)  "
      "%6.1fx  identical %zu/%zu\n",
      what, texts.size(), w.total_ms, w.total_ms / double(texts.size()), c.total_ms,
      c.total_ms / double(texts.size()), c.total_ms / w.total_ms, same(w, c), texts.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = argc > 1 ? std::size_t(std::atoi(argv[1])) : 200;
  std::vector<std::string> paragraphs, titles;
  for (std::size_t i = 0; i < count; ++i) paragraphs.push_back(paragraph(i));
  for (std::size_t i = 0; i < 20; ++i) titles.push_back(kTitles[i % kTitles.size()]);

  auto engine = ApertiumEngine::open({});
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    return 2;
  }
  auto startup = Clock::now();
  warm(**engine, {"Hola."});  // starts the spa-eng pipeline
  std::printf("pipeline start-up: %.1f ms\n", ms_since(startup));

  Timing warm_paragraphs = warm(**engine, paragraphs);
  Timing cold_paragraphs = cold(paragraphs);
  Timing warm_titles = warm(**engine, titles);
  Timing cold_titles = cold(titles);
  report("paragraphs", paragraphs, warm_paragraphs, cold_paragraphs);
  report("titles", titles, warm_titles, cold_titles);

  double ratio = cold_paragraphs.total_ms / warm_paragraphs.total_ms;
  bool met = ratio >= 10.0;
  std::printf("goal: warm pipeline at least 10x faster for paragraphs: %s (%.1fx)\n",
              met ? "met" : "NOT met", ratio);
  return met ? 0 : 1;
}
