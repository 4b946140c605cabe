#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;

namespace {
bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

TEST_CASE("The RSS writer writes a channel with items in our namespaces", "[feeds][rss]") {
  std::string doc = write_feed(FeedFormat::kRss, test::sample_feed());
  CHECK(contains(doc, "<rss version=\"2.0\""));
  CHECK(contains(doc, "<link>https://sic.example.pt/</link>"));
  CHECK(contains(doc, "<atom:link href=\"https://sic.example.pt/feeds/atom\" rel=\"self\""));
  CHECK(contains(doc, "<lastBuildDate>Sat, 28 Nov 2026 16:04:05 +0000</lastBuildDate>"));
  CHECK(contains(doc, "<guid isPermaLink=\"false\">tag:sic.example.pt,2026:a/1</guid>"));
  CHECK(contains(doc, "<pubDate>Fri, 27 Nov 2026 17:20:00 +0000</pubDate>"));
  CHECK(contains(doc, "<atom:updated>2026-11-28T16:04:05Z</atom:updated>"));
  CHECK(contains(doc, "<content:encoded>&lt;p&gt;Um &lt;strong&gt;guia"));
  CHECK(
      contains(doc, "<category domain=\"https://sicnode.eu/ns/1.0/section\">helplines</category>"));
  CHECK(contains(doc,
                 "<enclosure url=\"https://sic.example.pt/guia.pdf\" length=\"123456\" "
                 "type=\"application/pdf\"/>"));
  CHECK(contains(doc, "<sic:deleted-entry ref=\"tag:sic.example.pt,2026:a/0\""));
  CHECK(contains(doc, "<dc:language>en</dc:language>"));
}

TEST_CASE("RSS titles that look like markup are escaped once more", "[feeds][rss]") {
  std::string doc = write_feed(FeedFormat::kRss, test::sample_feed());
  CHECK(contains(doc, "<title>Ciberbullying: como ajudar &amp;lt;os&amp;gt; filhos &amp;amp;"));
}

TEST_CASE("The RSS writer's output passes the RSS rules and feedparser", "[feeds][rss][external]") {
  Feed bare;
  bare.id = "https://sic.example.pt/";
  bare.title = "Empty";
  auto result = test::check_documents("rss", {write_feed(FeedFormat::kRss, test::sample_feed()),
                                              write_feed(FeedFormat::kRss, bare)});
  INFO(result.output);
  CHECK(result.exit_code == 0);
}
