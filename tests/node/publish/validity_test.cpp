// Every document the node serves, on a generated catalogue with awkward content, is
// valid: the RFC 4287 schema (jing) and the W3C feed validator's rules for Atom,
// JSON Feed 1.1 for JSON, and Debian's feedparser (a real client) reads it with
// bozo == 0 — tests/feeds/check_feed.py checks all of that.
#include "tests/feeds/support.h"
#include "tests/node/publish/feed_helpers.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;

namespace {

// The queries a subscriber or a peer may use, each followed through its pages and
// archives.
const std::vector<std::string> kQueries = {
    "",
    "?lang=pt",
    "?lang=en",
    "?lang=pt-BR",
    "?tag=media%20literacy%2Feducation",
    "?tag=cyberbullying&lang=en",
    "?section=helplines",
    "?origin=bik",
    "?origin=sic-es&section=awareness",
    "?q=title",
    "?q=%22safer%20internet%22%20OR%20emoji%20-zero&lang=en",
};

void fill(NodeFixture& node) {
  for (const auto& a : awkward_articles(40, 2026)) node.put(a);
  node.remove(iri("tag:sic.example.pt,2026:articles/0"), "sic-pt", test_now() - hours(5));
  node.remove(iri("https://news.example.es/a/1?lang=es&x=%C3%B1"), "sic-es",
              test_now() - hours(24 * 50));
  node.remove(iri("urn:uuid:deleted-before-we-knew-it"), "bik", test_now() - hours(2));
}

// Every document reachable from the live feed of a query: pages (next) and archives
// (prev-archive); only the live document when `all` is false.
std::vector<std::string> documents(NodeFixture& node, const std::string& format,
                                   const std::string& query, bool all = true) {
  std::vector<std::string> out;
  std::string live = "/feeds/" + format + query;
  if (!all) return {node.get(live).body};
  for (const char* rel : {"next", "prev-archive"}) {
    std::string target = live;
    for (int i = 0; i < 50 && !target.empty(); ++i) {
      http::Response r = node.get(target);
      INFO(target);
      REQUIRE(r.status == 200);
      if (i > 0 || std::string(rel) == "next") out.push_back(r.body);
      target = target_of(read_feed(r), rel);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Every served feed document passes the validators and feedparser",
          "[publish][validity]") {
  NodeSetup setup;
  setup.extra_toml = "[publish]\npage_size = 7\n";
  NodeFixture node(setup);
  fill(node);
  for (const char* format : {"atom", "rss", "json"}) {
    std::vector<std::string> docs;
    for (const auto& q : kQueries) {
      // check_feed.py starts jing once per Atom document: Atom gets every document of
      // the unfiltered feed and the live document of the others; RSS and JSON everything.
      bool all = std::string(format) != "atom" || q.empty();
      auto more = documents(node, format, q, all);
      docs.insert(docs.end(), more.begin(), more.end());
    }
    INFO(format << ": " << docs.size() << " documents");
    REQUIRE(docs.size() > 15);
    CheckResult result = check_documents(format, docs);
    std::string problems;
    for (size_t at = 0, end; at < result.output.size(); at = end + 1) {
      end = result.output.find('\n', at);
      if (end == std::string::npos) end = result.output.size();
      std::string line = result.output.substr(at, end - at);
      // Debian's feedparser 6.0.10 has no JSON Feed reader (it came in 6.1): JSON Feed
      // documents are checked against the 1.1 rules alone.
      if (std::string(format) == "json" && line.find("feedparser bozo") != std::string::npos)
        continue;
      if (line.rfind("check_feed:", 0) != 0 && !line.empty()) problems += line + "\n";
    }
    INFO(result.output);
    CHECK(problems.empty());
    CHECK(result.output.find("check_feed: " + std::to_string(docs.size())) != std::string::npos);
  }
}

TEST_CASE("Every served document reads back without warnings", "[publish][validity]") {
  NodeFixture node;
  fill(node);
  for (const char* format : {"atom", "rss", "json"})
    for (const auto& q : kQueries) {
      INFO(format << q);
      for (const auto& body : documents(node, format, q)) {
        auto feed = parse_feed(body, {.base_url = "http://node.example/feeds/atom"});
        REQUIRE(feed.ok());
        for (const auto& w : feed->warnings) FAIL_CHECK(w);
      }
    }
}
