#include "node/translate/route.h"

#include <map>
#include <set>
#include <tuple>

namespace sic::translate {
namespace {

// The best engine for one direction: the lowest (position, cost).
struct Edge {
  std::size_t engine;
  int cost;
};
using Graph = std::map<std::string, std::map<std::string, Edge>>;

Graph make_graph(const std::vector<Step>& steps) {
  Graph graph;
  for (const Step& s : steps) {
    if (s.pair.from.primary() == s.pair.to.primary()) continue;
    auto [at, added] =
        graph[s.pair.from.primary()].try_emplace(s.pair.to.primary(), Edge{s.engine, s.cost});
    if (!added && std::tie(s.engine, s.cost) < std::tie(at->second.engine, at->second.cost))
      at->second = {s.engine, s.cost};
  }
  return graph;
}

// A path from the source with its cost, ordered as find_route() documents.
struct Path {
  std::size_t steps = 0;
  std::size_t engine_sum = 0;
  long cost_sum = 0;
  std::vector<std::string> hops;
  std::vector<std::size_t> engines;

  friend bool operator<(const Path& a, const Path& b) {
    return std::tie(a.steps, a.engine_sum, a.cost_sum, a.hops) <
           std::tie(b.steps, b.engine_sum, b.cost_sum, b.hops);
  }
};

Path extended(const Path& path, const std::string& to, const Edge& edge) {
  Path next = path;
  ++next.steps;
  next.hops.push_back(to);
  next.engines.push_back(edge.engine);
  next.engine_sum += edge.engine;
  next.cost_sum += edge.cost;
  return next;
}

// Dijkstra's search with the lexicographic cost of Path: every extension adds to each
// component, so the first time `to` is settled its path is the best.
std::optional<Path> best_path(const Graph& graph, const std::string& from, const std::string& to) {
  std::map<std::string, Path> best{{from, Path{0, 0, 0, {from}, {}}}};
  std::set<std::string> settled;
  while (true) {
    const std::pair<const std::string, Path>* next = nullptr;
    for (const auto& entry : best)
      if (!settled.count(entry.first) && (!next || entry.second < next->second)) next = &entry;
    if (!next) return std::nullopt;
    const std::string at = next->first;
    const Path path = next->second;
    if (at == to) return path;
    settled.insert(at);
    auto edges = graph.find(at);
    if (edges == graph.end()) continue;
    for (const auto& [language, edge] : edges->second) {
      if (settled.count(language)) continue;
      Path candidate = extended(path, language, edge);
      auto known = best.find(language);
      if (known == best.end() || candidate < known->second) best[language] = std::move(candidate);
    }
  }
}

std::optional<Route> route_in(const Graph& graph, const LanguageTag& from, const LanguageTag& to) {
  if (from.empty() || to.empty() || from.primary() == to.primary()) return std::nullopt;
  auto path = best_path(graph, from.primary(), to.primary());
  if (!path) return std::nullopt;
  Route route;
  for (const std::string& lang : path->hops) route.hops.push_back(*LanguageTag::parse(lang));
  route.engines = path->engines;
  return route;
}

std::string hops_text(const Route& route, std::size_t first, std::size_t last) {
  std::string out;
  for (std::size_t i = first; i <= last; ++i) out += (i == first ? "" : ">") + route.hops[i].str();
  return out;
}

}  // namespace

LanguageTag primary_language(const LanguageTag& tag) {
  if (tag.empty()) return tag;
  auto primary = LanguageTag::parse(tag.primary());
  return primary.ok() ? *primary : tag;
}

std::vector<Step> steps_of(const std::vector<Pair>& pairs) {
  std::vector<Step> steps;
  for (const Pair& p : pairs) steps.push_back({{primary_language(p.from), primary_language(p.to)}});
  return steps;
}

std::optional<Route> find_route(const std::vector<Step>& steps, const LanguageTag& from,
                                const LanguageTag& to) {
  return route_in(make_graph(steps), from, to);
}

std::optional<Route> find_route(const std::vector<Pair>& pairs, const LanguageTag& from,
                                const LanguageTag& to) {
  return find_route(steps_of(pairs), from, to);
}

std::vector<Pair> unreachable(const std::vector<Step>& steps,
                              const std::vector<LanguageTag>& targets,
                              const std::vector<LanguageTag>& sources) {
  Graph graph = make_graph(steps);
  std::set<Pair> missing;
  for (const LanguageTag& source : sources) {
    for (const LanguageTag& target : targets) {
      if (source.empty() || target.empty() || source.primary() == target.primary()) continue;
      if (!route_in(graph, source, target))
        missing.insert({primary_language(source), primary_language(target)});
    }
  }
  return {missing.begin(), missing.end()};
}

std::string route_label(const std::vector<std::string>& names, const Route& route) {
  auto name = [&](std::size_t step) {
    std::size_t engine = step < route.engines.size() ? route.engines[step] : 0;
    return engine < names.size() ? names[engine] : std::string("?");
  };
  if (route.steps() == 0) return names.empty() ? "" : names.front();
  if (route.steps() == 1) return name(0);
  std::string label;
  for (std::size_t first = 0; first < route.steps();) {
    std::size_t last = first;
    while (last + 1 < route.steps() && name(last + 1) == name(first)) ++last;
    label += (label.empty() ? "" : ", ") + name(first) + ":" + hops_text(route, first, last + 1);
    first = last + 1;
  }
  return label;
}

std::string engine_label(std::string_view engine, const Route& route) {
  Route same = route;
  same.engines.assign(route.steps(), 0);
  return route_label({std::string(engine)}, same);
}

}  // namespace sic::translate
