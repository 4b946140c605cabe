// Runs tests/e2e/feed_readers.py (Debian's feedparser and newsboat) on feeds of a
// running node.
#pragma once

#include <cpprest/json.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace sic::test {

// The script's JSON output for the URLs (REQUIREs that it ran), or null when it is not
// JSON.
inline web::json::value read_with_feed_readers(const std::vector<std::string>& urls) {
  std::vector<std::string> args{std::string(SIC_SOURCE_DIR) + "/tests/e2e/feed_readers.py"};
  args.insert(args.end(), urls.begin(), urls.end());
  Process readers({.program = "/usr/bin/python3", .args = args, .name = "feed-readers"});
  auto status = readers.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(90));
  INFO(readers.stderr_text());
  REQUIRE(status == 0);
  std::error_code ec;
  auto out = web::json::value::parse(readers.stdout_text(), ec);
  return ec ? web::json::value::null() : out;
}

}  // namespace sic::test
