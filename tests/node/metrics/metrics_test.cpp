#include "node/metrics/metrics.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using sic::metrics::Registry;

TEST_CASE("Counters render with HELP, TYPE and sorted escaped labels", "[metrics]") {
  Registry r;
  r.counter("sicnode_http_requests_total", "HTTP requests by route and status.");
  r.inc("sicnode_http_requests_total", {{"status", "200"}, {"route", "/feeds/atom"}});
  r.inc("sicnode_http_requests_total", {{"route", "/feeds/atom"}, {"status", "200"}}, 2);
  r.inc("sicnode_http_requests_total", {{"route", "a\"b\\c\nd"}, {"status", "404"}});
  CHECK(r.render() ==
        "# HELP sicnode_http_requests_total HTTP requests by route and status.\n"
        "# TYPE sicnode_http_requests_total counter\n"
        "sicnode_http_requests_total{route=\"/feeds/atom\",status=\"200\"} 3\n"
        "sicnode_http_requests_total{route=\"a\\\"b\\\\c\\nd\",status=\"404\"} 1\n");
}

TEST_CASE("Histograms are cumulative with +Inf, sum and count", "[metrics]") {
  Registry r;
  r.histogram("latency_seconds", "Latency.", {0.01, 0.1});
  r.observe("latency_seconds", {}, 0.005);
  r.observe("latency_seconds", {}, 0.05);
  r.observe("latency_seconds", {}, 0.1);
  r.observe("latency_seconds", {}, 3);
  CHECK(r.render() ==
        "# HELP latency_seconds Latency.\n# TYPE latency_seconds histogram\n"
        "latency_seconds_bucket{le=\"0.01\"} 1\n"
        "latency_seconds_bucket{le=\"0.1\"} 3\n"
        "latency_seconds_bucket{le=\"+Inf\"} 4\n"
        "latency_seconds_sum 3.155\n"
        "latency_seconds_count 4\n");
}

TEST_CASE("Collectors refresh gauges at each render", "[metrics]") {
  Registry r;
  r.gauge("sicnode_articles", "Articles by origin.");
  int calls = 0;
  r.add_collector([&](Registry& reg) {
    reg.clear("sicnode_articles");
    reg.set("sicnode_articles", {{"origin", "sic-pt"}}, ++calls);
  });
  CHECK(r.render().find("sicnode_articles{origin=\"sic-pt\"} 1\n") != std::string::npos);
  CHECK(r.render().find("sicnode_articles{origin=\"sic-pt\"} 2\n") != std::string::npos);
}

TEST_CASE("Families keep their declaration order and declaring twice is harmless", "[metrics]") {
  Registry r;
  r.gauge("b", "B.");
  r.counter("a", "A.");
  r.gauge("b", "Again.");
  std::string text = r.render();
  CHECK(text.find("# HELP b B.") < text.find("# HELP a A."));
  CHECK(text.find("Again") == std::string::npos);
}

TEST_CASE("Resolved series are the labels' series and count every update from many threads",
          "[metrics]") {
  Registry r;
  r.counter("requests_total", "Requests.");
  r.histogram("duration_seconds", "Durations.", {0.01, 0.1});
  auto& count = r.counter_series("requests_total", {{"route", "/feeds/atom"}});
  CHECK(&count == &r.counter_series("requests_total", {{"route", "/feeds/atom"}}));
  auto& duration = r.histogram_series("duration_seconds", {{"route", "/feeds/atom"}});
  CHECK(&duration == &r.histogram_series("duration_seconds", {{"route", "/feeds/atom"}}));
  r.inc("requests_total", {{"route", "/feeds/atom"}}, 5);  // the slow path, same series
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        count.fetch_add(1);
        duration.observe(i % 2 ? 0.05 : 0.5);
      }
    });
  for (auto& t : threads) t.join();
  CHECK(r.render() ==
        "# HELP requests_total Requests.\n"
        "# TYPE requests_total counter\n"
        "requests_total{route=\"/feeds/atom\"} 40005\n"
        "# HELP duration_seconds Durations.\n"
        "# TYPE duration_seconds histogram\n"
        "duration_seconds_bucket{route=\"/feeds/atom\",le=\"0.01\"} 0\n"
        "duration_seconds_bucket{route=\"/feeds/atom\",le=\"0.1\"} 20000\n"
        "duration_seconds_bucket{route=\"/feeds/atom\",le=\"+Inf\"} 40000\n"
        "duration_seconds_sum{route=\"/feeds/atom\"} 11000\n"
        "duration_seconds_count{route=\"/feeds/atom\"} 40000\n");
}

TEST_CASE("A counter whose total is kept elsewhere is set by a collector", "[metrics]") {
  Registry r;
  r.counter("peer_bytes_total", "Bytes.");
  std::int64_t stored = 100;
  r.add_collector([&](Registry& reg) {
    reg.clear("peer_bytes_total");
    reg.set("peer_bytes_total", {{"peer", "bik"}}, double(stored));
  });
  CHECK(r.render() ==
        "# HELP peer_bytes_total Bytes.\n# TYPE peer_bytes_total counter\n"
        "peer_bytes_total{peer=\"bik\"} 100\n");
  stored = 1'796'567'530;
  CHECK(r.render().find("peer_bytes_total{peer=\"bik\"} 1796567530\n") != std::string::npos);
}

TEST_CASE("Fractional values keep twelve significant digits", "[metrics]") {
  Registry r;
  r.gauge("start_time_seconds", "Start.");
  r.set("start_time_seconds", {}, 1796567530.37);
  CHECK(r.render().find("start_time_seconds 1796567530.37\n") != std::string::npos);
}
