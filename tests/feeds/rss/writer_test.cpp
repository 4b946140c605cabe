#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using test::contains;

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
  Feed bare = test::empty_feed("https://sic.example.pt/", "https://sic.example.pt/feeds/rss",
                               "application/rss+xml");
  auto result = test::check_documents("rss", {write_feed(FeedFormat::kRss, test::sample_feed()),
                                              write_feed(FeedFormat::kRss, bare)});
  INFO(result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("A plain-text RSS description is escaped as HTML, then as XML", "[feeds][rss]") {
  Feed feed = test::sample_feed();
  feed.articles[0].summary = "Del <3 en un mensaje & más";
  std::string doc = write_feed(FeedFormat::kRss, feed);
  CHECK(contains(doc, "<description>Del &amp;lt;3 en un mensaje &amp;amp; más</description>"));
  auto back = parse_feed(doc, ParseOptions{});
  REQUIRE(back.ok());
  CHECK(back->articles[0].summary == "Del <3 en un mensaje & más");
}

TEST_CASE("An RSS item's own link comes after its translations' pages", "[feeds][rss]") {
  std::string doc = write_feed(FeedFormat::kRss, test::sample_feed());
  size_t own = doc.find("<link>https://sic.example.pt/artigos/1</link>");
  size_t translation = doc.find("href=\"https://sic.example.pt/articles/1?lang=en\"");
  REQUIRE(own != std::string::npos);
  REQUIRE(translation != std::string::npos);
  CHECK(translation < own);
}

TEST_CASE("An RSS item without a date has no atom:updated", "[feeds][rss]") {
  Feed feed = test::sample_feed();
  feed.articles[0].updated = TimePoint{};
  feed.articles[0].published.reset();
  std::string doc = write_feed(FeedFormat::kRss, feed);
  CHECK(!contains(doc, "1970"));
}
