// The standard process metrics of Prometheus's client libraries, read from /proc at
// each render: process_cpu_seconds_total, process_open_fds, process_max_fds,
// process_virtual_memory_bytes, process_resident_memory_bytes and
// process_start_time_seconds. Where /proc cannot be read, the samples are left out.
#pragma once

#include <optional>
#include <string_view>

#include "node/metrics/metrics.h"

namespace sic::metrics {

// Declares the families and adds the collector that fills them.
void add_process_metrics(Registry& registry);

struct ProcessStat {
  double cpu_seconds = 0;         // user + system time
  double start_time_seconds = 0;  // since the epoch
  double virtual_bytes = 0;
  double resident_bytes = 0;
};

// Reads /proc/self/stat (the text of `stat`) given the boot time (`btime` of
// /proc/stat), the clock ticks per second and the page size. nullopt when the text
// is not in stat's format.
std::optional<ProcessStat> parse_proc_stat(std::string_view stat, double boot_time_seconds,
                                           double ticks_per_second, double page_bytes);

}  // namespace sic::metrics
