// Helpers for the translation e2e tests: posting articles, reading them back as
// JSON, waiting for a translation, reading /metrics.
#pragma once

#include <cpprest/json.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "feeds/model/iri.h"
#include "tests/support/poll.h"
#include "tests/support/process.h"
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

// The eTranslation stand-in (tests/node/translate/support/fake_etranslation.py) as a
// process of the test, stopped by its PID with the test.
class ETranslationStandIn {
 public:
  static constexpr const char* kApplication = "SIC_Node";
  static constexpr const char* kPassword = "secret-password";

  ETranslationStandIn()
      : process_(std::make_unique<Process>(
            ProcessOptions{.program = "/usr/bin/python3",
                           .args = {std::string(SIC_SOURCE_DIR) +
                                        "/tests/node/translate/support/fake_etranslation.py",
                                    "--until-killed", "--retry-seconds", "60"},
                           .name = "etranslation"})) {
    poll_for(std::chrono::seconds(20), [&] {
      std::string out = process_->stdout_text();
      if (out.rfind("port ", 0) == 0 && out.find('\n') != std::string::npos)
        port_ = std::stoi(out.substr(5));
      return port_ != 0 || !process_->running();
    });
    if (port_ == 0)
      throw std::runtime_error("the eTranslation stand-in did not start: " +
                               process_->stderr_text());
  }

  std::string url(const std::string& path = "/etranslation/si/translate") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  // The [[translation.engines]] table of an engine using the stand-in.
  std::string engine_toml(const std::string& extra = "") const {
    return std::string("[[translation.engines]]\nengine = \"etranslation\"\nurl = \"") + url() +
           "\"\napplication = \"" + kApplication + "\"\npassword = \"" + kPassword + "\"\n" +
           extra + "\n";
  }
  // POST /_plan: what the next requests' callbacks do.
  void plan(const std::string& json) { http_post(url("/_plan"), json, {}); }
  void release() { http_post(url("/_release"), "", {}); }
  web::json::value requests() const {
    std::error_code ec;
    auto v = web::json::value::parse(http_get(url("/_requests")).body, ec);
    return ec ? web::json::value::array() : v;
  }

 private:
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

}  // namespace sic::test
