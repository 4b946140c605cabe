// What the publishing and pages tests share: a node's request handling on a real
// SQLite catalogue in a temporary folder (no network), a clock the test moves, and
// generated catalogues with awkward content.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "feeds/model/article.h"
#include "node/app/app.h"
#include "tests/support/temp_dir.h"

namespace sic::test {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint now) : now_(now) {}
  TimePoint now() const override { return now_; }
  void set(TimePoint t) { now_ = t; }
  void advance(std::chrono::seconds s) { now_ += s; }

 private:
  TimePoint now_;
};

// 2026-11-28T12:00:00Z, the tests' "now".
TimePoint test_now();
Iri iri(const std::string& text);
LanguageTag lang(const std::string& text);

struct NodeSetup {
  std::string id = "sic-pt";
  std::string name = "Centro Internet Segura";
  std::vector<std::string> languages = {"pt", "en"};
  std::string extra_toml;  // e.g. "[publish]\npage_size = 3\n"
  // A node key file (data_dir/node-key.json) copied in before the start: a replica
  // of another fixture, signing with the same key. Empty: a key of its own.
  std::filesystem::path key_file;
};

// An App (every route) on a fresh catalogue at http://node.example/.
class NodeFixture {
 public:
  explicit NodeFixture(NodeSetup setup = {});
  ~NodeFixture();

  // A GET (or another method) of a target such as "/feeds/atom?lang=pt".
  http::Response get(const std::string& target,
                     const std::map<std::string, std::string>& headers = {},
                     http::Method method = http::Method::kGet);

  // get() completed as the server sends it (App::finish: the edge's headers and error
  // pages).
  http::Response served(const std::string& target);

  void put(const Article& article);
  void translate(const Iri& id, const Translation& translation);
  void remove(const Iri& id, const std::string& origin, TimePoint when);
  std::int64_t version();

  NodeContext& ctx() { return app_->context(); }
  ManualClock& clock() { return clock_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  static constexpr const char* kBase = "http://node.example";

 private:
  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<App> app_;
};

// An article of this node (origin "sic-pt"), in `language`, last updated at `updated`.
Article simple_article(const std::string& id, const std::string& title, TimePoint updated,
                       const std::string& language = "pt");

// n articles with awkward content, deterministic for a seed: markup-like and
// non-Latin titles, quotes and ampersands, emoji, RTL and CJK text, empty summaries,
// long titles, rich HTML bodies, enclosures, tags with spaces and slashes, ids of
// several IRI schemes, peers' articles (other origins, via), language tags with
// regions and scripts, identical update times, translations (human, machine, stale).
// Their updated times lie within the `months` months before test_now().
std::vector<Article> awkward_articles(std::size_t n, std::uint32_t seed, int months = 3);

}  // namespace sic::test
