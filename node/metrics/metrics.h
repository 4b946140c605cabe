// Prometheus metrics (text exposition format 0.0.4) for /metrics. A Registry holds
// families of counters, gauges and histograms; each sample is keyed by its labels.
// Thread-safe: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
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
  // One series of a histogram, resolved by histogram_series(): observing is lock-free.
  class HistogramSeries {
   public:
    explicit HistogramSeries(const std::vector<double>& bounds)
        : bounds_(&bounds), counts_(bounds.size() + 1) {}
    void observe(double value);

   private:
    friend class Registry;
    const std::vector<double>* bounds_;               // the family's, which outlives it
    std::vector<std::atomic<std::uint64_t>> counts_;  // per bucket, not cumulative
    std::atomic<double> sum_{0};
  };

  // Declares a family once; later declarations of the same name are ignored.
  // Names follow Prometheus rules ("sicnode_http_requests_total").
  void counter(const std::string& name, const std::string& help);
  void gauge(const std::string& name, const std::string& help);
  // Histogram buckets are upper bounds in increasing order (+Inf is added).
  void histogram(const std::string& name, const std::string& help, std::vector<double> buckets);

  // Adds to a counter (value >= 0). An undeclared name is a bug: it aborts.
  void inc(const std::string& name, const Labels& labels = {}, double value = 1);
  // Sets a gauge, or a counter whose total is kept elsewhere (a peer's received bytes in
  // the catalogue, the process's CPU time); a collector sets such counters.
  void set(const std::string& name, const Labels& labels, double value);
  // Removes every sample of a gauge or counter family (before a collector refills it).
  void clear(const std::string& name);
  // Records one observation in a histogram.
  void observe(const std::string& name, const Labels& labels, double value);

  // One series of a counter or a histogram, resolved once: updating it is a few atomic
  // additions, with no lock and no label formatting (for what every request updates).
  // The reference stays valid as long as the registry.
  std::atomic<double>& counter_series(const std::string& name, const Labels& labels);
  HistogramSeries& histogram_series(const std::string& name, const Labels& labels);

  // A collector runs at the start of each render(), e.g. to set gauges from the
  // catalogue. It runs without the registry's lock held.
  void add_collector(std::function<void(Registry&)> collector);

  // The exposition text: families in declaration order, samples sorted by labels.
  std::string render();

 private:
  enum class Kind { kCounter, kGauge, kHistogram };
  struct Family {
    Kind kind;
    std::string help;
    std::vector<double> buckets;
    // label text → value; map nodes never move, so series stay where they are
    std::map<std::string, std::atomic<double>> values;
    std::map<std::string, HistogramSeries> histograms;
  };
  Family& family(const std::string& name, Kind kind);
  Family& settable_family(const std::string& name);  // a gauge or a counter
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
