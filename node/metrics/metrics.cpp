#include "node/metrics/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sic::metrics {
namespace {

std::string escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  // 12 digits: a Unix time keeps its hundredths; a sum of many observations does not
  // show the float additions' last-digit noise.
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

// Adds a label to an existing label text: `{a="x"}` + le → `{a="x",le="0.1"}`.
std::string with_label(const std::string& labels, const std::string& name, const std::string& v) {
  std::string extra = name + "=\"" + v + "\"";
  if (labels.empty()) return "{" + extra + "}";
  return labels.substr(0, labels.size() - 1) + "," + extra + "}";
}

}  // namespace

std::string label_text(const Labels& labels) {
  if (labels.empty()) return "";
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  std::string out = "{";
  for (size_t i = 0; i < sorted.size(); ++i)
    out += (i ? "," : "") + sorted[i].first + "=\"" + escape(sorted[i].second) + "\"";
  return out + "}";
}

void Registry::declare(const std::string& name, Kind kind, const std::string& help,
                       std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  if (families_.count(name)) return;
  order_.push_back(name);
  families_[name] = Family{kind, help, std::move(buckets), {}, {}};
}

void Registry::counter(const std::string& name, const std::string& help) {
  declare(name, Kind::kCounter, help);
}

void Registry::gauge(const std::string& name, const std::string& help) {
  declare(name, Kind::kGauge, help);
}

void Registry::histogram(const std::string& name, const std::string& help,
                         std::vector<double> buckets) {
  declare(name, Kind::kHistogram, help, std::move(buckets));
}

Registry::Family& Registry::family(const std::string& name, Kind kind) {
  auto it = families_.find(name);
  if (it == families_.end() || it->second.kind != kind) {
    std::fprintf(stderr, "metrics: %s used before it was declared (or with another type)\n",
                 name.c_str());
    std::abort();
  }
  return it->second;
}

Registry::Family& Registry::settable_family(const std::string& name) {
  auto it = families_.find(name);
  return family(name, it != families_.end() && it->second.kind == Kind::kCounter ? Kind::kCounter
                                                                                 : Kind::kGauge);
}

void Registry::inc(const std::string& name, const Labels& labels, double value) {
  counter_series(name, labels) += value;
}

void Registry::set(const std::string& name, const Labels& labels, double value) {
  std::string key = label_text(labels);
  std::lock_guard lock(mutex_);
  settable_family(name).values[key] = value;
}

void Registry::clear(const std::string& name) {
  std::lock_guard lock(mutex_);
  settable_family(name).values.clear();
}

void Registry::observe(const std::string& name, const Labels& labels, double value) {
  histogram_series(name, labels).observe(value);
}

// The label text is made before the lock is taken: the lock is shared by every
// request's metrics.
std::atomic<double>& Registry::counter_series(const std::string& name, const Labels& labels) {
  std::string key = label_text(labels);
  std::lock_guard lock(mutex_);
  return family(name, Kind::kCounter).values[key];
}

Registry::HistogramSeries& Registry::histogram_series(const std::string& name,
                                                      const Labels& labels) {
  std::string key = label_text(labels);
  std::lock_guard lock(mutex_);
  Family& f = family(name, Kind::kHistogram);
  return f.histograms.try_emplace(key, f.buckets).first->second;
}

void Registry::HistogramSeries::observe(double value) {
  size_t bucket =
      size_t(std::lower_bound(bounds_->begin(), bounds_->end(), value) - bounds_->begin());
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

void Registry::add_collector(std::function<void(Registry&)> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::render() {
  std::vector<std::function<void(Registry&)>> collectors;
  {
    std::lock_guard lock(mutex_);
    collectors = collectors_;
  }
  for (auto& c : collectors) c(*this);
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& name : order_) {
    const Family& f = families_.at(name);
    const char* type = f.kind == Kind::kCounter ? "counter"
                       : f.kind == Kind::kGauge ? "gauge"
                                                : "histogram";
    out += "# HELP " + name + " " + f.help + "\n# TYPE " + name + " " + type + "\n";
    for (const auto& [labels, value] : f.values)
      out += name + labels + " " + number(value.load()) + "\n";
    for (const auto& [labels, h] : f.histograms) {
      std::uint64_t cumulative = 0;
      for (size_t i = 0; i < h.counts_.size(); ++i) {
        cumulative += h.counts_[i].load();
        std::string le = i < f.buckets.size() ? number(f.buckets[i]) : "+Inf";
        out += name + "_bucket" + with_label(labels, "le", le) + " " + std::to_string(cumulative) +
               "\n";
      }
      out += name + "_sum" + labels + " " + number(h.sum_.load()) + "\n";
      // The count is the buckets' total, so that it always equals the +Inf bucket.
      out += name + "_count" + labels + " " + std::to_string(cumulative) + "\n";
    }
  }
  return out;
}

}  // namespace sic::metrics
