// Reading what the node serves, for the publishing tests.
#pragma once

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "tests/node/publish/support.h"

namespace sic::test {

// The served document read back by the feeds library (any format).
inline Feed read_feed(const http::Response& r) {
  INFO(r.body.substr(0, 300));
  REQUIRE(r.status == 200);
  auto feed = parse_feed(r.body, {.base_url = std::string(NodeFixture::kBase) + "/feeds/atom"});
  REQUIRE(feed.ok());
  return *feed;
}

inline Feed fetch(NodeFixture& node, const std::string& target) {
  return read_feed(node.get(target));
}

// A link's target as a request target for NodeFixture::get ("" when absent).
inline std::string target_of(const Feed& feed, std::string_view rel) {
  std::string href = feed.link(rel);
  std::string base = NodeFixture::kBase;
  if (href.empty()) return "";
  REQUIRE(href.rfind(base, 0) == 0);
  return href.substr(base.size());
}

inline std::vector<std::string> ids(const Feed& feed) {
  std::vector<std::string> out;
  for (const auto& a : feed.articles) out.push_back(a.id.str());
  return out;
}

inline std::vector<std::string> titles(const Feed& feed) {
  std::vector<std::string> out;
  for (const auto& a : feed.articles) out.push_back(a.title);
  return out;
}

// Follows `next` links from a target (bounded), returning every document.
inline std::vector<Feed> walk(NodeFixture& node, std::string target, const char* rel = "next") {
  std::vector<Feed> out;
  for (int i = 0; i < 100 && !target.empty(); ++i) {
    out.push_back(fetch(node, target));
    target = target_of(out.back(), rel);
  }
  REQUIRE(target.empty());
  return out;
}

}  // namespace sic::test
