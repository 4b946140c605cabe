// WebSub per-hop latency (docs/performance.md, "WebSub: per-hop latency"): four real
// `sicnode serve` processes on 127.0.0.1 in a chain a→b→c→d (b reads a, c reads b, d
// reads c), every one polling its peer hourly, so what arrives within seconds came by
// push. Articles are posted on a through the API one at a time; for each, three
// watchers poll GET /api/articles/{id} on b, c and d in a tight loop and note when it
// first answers 200. The hops are a's 201 → b, b → c and c → d.
//
// Nothing is warmed by hand: the first article of a's is the first entry signed by a
// that c and d see, so they hold it until a round learns a's key (docs/merge.md); it is
// reported on its own and the figures are given with and without it.
//
// Usage: websub_bench [--articles N] [--step-ms MS] [--check]
//   --articles  how many articles are posted (default 50)
//   --step-ms   the watchers' pause between two GETs (default 2)
//   --check     exit 1 when p99 per hop (all articles) is 1 s or more
#include <cpprest/json.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "feeds/model/iri.h"
#include "tests/support/poll.h"
#include "tests/support/sicnode.h"

namespace {

using Steady = std::chrono::steady_clock;
using sic::test::HttpResult;
using sic::test::TestNode;
using namespace std::chrono_literals;

constexpr int kNodes = 4;  // a, b, c, d
constexpr auto kArrivalDeadline = 60s;
constexpr double kGoalMs = 1000;

struct Options {
  int articles = 50;
  int step_ms = 2;
  bool check = false;
};

double ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The `[sync]` keys of an hourly poller, inserted at the top of the section TestNode writes.
void poll_hourly(const TestNode& node) {
  std::string text;
  {
    std::ifstream in(node.config_path());
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::size_t at = text.find("[sync]\n");
  if (at == std::string::npos) throw std::runtime_error("bench: no [sync] in the config");
  text.insert(at + 7, "interval_seconds = 3600\npush_fallback_seconds = 3600\n");
  std::ofstream(node.config_path()) << text;
}

void follow(const TestNode& reader, const std::string& peer_id, const TestNode& peer) {
  std::ofstream(reader.config_path(), std::ios::app)
      << "\n[[peers]]\nid = \"" << peer_id << "\"\nurl = \"" << peer.url("/feeds/atom") << "\"\n";
}

// A metric's value on a node (the first series whose line starts with `series`); -1
// when /metrics does not answer, 0 when the series is absent.
double metric(const TestNode& node, const std::string& series) {
  HttpResult r = sic::test::http_get(node.url("/metrics"));
  if (r.status != 200) return -1;
  std::size_t at = r.body.find("\n" + series + " ");
  if (at == std::string::npos) return 0;
  return std::stod(r.body.substr(at + series.size() + 2));
}

// The sum of every series of a metric (labelled or not) whose line contains `label`
// (e.g. result="ok"; "" for all).
double metric_sum(const TestNode& node, const std::string& name, const std::string& label = "") {
  HttpResult r = sic::test::http_get(node.url("/metrics"));
  double sum = 0;
  std::size_t at = 0;
  while ((at = r.body.find("\n" + name, at)) != std::string::npos) {
    std::size_t end = r.body.find('\n', at + 1);
    std::string line = r.body.substr(at + 1, end - at - 1);
    char next = line.size() > name.size() ? line[name.size()] : '\0';
    if ((next == ' ' || next == '{') && line.find(label) != std::string::npos)
      sum += std::stod(line.substr(line.rfind(' ') + 1));
    at = end;
  }
  return sum;
}

// Polls GET /api/articles/{id} on one node until it answers 200 or the deadline
// passes. `arrived` is the end of the first GET that answered 200 (an upper bound:
// the article came at most one poll interval earlier).
struct Watch {
  std::optional<Steady::time_point> arrived;
  int polls = 0;
  Steady::duration polling{};  // from the first GET's start to the last one's end
};

Watch watch(const TestNode& node, const std::string& path, std::chrono::milliseconds step,
            Steady::time_point deadline) {
  Watch w;
  const Steady::time_point first = Steady::now();
  while (true) {
    HttpResult r = sic::test::http_get(node.url(path));
    Steady::time_point end = Steady::now();
    ++w.polls;
    w.polling = end - first;
    if (r.status == 200) {
      w.arrived = end;
      return w;
    }
    if (end >= deadline) return w;
    std::this_thread::sleep_for(step);
  }
}

struct Sample {
  double post_ms = 0;  // the POST's round trip
  std::vector<double> hop_ms;
  double poll_interval_ms = 0;  // the watchers' mean interval between two GETs
};

// p (0..1) by nearest rank.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  std::size_t rank = std::size_t(std::ceil(p * double(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void print_row(const char* label, const std::vector<double>& v) {
  std::printf("  %-22s n=%-4zu p50 %8.1f ms   p99 %8.1f ms   max %8.1f ms\n", label, v.size(),
              percentile(v, 0.5), percentile(v, 0.99), percentile(v, 1.0));
}

// Prints p50, p99 and max per hop and over all hops for samples [from, end).
double print_table(const std::vector<Sample>& samples, std::size_t from) {
  static const char* kHops[] = {"hop a -> b (from 201)", "hop b -> c", "hop c -> d"};
  std::vector<double> all;
  double worst_p99 = 0;
  for (int h = 0; h < kNodes - 1; ++h) {
    std::vector<double> v;
    for (std::size_t i = from; i < samples.size(); ++i) v.push_back(samples[i].hop_ms[h]);
    all.insert(all.end(), v.begin(), v.end());
    print_row(kHops[h], v);
    worst_p99 = std::max(worst_p99, percentile(v, 0.99));
  }
  print_row("all hops", all);
  std::vector<double> total;
  for (std::size_t i = from; i < samples.size(); ++i) {
    double sum = 0;
    for (double hop : samples[i].hop_ms) sum += hop;
    total.push_back(sum);
  }
  print_row("a's 201 -> d", total);
  return worst_p99;
}

class Chain {
 public:
  Chain() {
    const char* ids[] = {"sic-a", "sic-b", "sic-c", "sic-d"};
    for (int i = 0; i < kNodes; ++i) {
      sic::test::NodeOptions options;
      options.id = ids[i];
      options.name = std::string("Node ") + ids[i];
      nodes_.push_back(std::make_unique<TestNode>(options));
      poll_hourly(*nodes_.back());
    }
    for (int i = 1; i < kNodes; ++i) follow(*nodes_[i], ids[i - 1], *nodes_[i - 1]);
  }
  TestNode& operator[](int i) { return *nodes_[i]; }

  void start() {
    token_ = nodes_[0]->create_token("bench");
    for (auto& node : nodes_) node->start();
  }
  // Until the hubs of a, b and c each have a verified subscriber.
  bool subscribed(std::chrono::seconds within) {
    for (int i = 0; i + 1 < kNodes; ++i)
      if (!sic::test::poll_for(
              within, [&] { return metric(*nodes_[i], "sicnode_websub_subscribers") >= 1; }, 50ms))
        return false;
    return true;
  }
  // Posts an article on a; its id, or "" with the reason on stderr.
  std::string post(int n) {
    std::string title = "Helpline hours, update " + std::to_string(n);
    std::string body = R"({"title": ")" + title + R"(", "lang": "en", "summary": "About )" + title +
                       R"(", "tags": ["cyberbullying"], "section": "awareness"})";
    HttpResult r = sic::test::http_post(
        nodes_[0]->url("/api/articles"), body,
        {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
    if (r.status != 201) {
      std::fprintf(stderr, "bench: POST /api/articles answered %d: %s%s\n", r.status,
                   r.body.c_str(), r.error.c_str());
      return "";
    }
    return web::json::value::parse(r.body)["id"].as_string();
  }

 private:
  std::vector<std::unique_ptr<TestNode>> nodes_;
  std::string token_;
};

// Posts one article and watches b, c and d until it is on all three.
std::optional<Sample> measure(Chain& chain, int n, std::chrono::milliseconds step) {
  Steady::time_point sent = Steady::now();
  std::string id = chain.post(n);
  Steady::time_point created = Steady::now();
  if (id.empty()) return std::nullopt;
  std::string path = "/api/articles/" + sic::percent_encode(id);
  Steady::time_point deadline = created + kArrivalDeadline;
  Watch watches[kNodes - 1];
  {
    std::vector<std::jthread> threads;
    for (int i = 1; i < kNodes; ++i)
      threads.emplace_back([&, i] { watches[i - 1] = watch(chain[i], path, step, deadline); });
  }
  Sample s;
  s.post_ms = ms(created - sent);
  Steady::time_point previous = created;
  double interval = 0;
  for (int i = 0; i < kNodes - 1; ++i) {
    if (!watches[i].arrived) {
      std::fprintf(stderr, "bench: article %d (%s) did not reach node %c within %lld s\n", n,
                   id.c_str(), 'b' + i, static_cast<long long>(kArrivalDeadline.count()));
      return std::nullopt;
    }
    s.hop_ms.push_back(ms(*watches[i].arrived - previous));
    previous = *watches[i].arrived;
    interval += ms(watches[i].polling) / std::max(1, watches[i].polls - 1);
  }
  s.poll_interval_ms = interval / (kNodes - 1);
  return s;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--check")) {
      o.check = true;
    } else if (!std::strcmp(argv[i], "--articles") && i + 1 < argc) {
      o.articles = std::max(2, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--step-ms") && i + 1 < argc) {
      o.step_ms = std::max(0, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: websub_bench [--articles N] [--step-ms MS] [--check]\n");
      std::exit(2);
    }
  }
  return o;
}

// Sync rounds run so far on each node.
std::vector<double> rounds(Chain& chain) {
  std::vector<double> out;
  for (int i = 0; i < kNodes; ++i) out.push_back(metric_sum(chain[i], "sicnode_sync_rounds_total"));
  return out;
}

// What carried the articles: deliveries sent and merged, and the sync rounds run while
// they were posted (`before`: the rounds at the first post).
void print_push_counts(Chain& chain, const std::vector<double>& before) {
  std::printf("push and polling on the way (from /metrics):\n");
  std::vector<double> after = rounds(chain);
  for (int i = 0; i < kNodes; ++i)
    std::printf(
        "  %c: deliveries sent ok %.0f, failed %.0f; deliveries merged %.0f; sync rounds while "
        "posting %.0f (%.0f at start-up)\n",
        char('a' + i), metric_sum(chain[i], "sicnode_websub_deliveries_total", "result=\"ok\""),
        metric_sum(chain[i], "sicnode_websub_deliveries_total", "result=\"failed\""),
        metric_sum(chain[i], "sicnode_push_deliveries_total", "result=\"merged\""),
        after[i] - before[i], before[i]);
}

int run(const Options& o) {
  Chain chain;
  Steady::time_point started = Steady::now();
  chain.start();
  if (!chain.subscribed(30s)) {
    std::fprintf(stderr, "bench: the subscriptions were not verified within 30 s\n");
    for (int i = 0; i < kNodes; ++i) std::fprintf(stderr, "%s\n", chain[i].server_log().c_str());
    return 2;
  }
  std::printf("chain a->b->c->d up and every subscription verified in %.0f ms\n",
              ms(Steady::now() - started));
  const std::vector<double> rounds_before = rounds(chain);
  std::vector<Sample> samples;
  for (int n = 1; n <= o.articles; ++n) {
    auto s = measure(chain, n, std::chrono::milliseconds(o.step_ms));
    if (!s) return 2;
    samples.push_back(*s);
  }
  std::vector<double> posts, intervals;
  for (const auto& s : samples) {
    posts.push_back(s.post_ms);
    intervals.push_back(s.poll_interval_ms);
  }
  std::printf(
      "%d articles posted on a one at a time; watchers GET every %d ms + the request "
      "(measured interval between GETs: median %.1f ms, max %.1f ms), so each arrival "
      "is late by at most about that\n",
      o.articles, o.step_ms, percentile(intervals, 0.5), percentile(intervals, 1.0));
  std::printf("POST /api/articles on a (to its 201): p50 %.1f ms, max %.1f ms\n",
              percentile(posts, 0.5), percentile(posts, 1.0));
  const Sample& first = samples.front();
  std::printf(
      "first article (c and d hold it until a round learns a's key):\n"
      "  a -> b %.1f ms, b -> c %.1f ms, c -> d %.1f ms, a's 201 -> d %.1f ms\n",
      first.hop_ms[0], first.hop_ms[1], first.hop_ms[2],
      first.hop_ms[0] + first.hop_ms[1] + first.hop_ms[2]);
  std::printf("articles 2..%d (without the first):\n", o.articles);
  double p99_without = print_table(samples, 1);
  std::printf("all %d articles (with the first):\n", o.articles);
  double p99_with = print_table(samples, 0);
  print_push_counts(chain, rounds_before);
  bool met = p99_with < kGoalMs;
  std::printf(
      "goal: p99 per hop under %.0f ms: %s with the first article (worst hop %.1f ms), "
      "%s without it (worst hop %.1f ms)\n",
      kGoalMs, met ? "met" : "MISSED", p99_with, p99_without < kGoalMs ? "met" : "MISSED",
      p99_without);
  return o.check && !met ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 2;
  }
}
