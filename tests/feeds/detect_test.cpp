#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;

namespace {
std::string detected(const std::string& bytes) {
  auto f = detect_format(bytes);
  return f.ok() ? to_string(*f) : f.error().message;
}
}  // namespace

TEST_CASE("The format is detected from the content", "[feeds][detect]") {
  CHECK(detected(test::read_fixture("atom-cms.xml")) == "atom");
  CHECK(detected(test::read_fixture("atom-utf16le-bom.xml")) == "atom");
  CHECK(detected(test::read_fixture("rss2-wordpress.xml")) == "rss");
  CHECK(detected(test::read_fixture("rss091-netscape.xml")) == "rss");
  CHECK(detected(test::read_fixture("rss10-rdf.xml")) == "rss");
  CHECK(detected(test::read_fixture("json10-feed.json")) == "json");
  CHECK(detected("\xEF\xBB\xBF  \n<?xml version='1.0'?><!-- c --><a:feed xmlns:a='x'/>") == "atom");
}

TEST_CASE("Other documents are named in the detection error", "[feeds][detect]") {
  CHECK(detected("<html><body/></html>") == "detect: not a feed: the root element is <html>");
  CHECK(detected("<?xml version='1.0'?><opml version='2.0'/>") ==
        "detect: not a feed: the root element is <opml>");
  CHECK(detected("%PDF-1.4") == "detect: not a feed: the document starts with neither '<' nor '{'");
}
