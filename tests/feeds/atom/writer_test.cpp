#include "feeds/feeds.h"

#include <catch2/catch.hpp>

#include "tests/feeds/support.h"

using namespace sic;
using test::contains;

TEST_CASE("The Atom writer writes the header, entries and tombstones", "[feeds][atom]") {
  std::string doc = write_feed(FeedFormat::kAtom, test::sample_feed());
  CHECK(contains(doc, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(contains(doc, "xml:lang=\"pt\""));
  CHECK(contains(doc, "<id>https://sic.example.pt/feeds/atom</id>"));
  CHECK(contains(doc, "<link rel=\"self\" href=\"https://sic.example.pt/feeds/atom\""));
  CHECK(contains(doc, "<updated>2026-11-28T16:04:05Z</updated>"));
  CHECK(contains(doc, "<at:deleted-entry ref=\"tag:sic.example.pt,2026:a/0\""));
  CHECK(contains(doc, "<sic:origin>sic-pt</sic:origin>"));
  CHECK(
      contains(doc, "<category term=\"helplines\" scheme=\"https://sicnode.eu/ns/1.0/section\"/>"));
  CHECK(contains(doc, "<content type=\"html\">&lt;p&gt;Um &lt;strong&gt;"));
  CHECK(contains(doc, "<sic:translation xml:lang=\"en\" kind=\"machine\" engine=\"apertium\""));
  CHECK(contains(doc, "<sic:shown-translation original-lang=\"fr\" kind=\"machine\""));
  CHECK(contains(doc, "<entry xml:lang=\"en\">"));  // differs from the feed's language
}

TEST_CASE("Atom titles that look like markup are written as escaped html", "[feeds][atom]") {
  std::string doc = write_feed(FeedFormat::kAtom, test::sample_feed());
  CHECK(contains(doc, "<title type=\"html\">Ciberbullying: como ajudar &amp;lt;os&amp;gt; filhos"));
  CHECK(contains(doc, "<title>Safer Internet Day 2027</title>"));
}

TEST_CASE("Characters XML cannot carry are dropped and CR survives as a reference",
          "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.articles[1].content_html = std::string("<p>a\x01") + "b\rc\xef\xbf\xbe</p>";
  std::string doc = write_feed(FeedFormat::kAtom, feed);
  CHECK(contains(doc, "&lt;p&gt;ab&#13;c&lt;/p&gt;"));
}

TEST_CASE("An Atom feed whose entries lack authors gets a feed-level author", "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.authors.clear();
  std::string doc = write_feed(FeedFormat::kAtom, feed);
  CHECK(contains(doc, "<author>\n    <name>Centro Internet Segura</name>"));
  for (auto& a : feed.articles) a.authors = {{"INHOPE", "", ""}};
  CHECK_FALSE(contains(write_feed(FeedFormat::kAtom, feed), "<name>Centro Internet Segura"));
}

TEST_CASE("An Atom feed without a date takes the newest entry's", "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.updated.reset();
  CHECK(contains(write_feed(FeedFormat::kAtom, feed),
                 "<title>Centro Internet Segura</title>\n  <subtitle>Notícias da rede</subtitle>\n"
                 "  <updated>2026-11-28T16:04:05Z</updated>"));
}

TEST_CASE(
    "The Atom writer's output is valid for the schema, the validator's rules and "
    "feedparser",
    "[feeds][atom][external]") {
  Feed archive = test::sample_feed();
  archive.archive = true;
  archive.links.push_back({"https://sic.example.pt/feeds/atom", "current", "", ""});
  Feed bare = test::empty_feed("tag:sic.example.pt,2026:empty", "https://sic.example.pt/empty");
  bare.lang = LanguageTag::parse("en").value();
  auto result = test::check_documents(
      "atom", {write_feed(FeedFormat::kAtom, test::sample_feed()),
               write_feed(FeedFormat::kAtom, archive), write_feed(FeedFormat::kAtom, bare)});
  INFO(result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("An Atom entry's own alternate link is its last, after its translations'",
          "[feeds][atom]") {
  std::string doc = write_feed(FeedFormat::kAtom, test::sample_feed());
  size_t own = doc.find(
      "<link rel=\"alternate\" type=\"text/html\" href=\"https://sic.example.pt/artigos/1\"/>");
  size_t translation = doc.find("href=\"https://sic.example.pt/articles/1?lang=es\"");
  REQUIRE(own != std::string::npos);
  REQUIRE(translation != std::string::npos);
  CHECK(translation < own);
  auto back = parse_feed(doc, ParseOptions{});
  REQUIRE(back.ok());
  CHECK(back->articles[0].link == "https://sic.example.pt/artigos/1");
}

TEST_CASE("An Atom entry without a date takes the document's, marked undated, never 1970",
          "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.articles[0].updated = TimePoint{};
  feed.articles[0].published.reset();
  std::string doc = write_feed(FeedFormat::kAtom, feed);
  CHECK(!contains(doc, "1970"));
  CHECK(contains(doc, "<updated sic:undated=\"true\">2026-11-28T16:04:05Z</updated>"));
  // A sicnode reader keeps it undated (and its signature, made over no date, holds).
  auto back = parse_feed(doc, ParseOptions{});
  REQUIRE(back.ok());
  CHECK(back->articles[0].updated == TimePoint{});
  CHECK(back->articles[1].updated == feed.articles[1].updated);
  auto result = test::check_documents("atom", {doc});
  INFO(result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("An Atom document where nothing has a date is dated when it is written",
          "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.updated = TimePoint{};
  feed.tombstones.clear();
  for (auto& a : feed.articles) {
    a.updated = TimePoint{};
    a.published.reset();
  }
  TimePoint before = now_seconds();
  std::string doc = write_feed(FeedFormat::kAtom, feed);
  CHECK(!contains(doc, "1970"));
  auto back = parse_feed(doc, ParseOptions{});
  REQUIRE(back.ok());
  REQUIRE(back->updated);
  CHECK(*back->updated >= before);
  CHECK(*back->updated <= now_seconds());
}

TEST_CASE("No writer prints 1970 for an article or feed without a date", "[feeds][atom]") {
  Feed feed = test::sample_feed();
  feed.updated.reset();
  feed.articles[0].updated = TimePoint{};
  feed.articles[0].published.reset();
  for (FeedFormat format : {FeedFormat::kAtom, FeedFormat::kRss, FeedFormat::kJsonFeed}) {
    INFO(int(format));
    CHECK(!contains(write_feed(format, feed), "1970"));
  }
}
