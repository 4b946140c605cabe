// Shared helpers for the feeds tests: sample feeds and the external checkers.
#pragma once

#include <string>
#include <vector>

#include "feeds/model/article.h"

namespace sic::test {

// A feed with every model field set: two articles (one with translations, one showing
// a translation), a tombstone, RFC 5005 links.
Feed sample_feed();

// Reads tests/data/feeds/NAME.
std::string read_fixture(const std::string& name);

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

// Writes the documents to a fresh temporary folder (removed afterwards) and runs
// tests/feeds/check_feed.py FORMAT on them with /usr/bin/python3 (feedparser; jing for
// Atom). The output lists every problem found.
CheckResult check_documents(const std::string& format, const std::vector<std::string>& documents);

}  // namespace sic::test
