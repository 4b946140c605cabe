// Parsing a 5 MB, 5,000-entry Atom feed into the model, against libxml2's
// xmlReadMemory of the same bytes (DOM only, no model), in the same run.
// Usage: feeds_parse_bench [--check]   (--check: exit 1 when below the 3x goal)
#include <libxml/parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "feeds/feeds.h"

namespace {

constexpr int kEntries = 5000;
constexpr int kRuns = 15;
constexpr double kGoal = 3.0;

// A feed like a busy centre's: every entry with authors, links, categories, a
// summary and about 700 bytes of HTML content.
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
    a.title = "Article " + n + ": keeping children safe online & the role of parents";
    a.summary = "A short summary of article " + n + " for the network's readers.";
    a.content_html =
        "<p>Paragraph one of article " + n + " with <a href=\"https://sic.example.eu/a/" + n +
        "\">a link</a> and <strong>strong</strong> text about cyberbullying, grooming and "
        "sextortion.</p><ul><li>First point &amp; more</li><li>Second point</li></ul>"
        "<p>Paragraph two talks about media literacy and education, with an image "
        "<img src=\"https://sic.example.eu/img/" +
        n +
        ".png\" alt=\"illustration\"> and "
        "more text so that the entry weighs what a real one does in a centre's feed.</p>"
        "<blockquote>A quotation from a helpline counsellor.</blockquote>";
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

double median_ms(const std::function<void()>& run) {
  std::vector<double> times;
  for (int i = 0; i < kRuns; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

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
  double libxml2 = median_ms([&] {
    xmlDocPtr doc = xmlReadMemory(bytes.data(), int(bytes.size()), "feed.xml", nullptr, 0);
    if (doc == nullptr) std::abort();
    xmlFreeDoc(doc);
  });
  double ours = median_ms([&] {
    auto feed = sic::parse_feed(bytes, options);
    if (!feed.ok()) std::abort();
  });
  xmlCleanupParser();
  double ratio = libxml2 / ours;
  std::printf("feeds_parse_bench: Atom, %d entries, %.2f MB, median of %d runs\n", kEntries,
              bytes.size() / 1e6, kRuns);
  std::printf("  libxml2 xmlReadMemory (DOM only): %8.2f ms\n", libxml2);
  std::printf("  sic parse_feed (into the model):  %8.2f ms  (%.0f MB/s)\n", ours,
              bytes.size() / 1e3 / ours);
  std::printf("  ratio: %.2fx faster than libxml2 (goal: %.1fx)\n", ratio, kGoal);
  return check && ratio < kGoal ? 1 : 0;
}
