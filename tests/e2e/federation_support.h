// Networks of real `sicnode serve` processes on 127.0.0.1 for the federation tests:
// nodes, peers between them, articles through the API, rounds driven with
// `sicnode sync`, and what each node holds.
#pragma once

#include <cpprest/json.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "feeds/model/iri.h"
#include "tests/support/sicnode.h"

namespace sic::test {

// What a node says about one article through its API.
struct Seen {
  std::string origin;
  std::string title;
  bool deleted = false;
  friend bool operator==(const Seen&, const Seen&) = default;
};

class Network {
 public:
  // Nodes with these ids (each a `sicnode serve` with its own folder and port), not
  // started. extra_toml is added to every node's config.
  explicit Network(const std::vector<std::string>& ids, const std::string& extra_toml = "") {
    for (const auto& id : ids) {
      NodeOptions options;
      options.id = id;
      options.name = "Node " + id;
      options.extra_toml = extra_toml;
      nodes_[id] = std::make_unique<TestNode>(options);
    }
  }

  TestNode& operator[](const std::string& id) { return *nodes_.at(id); }

  // Starts every node and creates an API token on each.
  void start() {
    for (auto& [id, node] : nodes_) {
      tokens_[id] = node->create_token("tests");
      node->start();
    }
  }

  // `from` reads `to`'s Atom feed (sicnode peers add).
  void follow(const std::string& from, const std::string& to) {
    CommandResult r = (*this)[from].run({"peers", "add", to, (*this)[to].url("/feeds/atom")});
    INFO(r.err);
    REQUIRE(r.status == 0);
  }

  Headers auth(const std::string& id) {
    return {{"Authorization", "Bearer " + tokens_.at(id)}, {"Content-Type", "application/json"}};
  }

  // Posts an article on node `id`; returns its IRI.
  std::string post(const std::string& id, const std::string& title) {
    std::string body = R"({"title": ")" + title + R"(", "lang": "en", "summary": "About )" + title +
                       R"(", "tags": ["cyberbullying"], "section": "awareness"})";
    HttpResult r = http_post((*this)[id].url("/api/articles"), body, auth(id));
    INFO(r.body);
    REQUIRE(r.status == 201);
    return web::json::value::parse(r.body)["id"].as_string();
  }

  HttpResult edit(const std::string& on, const std::string& article, const std::string& title) {
    std::string body = R"({"title": ")" + title + R"(", "lang": "en"})";
    return http_put((*this)[on].url("/api/articles/" + percent_encode(article)), body, auth(on));
  }

  HttpResult remove(const std::string& on, const std::string& article) {
    return http_delete((*this)[on].url("/api/articles/" + percent_encode(article)), auth(on));
  }

  // One `sicnode sync` on the node; returns the command's result.
  CommandResult sync(const std::string& id) { return (*this)[id].run({"sync"}); }

  // Every article the node's API lists, by id, with tombstones read one by one for
  // the ids in also_check.
  std::map<std::string, Seen> holdings(const std::string& id,
                                       const std::vector<std::string>& also_check = {}) {
    std::map<std::string, Seen> out;
    HttpResult r = http_get((*this)[id].url("/api/articles?limit=200"));
    REQUIRE(r.status == 200);
    web::json::value list = web::json::value::parse(r.body);
    for (auto& a : list["articles"].as_array())
      out[a["id"].as_string()] = {a["origin"].as_string(), a["title"].as_string(), false};
    for (const auto& article : also_check) {
      HttpResult one = http_get((*this)[id].url("/api/articles/" + percent_encode(article)));
      if (one.status == 410)
        out[article] = {web::json::value::parse(one.body)["origin"].as_string(), "", true};
    }
    return out;
  }

  // The ids in the node's Atom feed, in order (duplicates kept, so that they show).
  std::vector<std::string> feed_ids(const std::string& id) {
    HttpResult r = http_get((*this)[id].url("/feeds/atom"));
    REQUIRE(r.status == 200);
    auto feed = parse_feed(r.body, {.base_url = (*this)[id].url("/feeds/atom")});
    REQUIRE(feed.ok());
    std::vector<std::string> ids;
    for (const auto& a : feed->articles) ids.push_back(a.id.str());
    return ids;
  }

  // Runs `sicnode sync` on every node, in the given order, until every node holds
  // `expected` (or max_rounds rounds have run). Returns the number of rounds.
  int converge(const std::vector<std::string>& order, const std::map<std::string, Seen>& expected,
               int max_rounds) {
    std::vector<std::string> check;
    for (const auto& [article, seen] : expected)
      if (seen.deleted) check.push_back(article);
    for (int round = 1; round <= max_rounds; ++round) {
      for (const auto& id : order) {
        CommandResult r = sync(id);
        INFO(id << ": " << r.out << r.err);
        REQUIRE(r.status == 0);
      }
      bool done = true;
      for (const auto& id : order) done = done && holdings(id, check) == expected;
      if (done) return round;
    }
    return max_rounds + 1;
  }

 private:
  std::map<std::string, std::unique_ptr<TestNode>> nodes_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace sic::test
