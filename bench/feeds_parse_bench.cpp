// Parsing feeds into the model as a running node pays it, against libxml2's DOM of the
// same bytes (xmlReadMemory and a walk over every node, no model), in the same run.
//
// Two feeds, generated deterministically:
//  - "centre": 5,000 Atom entries written by our writer, bodies of a few hundred bytes
//    (about 5.5 MB), as a busy centre's feed;
//  - "hub": 5,000 Atom entries from another generator, HTML bodies of 1 to 1.5 KB with
//    many attributes (in CDATA or escaped), categories with schemes and labels,
//    enclosures, xml:base and xml:lang (about 7.7 MB), as the hub's aggregated feed.
// Each parser runs in a process of its own (forked), parsing the same bytes again and
// again like a node that reads the feed every round: no heap settling, no warm-up
// outside the timed runs; each timed run includes freeing what it built. The parent
// takes turns with the processes, so that a busy machine disturbs them alike, and reads
// their CPU time (page faults and freeing included) and page faults per run.
//
// Usage: feeds_parse_bench [--check]        (--check: exit 1 below the 2x goal)
//        feeds_parse_bench --dump centre|hub (writes the generated feed to stdout)
//        feeds_parse_bench --profile centre|hub N (parse_feed alone, N times: perf, callgrind)
#include <libxml/parser.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "feeds/feeds.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace {

constexpr int kEntries = 5000;
constexpr int kRuns = 21;
constexpr double kGoal = 2.0;

// ---------------------------------------------------------------- the centre's feed

// A feed like a busy centre's: 5,000 entries in four languages, each with an author, an
// alternate link, the section and two topics, a one-line summary and a body of a few
// paragraphs as CMSs write them: links (relative ones too, and target/rel/class
// attributes the sanitizer removes), lists, a heading, an image in a figure, inline
// style, named and numeric entities, UTF-8 accents. About 1 KB an entry.
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

std::string centre_feed() {
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
  return sic::write_feed(sic::FeedFormat::kAtom, feed);
}

// ---------------------------------------------------------------- the hub's feed

// A deterministic stream of numbers (a linear congruential generator).
class Numbers {
 public:
  unsigned next(unsigned bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return unsigned(state_ >> 33) % bound;
  }

 private:
  unsigned long long state_ = 14;
};

constexpr const char* kLangs[] = {"en", "pt", "es", "de", "fr", "cs", "pl", "it", "nl", "el"};
constexpr const char* kWords[] = {
    "online",  "safety",     "children", "parents", "teachers", "helpline", "report",
    "content", "harmful",    "campaign", "school",  "privacy",  "games",    "social",
    "media",   "literacy",   "young",    "people",  "digital",  "rights",   "segurança",
    "niños",   "Sicherheit", "écoles",   "rodiče",  "szkoła",   "ασφάλεια", "internet"};
constexpr const char* kTopics[] = {"cyberbullying",
                                   "grooming",
                                   "sextortion",
                                   "hate speech",
                                   "media literacy/education",
                                   "online reputation",
                                   "excessive use",
                                   "potentially harmful content"};

std::string words(Numbers& r, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += kWords[r.next(std::size(kWords))];
  }
  return out;
}

// One block of a body as HTML, with the attributes CMSs and editors write.
std::string block(Numbers& r, int n) {
  std::string id = std::to_string(n);
  switch (r.next(6)) {
    case 0:
      return "<p class=\"lead has-text-align-left\" style=\"text-align: left; color: #333\">" +
             words(r, 14) + " <a href=\"https://www.example.eu/news/" + id +
             "?utm_source=feed&amp;utm_medium=rss\" target=\"_blank\" rel=\"noopener "
             "noreferrer\" class=\"external\" title=\"" +
             words(r, 2) + "\">" + words(r, 3) + "</a> " + words(r, 8) + ".</p>";
    case 1:
      return "<figure class=\"wp-block-image size-large\" id=\"fig-" + id +
             "\"><img loading=\"lazy\" decoding=\"async\" width=\"1024\" height=\"576\" "
             "src=\"/wp-content/uploads/2026/11/" +
             id + ".jpg\" alt=\"" + words(r, 4) + "\" class=\"wp-image-" + id +
             "\" srcset=\"/a-300.jpg 300w, /a-768.jpg 768w\" sizes=\"(max-width: 1024px) "
             "100vw\"><figcaption class=\"caption\">" +
             words(r, 5) + " &copy; SIC</figcaption></figure>";
    case 2:
      return "<ul class=\"wp-block-list\"><li data-id=\"1\">" + words(r, 5) +
             "</li><li data-id=\"2\">" + words(r, 6) + "</li><li data-id=\"3\"><strong>" +
             words(r, 2) + "</strong> " + words(r, 4) + "</li></ul>";
    case 3:
      return "<h3 id=\"h-" + id + "\" class=\"wp-block-heading\">" + words(r, 5) + "</h3><p>" +
             words(r, 12) + "&nbsp;&mdash; " + words(r, 6) + "&hellip;</p>";
    case 4:
      return "<blockquote class=\"wp-block-quote\" cite=\"https://www.example.eu/q/" + id +
             "\"><p>&laquo;" + words(r, 12) + "&raquo;</p><cite>" + words(r, 2) +
             "</cite></blockquote>";
    default:
      return "<table class=\"stats\"><tr><th scope=\"col\">" + words(r, 1) +
             "</th><th scope=\"col\">2026</th></tr><tr><td>" + words(r, 2) +
             "</td><td style=\"text-align: right\">" + std::to_string(r.next(5000)) +
             "</td></tr></table>";
  }
}

// Escaped for XML character data.
std::string escaped(std::string_view html) {
  std::string out;
  for (char c : html) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

// One entry of the hub's feed: a body of 1 to 1.5 KB of HTML (in CDATA or escaped, as
// generators do both), attributes on most elements.
std::string hub_entry(Numbers& r, int i) {
  std::string n = std::to_string(i), lang = kLangs[r.next(std::size(kLangs))];
  std::string body;
  std::size_t size = 600 + r.next(400);
  while (body.size() < size) body += block(r, i);
  std::string date = "2026-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) +
                     "-1" + std::to_string(i % 10) + "T0" + std::to_string(i % 10) + ":1" +
                     std::to_string(i % 6) + ":2" + std::to_string(i % 10) + "Z";
  std::string e = "<entry xml:lang=\"" + lang + "\">\n<id>tag:" + lang +
                  ".sic.example.eu,2026:posts/" + n + "</id>\n";
  e += "<title type=\"html\">" + escaped(words(r, 5) + " &amp; " + words(r, 2)) + "</title>\n";
  e += "<link rel=\"alternate\" type=\"text/html\" hreflang=\"" + lang + "\" href=\"https://" +
       lang + ".sic.example.eu/news/" + n + "\"/>\n";
  if (r.next(4) == 0)
    e += "<link rel=\"enclosure\" type=\"audio/mpeg\" length=\"" + std::to_string(r.next(9999999)) +
         "\" href=\"/media/" + n + ".mp3\"/>\n";
  e += "<updated>" + date + "</updated>\n";
  e += "<author><name>" + words(r, 2) + "</name></author>\n";
  e += "<category term=\"" + std::string(kTopics[r.next(std::size(kTopics))]) +
       "\" scheme=\"https://bik.eu/t\" label=\"" + words(r, 1) + "\"/>\n";
  e += "<content type=\"html\" xml:base=\"https://" + lang + ".sic.example.eu/news/" + n + "/\">";
  e += r.next(2) ? "<![CDATA[" + body + "]]>" : escaped(body);
  return e + "</content>\n</entry>\n";
}

std::string hub_feed() {
  Numbers r;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:thr=\"http://purl.org/syndication/thread/1.0\" xml:lang=\"en\">\n"
      "<id>https://www.betterinternetforkids.eu/feeds/network</id>\n<title>Better Internet for "
      "Kids: network news</title>\n<updated>2026-11-28T16:04:05Z</updated>\n<link rel=\"self\" "
      "href=\"https://www.betterinternetforkids.eu/feeds/network\"/>\n<author><name>BIK "
      "Team</name></author>\n";
  for (int i = 0; i < kEntries; ++i) out += hub_entry(r, i);
  return out + "</feed>\n";
}

// ---------------------------------------------------------------- measuring

struct Run {
  double ms = 0;    // CPU time of the run, page faults and freeing included
  long faults = 0;  // minor page faults during the run
};

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return u.ru_minflt;
}

// libxml2's DOM alone: the tree built and freed, not read.
void libxml2_read(const std::string& bytes) {
  xmlDocPtr doc = xmlReadMemory(bytes.data(), int(bytes.size()), "feed.xml", nullptr, 0);
  if (doc == nullptr) std::abort();
  xmlFreeDoc(doc);
}

// libxml2's DOM, as far as a reader would use it: every node visited once.
void libxml2_dom(const std::string& bytes) {
  xmlDocPtr doc = xmlReadMemory(bytes.data(), int(bytes.size()), "feed.xml", nullptr, 0);
  if (doc == nullptr) std::abort();
  std::size_t nodes = 0;
  std::vector<xmlNodePtr> stack = {xmlDocGetRootElement(doc)};
  while (!stack.empty()) {
    xmlNodePtr n = stack.back();
    stack.pop_back();
    ++nodes;
    for (xmlAttrPtr a = n->properties; a; a = a->next) ++nodes;
    for (xmlNodePtr c = n->children; c; c = c->next) stack.push_back(c);
  }
  if (nodes == 0) std::abort();
  xmlFreeDoc(doc);
}

void parse_into_model(const std::string& bytes, const sic::ParseOptions& options) {
  auto feed = sic::parse_feed(bytes, options);
  if (!feed.ok() || feed->articles.size() != kEntries) std::abort();
}

void xml_layer(const std::string& bytes, const sic::ParseOptions& options) {
  auto utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml);
  auto doc = sic::xml::Document::parse(std::move(*utf8), options.base_url);
  if (!doc.ok()) std::abort();
}

// Times one run of work on the calling thread.
Run timed(const std::function<void()>& work) {
  long faults = minor_faults();
  double start = cpu_ms();
  work();
  return Run{cpu_ms() - start, minor_faults() - faults};
}

// A process of its own running `work` (which times itself) once for every byte the
// parent writes, answering with the Run. Its heap is its own, as a node's is, and the
// work runs on a thread other than the process's first, as a node's rounds do (glibc
// gives such a thread an arena of its own); on_main: on the process's first thread, as
// `sicnode import` and `sicnode parse` do (glibc's main arena, which gives memory back
// to the kernel at the top of the heap).
class Worker {
 public:
  explicit Worker(std::function<Run()> work, bool on_main = false) {
    int to_child[2], to_parent[2];
    if (pipe(to_child) != 0 || pipe(to_parent) != 0) std::abort();
    pid_ = fork();
    if (pid_ < 0) std::abort();
    if (pid_ == 0) {
      close(to_child[1]);
      close(to_parent[0]);
      auto serve = [&] {
        char c;
        while (read(to_child[0], &c, 1) == 1) {
          Run run = work();
          if (write(to_parent[1], &run, sizeof run) != sizeof run) _exit(1);
        }
      };
      if (on_main)
        serve();
      else
        std::thread(serve).join();
      _exit(0);
    }
    close(to_child[0]);
    close(to_parent[1]);
    out_ = to_child[1];
    in_ = to_parent[0];
  }
  ~Worker() {
    close(out_);
    close(in_);
    waitpid(pid_, nullptr, 0);
  }
  Run run() {
    Run r;
    if (write(out_, "r", 1) != 1 || read(in_, &r, sizeof r) != sizeof r) std::abort();
    return r;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
};

struct Runs {
  std::vector<Run> runs;
  double best() const {
    double b = runs[0].ms;
    for (const auto& r : runs) b = std::min(b, r.ms);
    return b;
  }
  template <typename F>
  static double median_of(std::vector<Run> runs, F f) {
    std::sort(runs.begin(), runs.end(), [&](const Run& a, const Run& b) { return f(a) < f(b); });
    return f(runs[runs.size() / 2]);
  }
  double median() const {
    return median_of(runs, [](const Run& r) { return r.ms; });
  }
  double median_faults() const {
    return median_of(runs, [](const Run& r) { return double(r.faults); });
  }
};

struct Result {
  std::string name;
  std::size_t bytes;
  Runs read, untrimmed, libxml2, ours, tree, mixed, main_read, main_ours;
};

Result measure(const std::string& name, const std::string& bytes) {
  sic::ParseOptions options;
  options.base_url = "https://www.example.eu/feeds/atom";
  parse_into_model(bytes, options);  // checks the feed in this process; not timed
  Result res{name, bytes.size(), {}, {}, {}, {}, {}, {}, {}, {}};
  Worker read([&] { return timed([&] { libxml2_read(bytes); }); });
  // libxml2 at its best: glibc told (untimed, once) never to give memory back nor to
  // mmap large blocks, so that its steady process takes no page faults at all. Without
  // this, glibc gives back the freed DOM on some runs of the bench and not on others.
  Worker untrimmed([&] {
    static bool fixed = [] {
      return mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1 && mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1;
    }();
    if (!fixed) std::abort();
    return timed([&] { libxml2_read(bytes); });
  });
  Worker libxml2([&] { return timed([&] { libxml2_dom(bytes); }); });
  Worker ours([&] { return timed([&] { parse_into_model(bytes, options); }); });
  Worker tree([&] { return timed([&] { xml_layer(bytes, options); }); });
  // parse_feed in a process that does other heap-heavy work between parses (libxml2's
  // DOM, untimed): what glibc's deferred merging of freed blocks costs the next parse.
  Worker mixed([&] {
    libxml2_dom(bytes);
    return timed([&] { parse_into_model(bytes, options); });
  });
  Worker main_read([&] { return timed([&] { libxml2_read(bytes); }); }, true);
  Worker main_ours([&] { return timed([&] { parse_into_model(bytes, options); }); }, true);
  for (int i = 0; i < kRuns; ++i) {
    res.main_read.runs.push_back(main_read.run());
    res.main_ours.runs.push_back(main_ours.run());
    res.read.runs.push_back(read.run());
    res.untrimmed.runs.push_back(untrimmed.run());
    res.libxml2.runs.push_back(libxml2.run());
    res.ours.runs.push_back(ours.run());
    res.tree.runs.push_back(tree.run());
    res.mixed.runs.push_back(mixed.run());
  }
  return res;
}

void report(const Result& r) {
  std::printf("%s: Atom, %d entries, %.2f MB, %d runs in turn, each parser in a steady process\n",
              r.name.c_str(), kEntries, r.bytes / 1e6, kRuns);
  auto line = [&](const char* what, const Runs& runs) {
    std::printf(
        "  %-36s first %7.2f ms, best %7.2f ms, median %7.2f ms, %6.0f page faults/run "
        "(median)\n",
        what, runs.runs[0].ms, runs.best(), runs.median(), runs.median_faults());
  };
  line("libxml2 xmlReadMemory + free (DOM)", r.read);
  line("libxml2 DOM, heap never given back", r.untrimmed);
  line("libxml2 DOM + a walk over every node", r.libxml2);
  line("sic parse_feed (into the model)", r.ours);
  line("sic XML layer alone (tree, no model)", r.tree);
  line("parse_feed after libxml2 in one process", r.mixed);
  line("libxml2 DOM, on the main thread", r.main_read);
  line("sic parse_feed, on the main thread", r.main_ours);
  std::printf(
      "  parse_feed vs libxml2's DOM: %.2fx (medians; goal %.1fx), %.2fx (best runs); "
      "vs its DOM never giving memory back: %.2fx; vs DOM + walk: %.2fx (medians)\n",
      r.read.median() / r.ours.median(), kGoal, r.read.best() / r.ours.best(),
      r.untrimmed.median() / r.ours.median(), r.libxml2.median() / r.ours.median());
  std::printf("  on the main thread: %.2fx (medians)\n",
              r.main_read.median() / r.main_ours.median());
}

std::string feed_named(const char* name) {
  return std::strcmp(name, "hub") == 0 ? hub_feed() : centre_feed();
}

}  // namespace

int main(int argc, char** argv) {
  bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  if (argc > 2 && std::strcmp(argv[1], "--dump") == 0) {
    std::string bytes = feed_named(argv[2]);
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return 0;
  }
  if (argc > 3 && std::strcmp(argv[1], "--profile") == 0) {  // parse_feed only, N times
    std::string bytes = feed_named(argv[2]);
    sic::ParseOptions options;
    options.base_url = "https://www.example.eu/feeds/atom";
    for (int i = std::atoi(argv[3]); i > 0; --i) parse_into_model(bytes, options);
    return 0;
  }
  xmlInitParser();
  bool met = true;
  for (const char* name : {"centre", "hub"}) {
    Result r = measure(name, feed_named(name));
    report(r);
    // The goal is checked against the stricter of the two DOM references.
    double reference = std::min(r.read.median(), r.untrimmed.median());
    met = met && reference / r.ours.median() >= kGoal;
  }
  xmlCleanupParser();
  return check && !met ? 1 : 0;
}
