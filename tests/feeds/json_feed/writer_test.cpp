#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using web::json::value;

TEST_CASE("The JSON Feed writer writes version 1.1 with items", "[feeds][json]") {
  value doc = value::parse(write_feed(FeedFormat::kJsonFeed, test::sample_feed()));
  CHECK(doc.at("version").as_string() == "https://jsonfeed.org/version/1.1");
  CHECK(doc.at("feed_url").as_string() == "https://sic.example.pt/feeds/atom");
  CHECK(doc.at("home_page_url").as_string() == "https://sic.example.pt/");
  CHECK(doc.at("language").as_string() == "pt");
  CHECK(doc.at("hubs").at(0).at("url").as_string() == "https://hub.example.eu/websub");
  const value& item = doc.at("items").at(0);
  CHECK(item.at("id").as_string() == "tag:sic.example.pt,2026:a/1");
  CHECK(item.at("date_published").as_string() == "2026-11-27T17:20:00Z");
  CHECK(item.at("date_modified").as_string() == "2026-11-28T16:04:05Z");
  CHECK(item.at("tags").size() == 2);
  CHECK(item.at("attachments").at(0).at("mime_type").as_string() == "application/pdf");
  CHECK(item.at("_sicnode").at("section").as_string() == "helplines");
  CHECK(item.at("_sicnode").at("translations").size() == 2);
  CHECK(doc.at("items").at(1).at("language").as_string() == "en");
  CHECK(doc.at("_sicnode").at("tombstones").size() == 1);
}

TEST_CASE("What JSON Feed cannot carry goes into _sicnode", "[feeds][json]") {
  Feed feed = test::sample_feed();
  feed.articles[0].authors = {{"A", "", "a@x.eu"}};
  feed.articles[0].enclosures[0].type = "";
  feed.articles[0].lang = LanguageTag();
  value item = value::parse(write_feed(FeedFormat::kJsonFeed, feed)).at("items").at(0);
  CHECK(!item.has_field("authors"));
  CHECK(item.at("_sicnode").at("authors").at(0).at("email").as_string() == "a@x.eu");
  CHECK(item.at("attachments").at(0).at("mime_type").as_string() == "application/octet-stream");
  CHECK(item.at("_sicnode").at("attachments").at(0).at("type").as_string() == "");
  CHECK(item.at("_sicnode").at("lang").as_string() == "");
}

TEST_CASE("The JSON Feed writer's output follows JSON Feed 1.1 and feedparser reads it",
          "[feeds][json][external]") {
  Feed bare;
  bare.title = "Empty";
  auto result =
      test::check_documents("json", {write_feed(FeedFormat::kJsonFeed, test::sample_feed()),
                                     write_feed(FeedFormat::kJsonFeed, bare)});
  INFO(result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("An article's image is the JSON Feed image, its alt in _sicnode, and read back",
          "[feeds][json][image]") {
  Feed feed = test::sample_feed();
  feed.articles[0].image = {"https://sic.example.pt/i/a.jpg", "Pais & filhos"};
  std::string doc = write_feed(FeedFormat::kJsonFeed, feed);
  value parsed = value::parse(doc);
  const value& item = parsed.at("items").at(0);
  CHECK(item.at("image").as_string() == "https://sic.example.pt/i/a.jpg");
  CHECK(item.at("_sicnode").at("image_alt").as_string() == "Pais & filhos");
  CHECK_FALSE(parsed.at("items").at(1).has_field("image"));
  auto back = parse_feed(doc, ParseOptions{});
  REQUIRE(back.ok());
  CHECK(back->articles[0].image == feed.articles[0].image);
  CHECK(back->articles[1].image == Image{});
}
