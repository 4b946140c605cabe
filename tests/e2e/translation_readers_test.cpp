// What real feed readers show of a machine translation: Debian's feedparser and
// newsboat read the ?lang= feeds of a running node with real Apertium
// (tests/e2e/feed_readers.py) and must show the notice at the top of the entry.
#include <catch2/catch.hpp>

#include "tests/e2e/feed_readers.h"
#include "tests/e2e/translation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

// A node in English that translates with Apertium.
NodeOptions english_node() {
  NodeOptions options;
  options.id = "sic-x";
  options.languages = {"en"};
  options.translation_engine = "apertium";
  return options;
}

// Waits until the article has its machine translation into English.
bool translated_into_english(TestNode& node, const std::string& id) {
  return wait_for_translation(
             node, id, "en",
             [](const web::json::value& t) { return t.at("kind").as_string() == "machine"; })
      .has_value();
}

// The entry of `entries` whose title contains `title` (null when none does).
web::json::value entry_titled(const web::json::value& entries, const std::string& title) {
  for (const auto& e : entries.as_array())
    if (e.at("title").as_string().find(title) != std::string::npos) return e;
  return web::json::value::null();
}

}  // namespace

TEST_CASE("feedparser and newsboat show the machine-translation notice at the top of the entry",
          "[e2e][translation][apertium][labels]") {
  TestNode node(english_node());
  std::string token = node.create_token();
  node.start();
  std::string es =
      post_article(node, token,
                   R"({"title": "El perro come manzanas", "content_html": "<p>El perro come.</p>",
          "lang": "es"})");
  REQUIRE(post_article(node, token,
                       R"({"title": "Written in English", "content_html": "<p>By a person.</p>",
                           "lang": "en"})") != "");
  REQUIRE(translated_into_english(node, es));

  std::vector<std::string> urls{node.url("/feeds/atom?lang=en"), node.url("/feeds/rss?lang=en")};
  web::json::value shown = read_with_feed_readers(urls);
  REQUIRE(shown.is_object());
  for (const char* reader : {"feedparser", "newsboat"}) {
    for (const std::string& url : urls) {
      INFO(reader << " " << url);
      web::json::value entries = shown.at(reader).at(url);
      web::json::value translated = entry_titled(entries, "dog");
      web::json::value original = entry_titled(entries, "Written in English");
      REQUIRE(translated.is_object());
      REQUIRE(original.is_object());
      std::string content = translated.at("content").as_string();
      INFO(content);
      std::size_t notice = content.find("Machine translation from Spanish (apertium), by sic-x.");
      std::size_t body = content.find("dog");
      REQUIRE(notice != std::string::npos);
      REQUIRE(body != std::string::npos);
      CHECK(notice < body);  // at the top: before the text
      CHECK(content.find("Read the original") < body);
      CHECK(original.at("content").as_string().find("Machine translation") == std::string::npos);
    }
  }
}

TEST_CASE("feedparser and newsboat open each entry's own page, not a translation's",
          "[e2e][translation][apertium][links]") {
  TestNode node(english_node());
  std::string token = node.create_token();
  node.start();
  std::string es =
      post_article(node, token,
                   R"({"title": "El perro come manzanas", "summary": "Del <3 en un mensaje",
          "content_html": "<p>El perro come.</p>", "lang": "es"})");
  std::string en = post_article(
      node, token,
      R"({"title": "Written in English", "content_html": "<p>By a person.</p>", "lang": "en"})");
  REQUIRE(es != "");
  REQUIRE(en != "");
  REQUIRE(translated_into_english(node, es));

  std::vector<std::string> urls{node.url("/feeds/atom"), node.url("/feeds/rss")};
  web::json::value shown = read_with_feed_readers(urls);
  REQUIRE(shown.is_object());
  for (const char* reader : {"feedparser", "newsboat"}) {
    for (const std::string& url : urls) {
      INFO(reader << " " << url);
      web::json::value entries = shown.at(reader).at(url);
      REQUIRE(entries.size() == 2);
      for (const auto& e : entries.as_array()) {
        std::string id = e.at("id").as_string();
        INFO(id);
        CHECK(e.at("link").as_string() == node.url("/articles/" + percent_encode(id)));
      }
    }
  }
}
