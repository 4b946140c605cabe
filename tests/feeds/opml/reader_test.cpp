#include "feeds/opml/reader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using namespace sic;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SIC_SOURCE_DIR) + "/tests/data/opml/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string error_of(const std::string& text) {
  auto r = opml::read(text);
  return r.ok() ? "(no error)" : r.error().message;
}

}  // namespace

TEST_CASE("A FreshRSS export gives its feeds with their categories, nested or not",
          "[feeds][opml]") {
  auto feeds = opml::read(fixture("freshrss-subscriptions.opml"));
  REQUIRE(feeds.ok());
  REQUIRE(feeds->size() == 30);
  const auto& at = feeds->front();
  CHECK(at.title == "Österreichisches Safer Internet Zentrum");
  CHECK(at.xml_url == "https://www.saferinternet.at/feed/?lang=at&format=rss2");
  CHECK(at.html_url == "https://www.saferinternet.at/");
  CHECK(at.categories == std::vector<std::string>{"Safer Internet Centres"});
  CHECK(at.line == 9);
  const auto& inhope = (*feeds)[26];
  CHECK(inhope.title == "INHOPE news");
  CHECK(inhope.categories == std::vector<std::string>{"Network", "Hotlines"});
  CHECK(feeds->back().title == "ENISA");  // title before text
}

TEST_CASE("Outlines of OPML 1.0 and lower-case attribute names are read too", "[feeds][opml]") {
  auto feeds = opml::read(R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>Thunderbird</title></head><body>
  <outline title="Caf)"
                          "\xe9"
                          R"(" xmlurl=" http://cafe.example/rss " htmlurl="http://cafe.example/"/>
  <outline text="no feed here"/>
</body></opml>)");
  REQUIRE(feeds.ok());
  REQUIRE(feeds->size() == 1);
  CHECK((*feeds)[0].title == "Café");
  CHECK((*feeds)[0].xml_url == "http://cafe.example/rss");
  CHECK((*feeds)[0].categories.empty());
}

TEST_CASE("A list that is not well-formed OPML is refused with one line", "[feeds][opml]") {
  CHECK(error_of("<opml><body><outline xmlUrl=\"http://a/\"></body></opml>")
            .rfind("opml: xml: line 1: ", 0) == 0);
  CHECK(error_of("<rss version=\"2.0\"><channel/></rss>") ==
        "opml: the root element is <rss>, not <opml>");
  CHECK(error_of("<opml version=\"2.0\"><head/></opml>") == "opml: the document has no <body>");
  CHECK(
      error_of("<opml version=\"2.0\"><body>\n<outline text=\"x\" xmlUrl=\" \"/></body></opml>") ==
      "opml: line 2: an outline with an empty xmlUrl");
  CHECK(error_of("").rfind("opml: ", 0) == 0);
}
