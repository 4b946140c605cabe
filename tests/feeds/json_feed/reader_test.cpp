#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;

namespace {

Feed parse(const std::string& bytes) {
  return test::parse_ok(bytes, "https://bik.example.eu/feed.json");
}

}  // namespace

TEST_CASE("A JSON Feed 1.0 header is read, with the deprecated author", "[feeds][json]") {
  Feed f = parse(test::read_fixture("json10-feed.json"));
  CHECK(f.title == "BIK news");
  CHECK(f.id == "https://bik.example.eu/feed.json");
  CHECK(f.link("self") == "https://bik.example.eu/feed.json");
  CHECK(f.link("alternate") == "https://bik.example.eu/");
  CHECK(f.authors == std::vector<Person>{{"BIK Team", "https://bik.example.eu/team", ""}});
  CHECK(format_rfc3339(*f.updated) == "2026-11-28T09:00:00Z");  // the newest item's
}

TEST_CASE("JSON Feed items are read and inherit the feed's author", "[feeds][json]") {
  Feed f = parse(test::read_fixture("json10-feed.json"));
  REQUIRE(f.articles.size() == 2);
  const Article& a = f.articles[0];
  CHECK(a.link == "https://bik.example.eu/news/sid");
  CHECK(a.summary == "The day of the year");
  CHECK(a.content_html == "<p>See <a href=\"https://bik.example.eu/sid\">SID</a></p>");
  CHECK(a.tags == std::vector<std::string>{"awareness", "media literacy/education"});
  CHECK(a.enclosures ==
        std::vector<Enclosure>{{"https://bik.example.eu/sid.pdf", "application/pdf", 42, ""}});
  CHECK(a.authors == f.authors);
  CHECK(format_rfc3339(a.updated) == "2026-11-28T09:00:00Z");
  CHECK(a.id.str().rfind("urn:sicnode:guid:", 0) == 0);
}

TEST_CASE("content_text becomes escaped HTML and numeric ids strings", "[feeds][json]") {
  Feed f = parse(test::read_fixture("json10-feed.json"));
  const Article& b = f.articles[1];
  CHECK(b.content_html == "Plain &lt;text&gt; &amp; more");
  CHECK(b.id.str().substr(b.id.str().size() - 6) == ":12345");
  CHECK(b.lang.str() == "fr");
}

TEST_CASE("JSON Feed 1.1 authors and language are read", "[feeds][json]") {
  Feed f = parse(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
    "language": "en-gb", "authors": [{"name": "A"}, {"name": "B", "url": "https://b.eu/"}],
    "items": [{"id": "tag:x,2026:1", "content_html": "x", "authors": [{"name": "C"}]}]})");
  CHECK(f.lang.str() == "en-GB");
  CHECK(f.authors.size() == 2);
  CHECK(f.articles[0].authors == std::vector<Person>{{"C", "", ""}});
  CHECK(f.articles[0].lang.str() == "en-GB");
}

TEST_CASE("A JSON document that is not a JSON Feed is refused", "[feeds][json]") {
  for (std::string doc : {R"({"verion": "1.0", "items": []})", R"({"title": "x"})", "[1, 2]",
                          R"({"version": "https://jsonfeed.org/version/1.1", "items": 3})",
                          R"({"version": "https://jsonfeed.org/version/1.1", "items": [)"}) {
    INFO(doc);
    CHECK(!parse_feed(doc, {}).ok());
  }
  auto r = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "items": 3})", {});
  CHECK(r.error().message == "json: the feed has no \"items\" array");
}

TEST_CASE("gofeed's invalid JSON Feed fixtures are refused", "[feeds][json][conformance]") {
  std::string dir = "/work/shared/conformance/gofeed/parser/json/invalid";
  std::ifstream probe(dir + "/invalid.json");
  if (!probe) {
    WARN("conformance fixtures not found: SKIPPED");
    return;
  }
  std::stringstream s;
  s << probe.rdbuf();
  CHECK(!parse_feed(s.str(), {}).ok());
}

TEST_CASE("A JSON Feed item's image is its image, never its banner_image", "[feeds][json][image]") {
  Feed f = parse(
      R"j({"version":"https://jsonfeed.org/version/1.1","title":"T","items":[)j"
      R"j({"id":"1","url":"https://x.eu/1","image":"img/1.png","banner_image":"https://x.eu/b.png",)j"
      R"j("content_html":"<p><img src='https://x.eu/body.png'></p>"},)j"
      R"j({"id":"2","url":"https://x.eu/2","banner_image":"https://x.eu/b.png",)j"
      R"j("content_html":"<p><img src='https://x.eu/body.png' alt='Body'></p>"},)j"
      R"j({"id":"3","url":"https://x.eu/3","image":"javascript:alert(1)"},)j"
      R"j({"id":"4","url":"https://x.eu/4","image":42}]})j");
  REQUIRE(f.articles.size() == 4);
  CHECK(f.articles[0].image == Image{"https://bik.example.eu/img/1.png", ""});
  CHECK(f.articles[1].image == Image{"https://x.eu/body.png", "Body"});
  CHECK(f.articles[2].image == Image{});
  CHECK(f.articles[3].image == Image{});
}
