// Shared helpers for the feeds tests: sample feeds and the external checkers.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "feeds/model/article.h"

namespace sic::test {

// A feed with every model field set: two articles (one with translations, which link to
// their pages, one showing a translation), a tombstone, RFC 5005 links.
Feed sample_feed();

// A feed with nothing but an id, a title ("Empty") and a self link: what a writer must
// still turn into a valid document.
Feed empty_feed(std::string id, std::string self, std::string self_type = "");

// Reads tests/data/feeds/NAME.
std::string read_fixture(const std::string& name);

// parse_feed with a base URL (and video hosts for the sanitizer), REQUIRE-d to succeed;
// the error is shown when it does not.
Feed parse_ok(const std::string& bytes, std::string base_url = "",
              std::vector<std::string> video_hosts = {});

// True when one of the feed's warnings contains part.
bool has_warning(const Feed& f, const std::string& part);

// True when text contains part.
bool contains(const std::string& text, const std::string& part);

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

// Writes the documents to a fresh temporary folder (removed afterwards) and runs
// tests/feeds/check_feed.py FORMAT on them with /usr/bin/python3 (feedparser; jing for
// Atom). The output lists every problem found.
CheckResult check_documents(const std::string& format, const std::vector<std::string>& documents);

}  // namespace sic::test

namespace sic {
// Failed checks on images print them.
inline std::ostream& operator<<(std::ostream& out, const Image& i) {
  return out << "{\"" << i.url << "\", \"" << i.alt << "\"}";
}
}  // namespace sic
