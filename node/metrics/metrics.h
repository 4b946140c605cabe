// Prometheus metrics (text exposition format 0.0.4) for /metrics. A Registry holds
// families of counters, gauges and histograms; each sample is keyed by its labels.
// Thread-safe: every method may be called from any thread.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sic::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Registry {
 public:
  // Declares a family once; later declarations of the same name are ignored.
  // Names follow Prometheus rules ("sicnode_http_requests_total").
  void counter(const std::string& name, const std::string& help);
  void gauge(const std::string& name, const std::string& help);
  // Histogram buckets are upper bounds in increasing order (+Inf is added).
  void histogram(const std::string& name, const std::string& help, std::vector<double> buckets);

  // Adds to a counter (value >= 0). An undeclared name is a bug: it aborts.
  void inc(const std::string& name, const Labels& labels = {}, double value = 1);
  // Sets a gauge.
  void set(const std::string& name, const Labels& labels, double value);
  // Removes every sample of a gauge family (before a collector refills it).
  void clear(const std::string& name);
  // Records one observation in a histogram.
  void observe(const std::string& name, const Labels& labels, double value);

  // A collector runs at the start of each render(), e.g. to set gauges from the
  // catalogue. It runs without the registry's lock held.
  void add_collector(std::function<void(Registry&)> collector);

  // The exposition text: families in declaration order, samples sorted by labels.
  std::string render();

 private:
  enum class Kind { kCounter, kGauge, kHistogram };
  struct Histogram {
    std::vector<std::uint64_t> counts;  // per bucket, not cumulative
    double sum = 0;
    std::uint64_t count = 0;
  };
  struct Family {
    Kind kind;
    std::string help;
    std::vector<double> buckets;
    std::map<std::string, double> values;         // label text → value
    std::map<std::string, Histogram> histograms;  // label text → histogram
  };
  Family& family(const std::string& name, Kind kind);
  void declare(const std::string& name, Kind kind, const std::string& help,
               std::vector<double> buckets = {});

  std::mutex mutex_;
  std::vector<std::string> order_;
  std::map<std::string, Family> families_;
  std::vector<std::function<void(Registry&)>> collectors_;
};

// `{a="x",b="y"}` with values escaped (backslash, quote, newline); "" for no labels.
std::string label_text(const Labels& labels);

}  // namespace sic::metrics
