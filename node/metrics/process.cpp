#include "node/metrics/process.h"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace sic::metrics {
namespace {

constexpr const char* kGauges[][2] = {
    {"process_open_fds", "Number of open file descriptors."},
    {"process_max_fds", "Maximum number of open file descriptors."},
    {"process_virtual_memory_bytes", "Virtual memory size in bytes."},
    {"process_resident_memory_bytes", "Resident memory size in bytes."},
    {"process_start_time_seconds", "Start time of the process since unix epoch in seconds."},
};

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<double> number_at(const std::vector<std::string_view>& fields, std::size_t i) {
  if (i >= fields.size()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(fields[i].data(), fields[i].data() + fields[i].size(), v);
  if (ec != std::errc() || end != fields[i].data() + fields[i].size()) return std::nullopt;
  return v;
}

// `btime` of /proc/stat: the boot time in seconds since the epoch.
std::optional<double> boot_time() {
  std::string stat = read_file("/proc/stat");
  auto at = stat.find("\nbtime ");
  if (at == std::string::npos) return std::nullopt;
  return std::strtod(stat.c_str() + at + 7, nullptr);
}

std::optional<double> open_fds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec))
    ++n;
  if (ec) return std::nullopt;
  return n;
}

void collect(Registry& r) {
  auto btime = boot_time();
  auto stat = btime ? parse_proc_stat(read_file("/proc/self/stat"), *btime,
                                      double(sysconf(_SC_CLK_TCK)), double(sysconf(_SC_PAGESIZE)))
                    : std::nullopt;
  if (stat) {
    r.set("process_cpu_seconds_total", {}, stat->cpu_seconds);
    r.set("process_virtual_memory_bytes", {}, stat->virtual_bytes);
    r.set("process_resident_memory_bytes", {}, stat->resident_bytes);
    r.set("process_start_time_seconds", {}, stat->start_time_seconds);
  }
  if (auto fds = open_fds()) r.set("process_open_fds", {}, *fds);
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    r.set("process_max_fds", {}, double(limit.rlim_cur));
}

}  // namespace

std::optional<ProcessStat> parse_proc_stat(std::string_view stat, double boot_time_seconds,
                                           double ticks_per_second, double page_bytes) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses; the fields
  // after the last ')' are numbered from 3 (state) on, see proc(5).
  auto close = stat.rfind(')');
  if (close == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  std::vector<std::string_view> fields = {{}, {}, {}};  // fields 0-2: unused, pid, comm
  for (std::size_t i = close + 1; i < stat.size();) {
    while (i < stat.size() && (stat[i] == ' ' || stat[i] == '\n')) ++i;
    std::size_t end = stat.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = stat.size();
    if (end > i) fields.push_back(stat.substr(i, end - i));
    i = end;
  }
  auto utime = number_at(fields, 14), stime = number_at(fields, 15);
  auto start = number_at(fields, 22), vsize = number_at(fields, 23), rss = number_at(fields, 24);
  if (!utime || !stime || !start || !vsize || !rss) return std::nullopt;
  return ProcessStat{.cpu_seconds = (*utime + *stime) / ticks_per_second,
                     .start_time_seconds = boot_time_seconds + *start / ticks_per_second,
                     .virtual_bytes = *vsize,
                     .resident_bytes = *rss * page_bytes};
}

void add_process_metrics(Registry& registry) {
  registry.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
  for (const auto& gauge : kGauges) registry.gauge(gauge[0], gauge[1]);
  registry.add_collector(collect);
}

}  // namespace sic::metrics
