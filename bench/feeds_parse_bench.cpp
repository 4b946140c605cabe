// Parsing a 5 MB, 5,000-entry Atom feed into the model, against libxml2's
// xmlReadMemory of the same bytes (DOM only, no model), in the same run.
// Usage: feeds_parse_bench [--check]   (--check: exit 1 when below the 3x goal)
//        feeds_parse_bench --dump          (writes the generated feed to stdout)
//        feeds_parse_bench --profile N     (parse_feed alone, N times: for perf, callgrind)
#include <libxml/parser.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "feeds/atom/reader.h"
#include "feeds/feeds.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace {

constexpr int kEntries = 5000;
constexpr int kRuns = 21;
constexpr double kGoal = 3.0;

// A feed like a busy centre's, or the hub's: 5,000 entries in four languages, each
// with an author, an alternate link, the section and two topics, a one-line summary
// and a body of a few paragraphs as CMSs write them: links (relative ones too, and
// target/rel/class attributes the sanitizer removes), lists, a heading, an image in a
// figure, inline style, named and numeric entities (&nbsp; &hellip; &#8217;), UTF-8
// accents. About 1 KB an entry, 5 MB in all.
struct Variant {
  const char* lang;
  const char* title;  // "@" is replaced by the entry's number
  const char* summary;
  const char* body;
};
constexpr Variant kVariants[] = {
    {"en", "Article @: keeping children safe online",
     "The centre's new guide helps parents talk about cyberbullying.",
     "<p>The Safer Internet Centre launched its <strong>2026 campaign</strong> on "
     "cyberbullying&nbsp;prevention, with resources for parents &amp; teachers.</p>"
     "<p>Read the <a href=\"/news/2026/@\" target=\"_blank\" rel=\"noopener\">full "
     "guide</a> or visit the <a href=\"https://www.betterinternetforkids.eu/\">BIK "
     "portal</a>.</p><ul><li>Talk to your children</li><li>Report harmful content</li></ul>"},
    {"pt", "Artigo @: literacia mediática nas escolas",
     "Novos recursos para educadores sobre desinformação.",
     "<p>O Centro Internet Segura lançou hoje a campanha &laquo;Juntos por uma internet "
     "melhor&raquo;, dedicada à literacia mediática.</p><h2>Recursos</h2><p>Consulte o "
     "<a href=\"https://www.internetsegura.pt/recursos?id=@\">guia para educadores</a> e "
     "partilhe&#8209;o com a comunidade escolar.</p>"},
    {"en", "Helpline Q&A @: sextortion", "What to do when a young person is threatened online.",
     "<figure><img class=\"wp-image-@\" src=\"/wp-content/uploads/2026/11/@.jpg\" "
     "alt=\"Children using tablets\" width=\"640\" height=\"360\"><figcaption>Photo: "
     "SIC</figcaption></figure><p style=\"text-align: center\">Helpline calls rose by "
     "12&nbsp;% this year&hellip; The team&#8217;s <em>advice</em>: "
     "<a href=\"https://sic.example.eu/helpline\">contact us</a>.</p>"},
    {"cs", "Článek @: kyberšikana a prevence", "Nové materiály o kyberšikaně pro rodiče a učitele.",
     "<p>Národní centrum bezpečnějšího internetu připravilo nové materiály "
     "o&nbsp;kyberšikaně.</p><ol><li>Prevence</li><li>Pomoc obětem</li><li>Nahlášení "
     "obsahu</li></ol><p>Více na <a href=\"https://www.bezpecnyinternet.cz/\">webu</a>.</p>"},
};

std::string numbered(std::string_view text, const std::string& n) {
  std::string out;
  for (char c : text) c == '@' ? out += n : out += c;
  return out;
}

sic::Feed generated_feed() {
  sic::Feed feed;
  feed.id = "https://sic.example.eu/feeds/atom";
  feed.title = "Safer Internet Centre news";
  feed.lang = sic::LanguageTag::parse("en").value();
  feed.updated = sic::from_unix(1795881845);
  feed.authors = {{"Safer Internet Centre", "https://sic.example.eu/", ""}};
  feed.links = {{feed.id, "self", "application/atom+xml", ""}};
  for (int i = 0; i < kEntries; ++i) {
    const Variant& v = kVariants[i % std::size(kVariants)];
    sic::Article a;
    std::string n = std::to_string(i);
    a.id = sic::Iri::parse("tag:sic.example.eu,2026:articles/" + n).value();
    a.origin = "sic-eu";
    a.lang = sic::LanguageTag::parse(v.lang).value();
    a.title = numbered(v.title, n);
    a.summary = v.summary;
    a.content_html = numbered(v.body, n);
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

// The heap is made to behave the same for every run, whatever ran before it:
//  - glibc keeps small freed blocks aside and merges them only at the next large
//    allocation or large free (malloc_consolidate), so a run could pay for the
//    previous run's frees: after libxml2 frees its DOM (hundreds of thousands of
//    nodes) that is about 20-30 ms, which the interleaved parse_feed run used to pay.
//    settle_heap() merges them (mallopt does, first thing); it runs untimed before and
//    after every timed run, and its time after each run is reported apart;
//  - glibc's thresholds for mmap and for giving memory back move with what was freed
//    before; they are fixed instead (large blocks from the heap, nothing given back),
//    as in a long-running node, so that no run pays page faults for another's frees.
void settle_heap() { mallopt(M_MXFAST, 64 * sizeof(size_t) / 4); }  // glibc's default
void fix_heap_thresholds() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
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
  fix_heap_thresholds();
  std::string bytes = sic::write_feed(sic::FeedFormat::kAtom, generated_feed());
  if (argc > 1 && std::strcmp(argv[1], "--dump") == 0) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return 0;
  }
  sic::ParseOptions options;
  options.base_url = "https://sic.example.eu/feeds/atom";

  auto parsed = sic::parse_feed(bytes, options);
  if (!parsed.ok() || parsed->articles.size() != kEntries) {
    std::fprintf(stderr, "feeds_parse_bench: the generated feed does not parse\n");
    return 2;
  }
  if (argc > 2 && std::strcmp(argv[1], "--profile") == 0) {  // parse_feed only, N times
    for (int i = std::atoi(argv[2]); i > 0; --i)
      if (!sic::parse_feed(bytes, options).ok()) std::abort();
    return 0;
  }
  xmlInitParser();
  // The parsers take turns and are timed in CPU time, so that a busy machine disturbs
  // them alike; the best run of each is the least disturbed figure, the median the
  // typical one. Each timed run includes freeing what it built. Around each run the
  // heap is settled, untimed (see settle_heap), so that no run pays for another's.
  Times libxml2, ours, tree, libxml2_deferred, ours_deferred, phases[5];
  for (int i = 0; i < kRuns; ++i) {
    settle_heap();
    libxml2.ms.push_back(elapsed_ms([&] {
      xmlDocPtr doc = xmlReadMemory(bytes.data(), int(bytes.size()), "feed.xml", nullptr, 0);
      if (doc == nullptr) std::abort();
      xmlFreeDoc(doc);
    }));
    libxml2_deferred.ms.push_back(elapsed_ms(settle_heap));
    ours.ms.push_back(elapsed_ms([&] {
      auto feed = sic::parse_feed(bytes, options);
      if (!feed.ok()) std::abort();
    }));
    ours_deferred.ms.push_back(elapsed_ms(settle_heap));
    tree.ms.push_back(elapsed_ms([&] {  // our XML layer alone: the like-for-like DOM
      auto utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml);
      auto doc = sic::xml::Document::parse(std::move(*utf8), options.base_url);
      if (!doc.ok()) std::abort();
    }));
    settle_heap();
    // Where parse_feed's time goes: its steps, one at a time.
    std::optional<sic::Result<std::string>> utf8;
    std::optional<sic::Result<std::unique_ptr<sic::xml::Document>>> doc;
    std::optional<sic::Result<sic::Feed>> feed;
    phases[0].ms.push_back(
        elapsed_ms([&] { utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml); }));
    phases[1].ms.push_back(
        elapsed_ms([&] { doc = sic::xml::Document::parse(std::move(**utf8), options.base_url); }));
    phases[2].ms.push_back(elapsed_ms([&] { feed = sic::atom::read(***doc, options); }));
    phases[3].ms.push_back(elapsed_ms([&] { feed.reset(); }));
    phases[4].ms.push_back(elapsed_ms([&] { doc.reset(); }));
    settle_heap();
  }
  xmlCleanupParser();
  double ratio = libxml2.best() / ours.best();
  std::printf("feeds_parse_bench: Atom, %d entries, %.2f MB, %d interleaved runs, CPU time\n",
              kEntries, bytes.size() / 1e6, kRuns);
  std::printf("  libxml2 xmlReadMemory (DOM only):     best %7.2f ms, median %7.2f ms\n",
              libxml2.best(), libxml2.median());
  std::printf(
      "  sic parse_feed (into the model):      best %7.2f ms, median %7.2f ms (%.0f MB/s)\n",
      ours.best(), ours.median(), bytes.size() / 1e3 / ours.best());
  std::printf("  sic XML layer alone (tree, no model): best %7.2f ms, median %7.2f ms (%.2fx)\n",
              tree.best(), tree.median(), libxml2.best() / tree.best());
  std::printf(
      "  not counted above, glibc's deferred merging of freed blocks (median): "
      "libxml2 %.2f ms, parse_feed %.2f ms\n",
      libxml2_deferred.median(), ours_deferred.median());
  std::printf(
      "  parse_feed's steps (best): to_utf8 %.2f ms, xml::Document::parse %.2f ms, "
      "atom::read %.2f ms, freeing the model %.2f ms, the document %.2f ms\n",
      phases[0].best(), phases[1].best(), phases[2].best(), phases[3].best(), phases[4].best());
  std::printf("  parse_feed vs libxml2: %.2fx faster (best runs; goal %.1fx), %.2fx (medians)\n",
              ratio, kGoal, libxml2.median() / ours.median());
  return check && ratio < kGoal ? 1 : 0;
}
