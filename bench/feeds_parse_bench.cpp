// Parsing a 5 MB, 5,000-entry Atom feed into the model, against libxml2's
// xmlReadMemory of the same bytes (DOM only, no model), in the same run.
// Usage: feeds_parse_bench [--check]   (--check: exit 1 when below the 3x goal)
#include <libxml/parser.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace {

constexpr int kEntries = 5000;
constexpr int kRuns = 21;
constexpr double kGoal = 3.0;

// A feed like a busy centre's: every entry with an author, links, categories, a
// summary and about 400 bytes of HTML content; 5,000 entries make 5 MB.
sic::Feed generated_feed() {
  sic::Feed feed;
  feed.id = "https://sic.example.eu/feeds/atom";
  feed.title = "Safer Internet Centre news";
  feed.lang = sic::LanguageTag::parse("en").value();
  feed.updated = sic::from_unix(1795881845);
  feed.authors = {{"Safer Internet Centre", "https://sic.example.eu/", ""}};
  feed.links = {{feed.id, "self", "application/atom+xml", ""}};
  for (int i = 0; i < kEntries; ++i) {
    sic::Article a;
    std::string n = std::to_string(i);
    a.id = sic::Iri::parse("tag:sic.example.eu,2026:articles/" + n).value();
    a.origin = "sic-eu";
    a.lang = feed.lang;
    a.title = "Article " + n + ": keeping children safe online";
    a.summary = "A short summary of article " + n + ".";
    a.content_html =
        "<p>Paragraph one of article " + n + " with <a href=\"https://sic.example.eu/a/" + n +
        "\">a link</a> and <strong>strong</strong> text.</p>"
        "<ul><li>First &amp; more</li><li>Second</li></ul>"
        "<p>Media literacy and education, with an image <img src=\"https://sic.example.eu/img/" +
        n + ".png\" alt=\"illustration\"> and text.</p>";
    a.authors = {{"Helpline team", "", ""}};
    a.section = "awareness";
    a.tags = {"cyberbullying", "media literacy/education"};
    a.link = "https://sic.example.eu/articles/" + n;
    a.published = sic::from_unix(1795000000 + i * 60);
    a.updated = sic::from_unix(1795000000 + i * 60 + 30);
    feed.articles.push_back(std::move(a));
  }
  return feed;
}

// CPU time of this thread (user and system), in milliseconds: on a shared machine it
// does not count the time other processes hold the CPU.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double elapsed_ms(const std::function<void()>& run) {
  double start = cpu_ms();
  run();
  return cpu_ms() - start;
}

struct Times {
  std::vector<double> ms;
  double best() const { return *std::min_element(ms.begin(), ms.end()); }
  double median() const {
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
  }
};

}  // namespace

int main(int argc, char** argv) {
  bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  std::string bytes = sic::write_feed(sic::FeedFormat::kAtom, generated_feed());
  sic::ParseOptions options;
  options.base_url = "https://sic.example.eu/feeds/atom";

  auto parsed = sic::parse_feed(bytes, options);
  if (!parsed.ok() || parsed->articles.size() != kEntries) {
    std::fprintf(stderr, "feeds_parse_bench: the generated feed does not parse\n");
    return 2;
  }
  xmlInitParser();
  // The two parsers take turns and are timed in CPU time, so that a busy machine
  // disturbs both alike; the best run of each is the least disturbed figure.
  Times libxml2, ours, tree;
  for (int i = 0; i < kRuns; ++i) {
    libxml2.ms.push_back(elapsed_ms([&] {
      xmlDocPtr doc = xmlReadMemory(bytes.data(), int(bytes.size()), "feed.xml", nullptr, 0);
      if (doc == nullptr) std::abort();
      xmlFreeDoc(doc);
    }));
    ours.ms.push_back(elapsed_ms([&] {
      auto feed = sic::parse_feed(bytes, options);
      if (!feed.ok()) std::abort();
    }));
    tree.ms.push_back(elapsed_ms([&] {  // our XML layer alone: the like-for-like DOM
      auto utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml);
      auto doc = sic::xml::Document::parse(std::move(*utf8), options.base_url);
      if (!doc.ok()) std::abort();
    }));
  }
  xmlCleanupParser();
  double ratio = libxml2.best() / ours.best();
  std::printf("feeds_parse_bench: Atom, %d entries, %.2f MB, %d interleaved runs, CPU time\n",
              kEntries, bytes.size() / 1e6, kRuns);
  std::printf("  libxml2 xmlReadMemory (DOM only): best %7.2f ms, median %7.2f ms\n",
              libxml2.best(), libxml2.median());
  std::printf("  sic parse_feed (into the model):  best %7.2f ms, median %7.2f ms (%.0f MB/s)\n",
              ours.best(), ours.median(), bytes.size() / 1e3 / ours.best());
  std::printf("  sic XML layer alone (tree, no model): best %7.2f ms, median %7.2f ms (%.2fx)\n",
              tree.best(), tree.median(), libxml2.best() / tree.best());
  std::printf("  ratio of the best runs: %.2fx faster than libxml2 (goal: %.1fx); medians: %.2fx\n",
              ratio, kGoal, libxml2.median() / ours.median());
  return check && ratio < kGoal ? 1 : 0;
}
