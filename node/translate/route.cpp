#include "node/translate/route.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace sic::translate {
namespace {

using Graph = std::map<std::string, std::set<std::string>>;  // sorted: deterministic BFS

Graph make_graph(const std::vector<Pair>& pairs) {
  Graph graph;
  for (const Pair& p : pairs) graph[p.from.primary()].insert(p.to.primary());
  return graph;
}

// Breadth-first search visiting neighbours in alphabetical order; the first path
// found to `to` is the shortest, with ties broken alphabetically.
std::optional<std::vector<std::string>> shortest_path(const Graph& graph, const std::string& from,
                                                      const std::string& to) {
  std::map<std::string, std::string> parent{{from, ""}};
  std::deque<std::string> queue{from};
  while (!queue.empty()) {
    std::string at = queue.front();
    queue.pop_front();
    if (at == to) break;
    auto edges = graph.find(at);
    if (edges == graph.end()) continue;
    for (const std::string& next : edges->second)
      if (parent.emplace(next, at).second) queue.push_back(next);
  }
  if (!parent.count(to)) return std::nullopt;
  std::vector<std::string> path;
  for (std::string at = to; !at.empty(); at = parent[at]) path.push_back(at);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace

LanguageTag primary_language(const LanguageTag& tag) {
  if (tag.empty()) return tag;
  auto primary = LanguageTag::parse(tag.primary());
  return primary.ok() ? *primary : tag;
}

std::optional<Route> find_route(const std::vector<Pair>& pairs, const LanguageTag& from,
                                const LanguageTag& to) {
  if (from.empty() || to.empty() || from.primary() == to.primary()) return std::nullopt;
  auto path = shortest_path(make_graph(pairs), from.primary(), to.primary());
  if (!path) return std::nullopt;
  Route route;
  for (const std::string& lang : *path) route.hops.push_back(*LanguageTag::parse(lang));
  return route;
}

std::vector<Pair> unreachable(const std::vector<Pair>& pairs,
                              const std::vector<LanguageTag>& targets,
                              const std::vector<LanguageTag>& sources) {
  Graph graph = make_graph(pairs);
  std::set<Pair> missing;
  for (const LanguageTag& source : sources) {
    for (const LanguageTag& target : targets) {
      if (source.empty() || target.empty() || source.primary() == target.primary()) continue;
      if (!shortest_path(graph, source.primary(), target.primary()))
        missing.insert({primary_language(source), primary_language(target)});
    }
  }
  return {missing.begin(), missing.end()};
}

std::string engine_label(std::string_view engine, const Route& route) {
  std::string label(engine);
  if (route.steps() <= 1) return label;
  label += ':';
  for (std::size_t i = 0; i < route.hops.size(); ++i) {
    if (i) label += '>';
    label += route.hops[i].str();
  }
  return label;
}

}  // namespace sic::translate
