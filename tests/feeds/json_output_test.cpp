#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using web::json::value;

TEST_CASE("to_json prints the feed, articles, tombstones and warnings with model names",
          "[feeds][json]") {
  Feed feed = test::sample_feed();
  feed.warnings = {"rss: item 4: something"};
  value doc = value::parse(to_json(feed));
  CHECK(doc.at("feed").at("id").as_string() == feed.id);
  CHECK(doc.at("feed").at("links").at(0).at("rel").as_string() == "self");
  const value& a = doc.at("articles").at(0);
  for (const char* key : {"id", "origin", "lang", "title", "summary", "content_html", "authors",
                          "section", "tags", "link", "rights", "enclosures", "image", "published",
                          "updated", "translations", "shown_translation", "via", "content_hash"})
    CHECK(a.has_field(key));
  CHECK(a.at("content_hash").as_string() == feed.articles[0].content_hash());
  CHECK(a.at("published").as_string() == "2026-11-27T17:20:00Z");
  CHECK(a.at("translations").at(0).at("link").as_string() ==
        "https://sic.example.pt/articles/1?lang=en");
  CHECK(doc.at("articles").at(1).at("published").is_null());
  CHECK(doc.at("articles").at(1).at("shown_translation").at("original_lang").as_string() == "fr");
  CHECK(doc.at("tombstones").at(0).at("deleted").as_string() == "2026-11-25T09:46:40Z");
  CHECK(doc.at("warnings").at(0).as_string() == "rss: item 4: something");
}

TEST_CASE("to_json escapes control characters and keeps UTF-8", "[feeds][json]") {
  Feed feed;
  feed.title = "a\"b\\c\n\x01 é 😀";
  value doc = value::parse(to_json(feed));
  CHECK(doc.at("feed").at("title").as_string() == feed.title);
}

TEST_CASE("to_json prints a missing date as null, never as 1970", "[feeds][json]") {
  Feed feed = test::sample_feed();
  feed.articles[0].updated = TimePoint{};
  feed.articles[0].published.reset();
  value doc = value::parse(to_json(feed));
  CHECK(doc.at("articles").at(0).at("updated").is_null());
  CHECK(doc.at("articles").at(0).at("published").is_null());
  CHECK(to_json(feed).find("1970") == std::string::npos);
}
