// Hostile input: every case is refused with a one-line error or read safely.
#include <catch2/catch.hpp>

#include "feeds/crypto/ed25519.h"
#include "feeds/feeds.h"
#include "feeds/xml/document.h"
#include "tests/feeds/support.h"

using namespace sic;
using sic::test::read_fixture;

namespace {

std::string error_of(const std::string& bytes, ParseOptions options = {}) {
  auto r = parse_feed(bytes, options);
  return r.ok() ? "accepted" : r.error().message;
}

}  // namespace

TEST_CASE("A DOCTYPE with entity declarations is refused (no XXE)", "[feeds][hostile]") {
  std::string xxe =
      "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
      "<rss version='2.0'><channel><title>&xxe;</title></channel></rss>";
  CHECK(error_of(xxe) ==
        "rss: xml: a DOCTYPE with an internal subset is refused (no entity declarations)");
}

TEST_CASE("An entity bomb is refused", "[feeds][hostile]") {
  std::string bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>";
  for (int i = 1; i < 10; ++i)
    bomb += "<!ENTITY lol" + std::to_string(i) + " '" + std::string(10, '&') + "lol;'>";
  bomb += "]><feed xmlns='http://www.w3.org/2005/Atom'><title>&lol9;</title></feed>";
  CHECK(error_of(bomb).find("DOCTYPE with an internal subset is refused") != std::string::npos);
}

TEST_CASE("Undeclared entities are never expanded from outside", "[feeds][hostile]") {
  auto r = parse_feed(
      "<rss version='2.0'><channel><title>&xxe; &nbsp;</title>"
      "<link>https://x.eu/</link></channel></rss>",
      {});
  REQUIRE(r.ok());
  CHECK(r->title == "&xxe; \u00A0");
}

TEST_CASE("Deep nesting is refused before it is parsed", "[feeds][hostile]") {
  std::string deep = "<rss version='2.0'><channel>";
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  CHECK(error_of(deep) == "rss: xml: nested deeper than 256 elements");
  std::string deep_json = R"({"version":"https://jsonfeed.org/version/1.1","items":)";
  deep_json += std::string(100000, '[');
  CHECK(error_of(deep_json) == "json: nested deeper than 64 levels");
}

TEST_CASE("Too many elements are refused", "[feeds][hostile]") {
  std::string many = "<a>";
  for (int i = 0; i < 20; ++i) many += "<b/>";
  many += "</a>";
  auto r = xml::Document::parse(many, "", xml::Limits{256, 10});
  REQUIRE(!r.ok());
  CHECK(r.error().message == "xml: more than 10 elements");
}

TEST_CASE("Documents over the size limit are refused unread", "[feeds][hostile]") {
  ParseOptions options;
  options.max_bytes = 100;
  CHECK(error_of(std::string(101, ' '), options) ==
        "feeds: the document is larger than the limit of 100 bytes");
}

TEST_CASE("Documents that are not feeds are refused with what they are", "[feeds][hostile]") {
  CHECK(error_of("<!DOCTYPE html><html><body>Not found</body></html>") ==
        "detect: not a feed: the root element is <html>");
  CHECK(error_of("") == "detect: the document is empty");
  CHECK(error_of("   \n ") == "detect: the document is empty");
  CHECK(error_of("Not found") ==
        "detect: not a feed: the document starts with neither '<' nor '{'");
  CHECK(error_of(R"({"error": "not found"})") ==
        "detect: not a feed: JSON without a JSON Feed \"version\"");
  CHECK(error_of("<?xml version='1.0'?>") == "detect: not a feed: no root element");
}

TEST_CASE("A truncated document is read up to its last whole entry, with a warning",
          "[feeds][hostile]") {
  auto cut = parse_feed(
      "<rss version='2.0'><channel><title>x</title><item><title>Whole</title></item>"
      "<item><title>Half</title><description>The first half of a bo",
      {});
  REQUIRE(cut.ok());
  CHECK(cut->title == "x");
  REQUIRE(cut->articles.size() == 1);  // half an entry must not pass for the whole one
  CHECK(cut->articles[0].title == "Whole");
  CHECK(cut->warnings[0].find("read leniently") != std::string::npos);
  auto atom = parse_feed("<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><entry>", {});
  REQUIRE(atom.ok());
  CHECK(atom->articles.empty());
  CHECK(error_of("<rss><!-- unclosed") == "accepted");  // a feed with nothing in it
}

TEST_CASE("NUL bytes and binary garbage do not crash the readers", "[feeds][hostile]") {
  std::string with_nul("<rss version='2.0'><channel><title>a\0b</title></channel></rss>", 60);
  CHECK(error_of(with_nul) != "crash");
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += char((i * 7919) & 0xFF);
  CHECK(error_of("<" + garbage) != "accepted");
}

TEST_CASE("Hostile HTML in a feed is sanitized", "[feeds][hostile]") {
  auto r = parse_feed(
      "<rss version='2.0'><channel><title>T</title><link>https://x.eu/</link><item>"
      "<link>https://x.eu/a</link><description><![CDATA[<img src=x onerror=alert(1)>"
      "<a href='javascript:alert(1)'>x</a><script>alert(2)</script>]]></description>"
      "<title>&lt;script&gt;alert(3)&lt;/script&gt;Hi</title></item></channel></rss>",
      {});
  REQUIRE(r.ok());
  CHECK(r->articles[0].content_html == "<a>x</a>");  // no base: the relative img goes
  CHECK(r->articles[0].title == "Hi");
}

TEST_CASE("An xml:base with a javascript: URL does not smuggle one in", "[feeds][hostile]") {
  auto r = parse_feed(
      "<feed xmlns='http://www.w3.org/2005/Atom' xml:base='javascript:alert(1)//'>"
      "<id>tag:x,2026:f</id><title>T</title><updated>2026-11-28T00:00:00Z</updated>"
      "<entry><id>tag:x,2026:1</id><title>A</title><updated>2026-11-28T00:00:00Z</updated>"
      "<link href='x'/><content type='html'>&lt;a "
      "href=\"y\"&gt;l&lt;/a&gt;</content></entry></feed>",
      {});
  REQUIRE(r.ok());
  CHECK(r->articles[0].content_html == "<a>l</a>");
  CHECK(r->articles[0].link.empty());
}

TEST_CASE("Mangled signature elements are read as text and never verify",
          "[feeds][hostile][crypto]") {
  for (const char* name : {"atom-signature-mangled.xml", "json-signature-mangled.json"}) {
    INFO(name);
    auto feed = parse_feed(read_fixture(name), {});
    REQUIRE(feed.ok());
    REQUIRE(feed->articles.size() == 2);
    REQUIRE(feed->tombstones.size() == 1);
    auto never_verifies = [](const std::string& statement, const Signature& s) {
      auto key = crypto::PublicKey::parse(s.key);
      return !key.ok() || !key->verify(statement, s.value);
    };
    for (const auto& a : feed->articles) {
      CHECK(never_verifies(statement_of(a), a.signature));
      for (const auto& t : a.translations)
        CHECK(never_verifies(statement_of(a.id, t), t.signature));
    }
    CHECK(never_verifies(statement_of(feed->tombstones[0]), feed->tombstones[0].signature));
  }
}

TEST_CASE("Hostile image URLs and huge alt texts give no image, or no alt", "[feeds][hostile]") {
  std::string huge(5000, 'x');
  Feed f = test::parse_ok(
      "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><title>T</title>"
      "<item><title>A</title><link>https://x.eu/a</link>"
      "<media:content url='javascript:alert(1)' medium='image'/></item>"
      "<item><title>B</title><link>https://x.eu/b</link>"
      "<media:content url='data:image/png;base64,AAAA' medium='image'/></item>"
      "<item><title>C</title><link>https://x.eu/c</link>"
      "<media:content url='https://x.eu/" +
          huge +
          "' medium='image'/></item>"
          "<item><title>D</title><link>https://x.eu/d</link>"
          "<media:content url='https://x.eu/d.jpg' medium='image'><media:description>" +
          huge + "</media:description></media:content></item></channel></rss>",
      "https://x.eu/feed");
  REQUIRE(f.articles.size() == 4);
  for (int i = 0; i < 3; ++i) CHECK(f.articles[i].image == Image{});
  CHECK(f.articles[3].image == Image{"https://x.eu/d.jpg", ""});
}
