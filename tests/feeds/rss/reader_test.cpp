#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using test::has_warning;

namespace {

Feed parse(const std::string& bytes, std::string base = "https://sic.example.cz/feed/") {
  return test::parse_ok(bytes, std::move(base), {"www.youtube-nocookie.com"});
}

std::string rss(const std::string& items) {
  return "<rss version='2.0'><channel><title>T</title><link>https://x.eu/</link>" + items +
         "</channel></rss>";
}

}  // namespace

TEST_CASE("An RSS 2.0 channel is read", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss2-wordpress.xml"));
  CHECK(f.title == "Safer Internet Centre Czechia");
  CHECK(f.subtitle == "Bezpečný internet");
  CHECK(f.id == "https://sic.example.cz");
  CHECK(f.link("alternate") == "https://sic.example.cz");
  CHECK(f.link("self") == "https://sic.example.cz/feed/");
  CHECK(f.lang.str() == "cs-CZ");
  CHECK(format_rfc3339(*f.updated) == "2026-11-28T16:04:05Z");
}

TEST_CASE("RSS items take content:encoded as body and description as summary", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss2-wordpress.xml"));
  REQUIRE(f.articles.size() == 2);
  const Article& a = f.articles[0];
  CHECK(a.title == "Kyberšikana – jak pomoci");
  CHECK(a.summary == "Krátký … úvod");
  CHECK(a.content_html ==
        "<p>Celý <strong>text</strong> <a href=\"https://sic.example.cz/kontakt\">kontakt</a></p>"
        "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>");
}

TEST_CASE("Without content:encoded the RSS description is summary and body", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss2-wordpress.xml"));
  CHECK(f.articles[1].summary == "Jen popis & nic víc");
  CHECK(f.articles[1].content_html == "Jen popis &amp; nic víc");
}

TEST_CASE("RSS guid, link, dc:creator, categories and enclosures are read", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss2-wordpress.xml"));
  const Article& a = f.articles[0];
  CHECK(a.id.str() == "https://sic.example.cz/?p=123");
  CHECK(a.link == "https://sic.example.cz/kybersikana/");
  CHECK(a.authors == std::vector<Person>{{"Linka bezpečí", "", ""}});
  CHECK(a.tags == std::vector<std::string>{"cyberbullying", "helplines"});
  CHECK(a.enclosures ==
        std::vector<Enclosure>{{"https://sic.example.cz/audio.mp3", "audio/mpeg", 5000, ""}});
  CHECK(format_rfc3339(*a.published) == "2026-11-27T08:30:00Z");
  CHECK(a.updated == *a.published);
  CHECK(a.lang.str() == "cs-CZ");
}

TEST_CASE("An RSS item without a guid is identified by its link", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss2-wordpress.xml"));
  const Article& b = f.articles[1];
  CHECK(b.id.str() == "https://sic.example.cz/bez-guid/");
  CHECK(b.authors == std::vector<Person>{{"Redakce", "", "redakce@sic.example.cz"}});
  CHECK(!b.published);
  CHECK(has_warning(f, "rss: item 2 <pubDate> \"sobota 28. listopadu\" is not a date"));
}

TEST_CASE("A guid that is not an IRI becomes a stable urn:sicnode:guid id", "[feeds][rss]") {
  Feed f = parse(rss("<item><guid isPermaLink='false'>abc 123</guid><title>A</title></item>"));
  const std::string& id = f.articles[0].id.str();
  CHECK(id.rfind("urn:sicnode:guid:", 0) == 0);
  CHECK(id.substr(id.size() - 10) == ":abc%20123");
  Feed again = parse(rss("<item><guid isPermaLink='false'>abc 123</guid></item>"));
  CHECK(again.articles[0].id.str() == id);
}

TEST_CASE("RSS 0.91 with its DOCTYPE and HTML entities is read", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss091-netscape.xml"));
  CHECK(f.title == "Centre\u00A0français");
  CHECK(f.subtitle == "Sécurité en ligne");
  REQUIRE(f.articles.size() == 1);
  CHECK(f.articles[0].title == "Légende & réalité");
  CHECK(f.articles[0].id.str() == "https://sic.example.fr/articles/9");
  CHECK(f.articles[0].lang.str() == "fr");
}

TEST_CASE("RSS 1.0 (RDF) items next to the channel are read", "[feeds][rss]") {
  Feed f = parse(test::read_fixture("rss10-rdf.xml"));
  CHECK(f.title == "Klicksafe");
  CHECK(f.lang.str() == "de");
  REQUIRE(f.articles.size() == 1);
  const Article& a = f.articles[0];
  CHECK(a.id.str() == "https://sic.example.de/a/1");
  CHECK(a.summary == "Was Eltern wissen sollten");
  CHECK(format_rfc3339(*a.published) == "2026-11-28T15:04:05Z");
  CHECK(a.authors == std::vector<Person>{{"klicksafe", "", ""}});
  CHECK(a.tags == std::vector<std::string>{"grooming"});
}

TEST_CASE("RSS 0.90 is read", "[feeds][rss]") {
  Feed f = parse(
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
      "xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel><title>Old</title>"
      "<link>https://x.eu/</link></channel><item><title>A</title>"
      "<link>https://x.eu/a</link></item></rdf:RDF>");
  REQUIRE(f.articles.size() == 1);
  CHECK(f.articles[0].title == "A");
  CHECK(f.articles[0].link == "https://x.eu/a");
}

TEST_CASE("RSS titles with markup become text", "[feeds][rss]") {
  Feed f =
      parse(rss("<item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; "
                "more</title><link>https://x.eu/a</link></item>"
                "<item><title>a &lt; b</title><link>https://x.eu/b</link></item>"));
  CHECK(f.articles[0].title == "Bold & more");
  CHECK(f.articles[1].title == "a < b");
}

TEST_CASE("RSS author forms are split into name and email", "[feeds][rss]") {
  auto author = [&](const std::string& text) {
    Feed f = parse(rss("<item><link>https://x.eu/a</link><author>" + text + "</author></item>"));
    return f.articles[0].authors.at(0);
  };
  CHECK(author("a@x.eu (Ana)") == Person{"Ana", "", "a@x.eu"});
  CHECK(author("Ana (a@x.eu)") == Person{"Ana", "", "a@x.eu"});
  CHECK(author("Ana &lt;a@x.eu&gt;") == Person{"Ana", "", "a@x.eu"});
  CHECK(author("a@x.eu") == Person{"", "", "a@x.eu"});
  CHECK(author("Ana Silva") == Person{"Ana Silva", "", ""});
}

TEST_CASE("Dublin Core and iTunes elements stand in for missing RSS ones", "[feeds][rss]") {
  Feed f = parse(
      "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/' "
      "xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel>"
      "<dc:title>DC</dc:title><itunes:summary>Sum</itunes:summary><link>https://x.eu/</link>"
      "<itunes:author>Pod</itunes:author><itunes:image href='https://x.eu/i.png'/>"
      "<item><dc:title>I</dc:title><dc:description>D</dc:description><link>https://x.eu/i</link>"
      "<itunes:keywords>one, two</itunes:keywords><dc:subject>three</dc:subject></item>"
      "</channel></rss>");
  CHECK(f.title == "DC");
  CHECK(f.subtitle == "Sum");
  CHECK(f.authors == std::vector<Person>{{"Pod", "", ""}});
  CHECK(f.icon == "https://x.eu/i.png");
  CHECK(f.articles[0].title == "I");
  CHECK(f.articles[0].summary == "D");
  CHECK(f.articles[0].tags == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("Items directly in <rss>, without a channel, are read", "[feeds][rss]") {
  Feed f = parse("<rss><title>No channel</title><item><title>I</title></item></rss>", "");
  CHECK(f.title == "No channel");
  REQUIRE(f.articles.size() == 1);
  CHECK(f.articles[0].title == "I");
}

TEST_CASE("An RDF document without a channel is refused", "[feeds][rss]") {
  auto r = parse_feed(
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><item/></rdf:RDF>", {});
  REQUIRE(!r.ok());
  CHECK(r.error().message == "rss: no <channel> in the <rdf:RDF> document");
}

TEST_CASE("A creator or author written as a name and an address gives both", "[feeds][rss]") {
  Feed f = parse(
      "<rss><channel><dc:creator>Example editor (me@example.com)</dc:creator><item>"
      "<dc:creator>Ana Silva (ana@x.eu)</dc:creator><author>Rui (Editor)</author></item>"
      "</channel></rss>",
      "");
  REQUIRE(f.authors.size() == 1);
  CHECK(f.authors[0] == Person{"Example editor", "", "me@example.com"});
  REQUIRE(f.articles[0].authors.size() == 2);
  CHECK(f.articles[0].authors[0] == Person{"Ana Silva", "", "ana@x.eu"});
  CHECK(f.articles[0].authors[1] == Person{"Rui (Editor)", "", ""});
}

TEST_CASE("Copyright, HTML written unescaped and an XHTML body are read", "[feeds][rss]") {
  Feed f = parse(
      "<rss><channel><copyright>Copyright 2026</copyright><item><title>A <i>fine</i> day"
      "</title><description><p>Hello <b>world</b></p></description>"
      "<body xmlns='http://www.w3.org/1999/xhtml'><p>Body</p></body></item></channel></rss>",
      "");
  CHECK(f.rights == "Copyright 2026");
  CHECK(f.articles[0].title == "A fine day");
  CHECK(f.articles[0].summary == "Hello world");
  CHECK(f.articles[0].content_html == "<p>Body</p>");
}

TEST_CASE("An RSS item's image is its media:content image with its description as alt",
          "[feeds][rss][image]") {
  Feed f = parse(
      "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><title>T</title>"
      "<item><title>A</title><link>https://x.eu/a</link>"
      "<media:content url='https://x.eu/v.mp4' medium='video'/>"
      "<media:content url='img/a.jpg' type='image/jpeg'>"
      "<media:description type='plain'>A phone &lt;3</media:description></media:content>"
      "<media:thumbnail url='https://x.eu/t.jpg'/></item>"
      "<item><title>B</title><link>https://x.eu/b</link>"
      "<media:group><media:thumbnail url='https://x.eu/t.jpg'/>"
      "<media:title>Thumb</media:title></media:group></item></channel></rss>");
  REQUIRE(f.articles.size() == 2);
  CHECK(f.articles[0].image == Image{"https://sic.example.cz/feed/img/a.jpg", "A phone <3"});
  CHECK(f.articles[1].image == Image{"https://x.eu/t.jpg", "Thumb"});
}

TEST_CASE("Without media:*, an RSS item's image is an image enclosure, else the body's <img>",
          "[feeds][rss][image]") {
  Feed f = parse(rss(
      "<item><title>A</title><link>https://x.eu/a</link>"
      "<enclosure url='https://x.eu/a.mp3' type='audio/mpeg' length='1'/>"
      "<enclosure url='https://x.eu/p.png' type='image/png' length='1'/></item>"
      "<item><title>B</title><link>https://x.eu/b</link><description>&lt;p&gt;x&lt;img "
      "src='javascript:alert(1)'&gt;&lt;img src='/i/b.gif' alt='A &amp;amp; B'&gt;&lt;/p&gt;"
      "</description></item>"
      "<item><title>C</title><link>https://x.eu/c</link><description>text</description></item>"));
  REQUIRE(f.articles.size() == 3);
  CHECK(f.articles[0].image == Image{"https://x.eu/p.png", ""});
  CHECK(f.articles[1].image == Image{"https://sic.example.cz/i/b.gif", "A & B"});
  CHECK(f.articles[2].image == Image{});
}
