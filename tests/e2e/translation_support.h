// Helpers for the translation e2e tests: posting articles, reading them back as
// JSON, waiting for a translation, reading /metrics.
#pragma once

#include <cpprest/json.h>

#include <chrono>
#include <optional>
#include <string>

#include "feeds/model/iri.h"
#include "tests/support/poll.h"
#include "tests/support/sicnode.h"

namespace sic::test {

inline Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

inline web::json::value json_of(const HttpResult& r) {
  std::error_code ec;
  auto v = web::json::value::parse(r.body, ec);
  return ec ? web::json::value::null() : v;
}

inline std::string api_path(const std::string& id, const std::string& rest = "") {
  return "/api/articles/" + percent_encode(id) + rest;
}

// POSTs an article; returns its id ("" when the node refused it).
inline std::string post_article(TestNode& node, const std::string& token, const std::string& body) {
  HttpResult r = http_post(node.url("/api/articles"), body, bearer(token));
  if (r.status != 201) return "";
  return json_of(r)["id"].as_string();
}

// The article as the API shows it (null when it cannot be read).
inline web::json::value article_of(TestNode& node, const std::string& id) {
  HttpResult r = http_get(node.url(api_path(id)));
  return r.status == 200 ? json_of(r) : web::json::value::null();
}

// The article's translation into `lang` as the API shows it, when it has one.
inline std::optional<web::json::value> translation_of(TestNode& node, const std::string& id,
                                                      const std::string& lang) {
  auto article = article_of(node, id);
  if (!article.is_object()) return std::nullopt;
  for (const auto& t : article["translations"].as_array())
    if (t.at("lang").as_string() == lang) return t;
  return std::nullopt;
}

// Waits (bounded) until the article has a translation into `lang` that satisfies `ok`.
template <typename Predicate>
std::optional<web::json::value> wait_for_translation(
    TestNode& node, const std::string& id, const std::string& lang, Predicate ok,
    std::chrono::seconds timeout = std::chrono::seconds(60)) {
  std::optional<web::json::value> found;
  poll_for(
      timeout,
      [&] {
        found = translation_of(node, id, lang);
        return found && ok(*found);
      },
      std::chrono::milliseconds(50));
  if (found && !ok(*found)) return std::nullopt;
  return found;
}

// The sum of a metric's samples whose line contains `filter` (e.g. "pair=\"es-en\"").
inline double metric(TestNode& node, const std::string& name, const std::string& filter = "") {
  HttpResult r = http_get(node.url("/metrics"));
  double total = 0;
  std::size_t at = 0;
  while (at < r.body.size()) {
    std::size_t end = r.body.find('\n', at);
    if (end == std::string::npos) end = r.body.size();
    std::string line = r.body.substr(at, end - at);
    at = end + 1;
    if (line.rfind(name, 0) != 0 || line.size() <= name.size()) continue;
    char next = line[name.size()];
    if (next != ' ' && next != '{') continue;
    if (!filter.empty() && line.find(filter) == std::string::npos) continue;
    total += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return total;
}

}  // namespace sic::test
