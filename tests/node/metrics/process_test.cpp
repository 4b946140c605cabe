#include "node/metrics/process.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

using namespace sic::metrics;

namespace {

// The value of a sample without labels in exposition text; -1 when absent.
double sample(const std::string& text, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex("\n" + name + " ([0-9.e+]+)\n"))) return -1;
  return std::stod(m[1]);
}

}  // namespace

TEST_CASE("/proc/self/stat is read after the command name, whatever that holds",
          "[metrics][process]") {
  // proc(5): utime 14, stime 15, starttime 22, vsize 23, rss 24 (ticks, ticks, ticks,
  // bytes, pages).
  std::string stat =
      "4242 (sic (node) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 7 0 "
      "123400 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
  auto p = parse_proc_stat(stat, 1'700'000'000, 100, 4096);
  REQUIRE(p);
  CHECK(p->cpu_seconds == Approx(3.0));
  CHECK(p->start_time_seconds == Approx(1'700'001'234));
  CHECK(p->virtual_bytes == 104857600);
  CHECK(p->resident_bytes == 2560.0 * 4096);
  CHECK_FALSE(parse_proc_stat("4242 (sicnode) S 1 2 3", 0, 100, 4096));
  CHECK_FALSE(parse_proc_stat("no parenthesis", 0, 100, 4096));
}

TEST_CASE("The process metrics of this process are plausible", "[metrics][process]") {
  Registry r;
  add_process_metrics(r);
  std::string text = "\n" + r.render();
  CHECK(text.find("# TYPE process_cpu_seconds_total counter\n") != std::string::npos);
  CHECK(text.find("# TYPE process_resident_memory_bytes gauge\n") != std::string::npos);
  CHECK(sample(text, "process_resident_memory_bytes") > 1e6);
  CHECK(sample(text, "process_virtual_memory_bytes") >=
        sample(text, "process_resident_memory_bytes"));
  CHECK(sample(text, "process_open_fds") >= 3);
  CHECK(sample(text, "process_max_fds") >= sample(text, "process_open_fds"));
  CHECK(sample(text, "process_cpu_seconds_total") >= 0);
  double now = double(std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count());
  double start = sample(text, "process_start_time_seconds");
  CHECK(start <= now + 1);
  CHECK(start > now - 3600);  // this test binary started less than an hour ago
}
