#include <algorithm>

#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using test::has_warning;

namespace {

Feed parse(const std::string& bytes, std::string base = "https://sic.example.pt/feeds/atom.xml") {
  return test::parse_ok(bytes, std::move(base));
}

std::string atom(const std::string& entries, const std::string& header = "") {
  return "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:x,2026:f</id><title>T</title>"
         "<updated>2026-11-28T16:04:05Z</updated>" +
         header + entries + "</feed>";
}

}  // namespace

TEST_CASE("The Atom header is read with xml:base, xml:lang and text constructs", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  CHECK(f.id == "tag:sic.example.pt,2026:feed");
  CHECK(f.title == "Centro Internet Segura");
  CHECK(f.subtitle == "Notícias da rede");
  CHECK(f.lang.str() == "pt-PT");
  CHECK(format_rfc3339(*f.updated) == "2026-11-28T16:04:05Z");
  REQUIRE(f.authors.size() == 1);
  CHECK(f.authors[0].uri == "https://sic.example.pt/sobre");
  CHECK(f.authors[0].email == "info@sic.example.pt");
  CHECK(f.link("self") == "https://sic.example.pt/noticias/atom.xml");
  CHECK(f.link("alternate") == "https://sic.example.pt/");
  CHECK(f.link("next") == "https://sic.example.pt/noticias/atom.xml?page=2");
  CHECK(f.icon == "https://sic.example.pt/favicon.png");
}

TEST_CASE("Atom entries resolve relative links against their xml:base", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  REQUIRE(f.articles.size() == 3);
  const Article& a = f.articles[0];
  CHECK(a.link == "https://sic.example.pt/noticias/ciberbullying");
  REQUIRE(a.enclosures.size() == 1);
  CHECK(a.enclosures[0] ==
        Enclosure{"https://sic.example.pt/docs/guia.pdf", "application/pdf", 1234, "Guia"});
  CHECK(a.content_html ==
        "<p>Veja <a href=\"https://sic.example.pt/artigos/1/anexo\">o anexo</a> e "
        "<img src=\"https://sic.example.pt/artigos/1/foto.jpg\" alt=\"foto\">.</p>");
}

TEST_CASE("Atom text constructs become plain text and content sanitized HTML", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  CHECK(f.articles[0].summary == "Um guia para pais.");
  CHECK(f.articles[1].title == "Safer Internet Day");
  CHECK(f.articles[1].content_html ==
        "<p>A <a href=\"https://sic.example.pt/noticias/sid\">link</a> <em>and</em> "
        "<strong>text</strong>.</p><p>Two</p>");
  CHECK(f.articles[2].title == "Plain & <simple>");
  CHECK(f.articles[2].content_html == "Line one &lt;b&gt;not bold&lt;/b&gt;");
}

TEST_CASE("Atom dates, categories, rights and languages are read", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  const Article& a = f.articles[0];
  CHECK(format_rfc3339(*a.published) == "2026-11-27T09:00:00Z");
  CHECK(format_rfc3339(a.updated) == "2026-11-28T09:00:00Z");
  CHECK(a.tags == std::vector<std::string>{"cyberbullying", "grooming"});
  CHECK(a.rights == "© 2026 CIS");
  CHECK(a.lang.str() == "pt-PT");
  CHECK(f.articles[1].lang.str() == "en");
}

TEST_CASE("An entry without <updated> takes <published>", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  CHECK(f.articles[1].updated == *f.articles[1].published);
}

TEST_CASE("An unparseable date is reported, never invented", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  CHECK(f.articles[2].updated == TimePoint{});
  CHECK(!f.articles[2].published);
  CHECK(has_warning(f, "atom: entry 3 <updated> \"not a date\" is not a date"));
  CHECK(has_warning(f, "atom: entry 3 has no usable date"));
}

TEST_CASE("Entry authors come from the entry, its source, then the feed", "[feeds][atom]") {
  Feed f = parse(test::read_fixture("atom-cms.xml"));
  CHECK(f.articles[0].authors == f.authors);
  CHECK(f.articles[1].authors == std::vector<Person>{{"Linha Internet Segura", "", ""}});
  CHECK(f.articles[2].authors == std::vector<Person>{{"INHOPE", "", ""}});
}

TEST_CASE("A sicnode feed's entries do not inherit the feed author", "[feeds][atom]") {
  std::string doc =
      "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:sic='https://sicnode.eu/ns/1.0'>"
      "<id>tag:x,2026:f</id><title>T</title><updated>2026-11-28T16:04:05Z</updated>"
      "<author><name>Node</name></author><entry><id>tag:x,2026:1</id><title>A</title>"
      "<updated>2026-11-28T16:04:05Z</updated></entry></feed>";
  CHECK(parse(doc).articles[0].authors.empty());
}

TEST_CASE("Atom 0.3 feeds are read", "[feeds][atom]") {
  std::string doc =
      "<feed version='0.3' xmlns='http://purl.org/atom/ns#'><title>Old</title>"
      "<tagline>Tag</tagline><modified>2004-01-01T10:00:00Z</modified>"
      "<entry><id>tag:x,2004:1</id><title mode='escaped' type='text/html'>A "
      "&amp;lt;b&amp;gt;</title>"
      "<issued>2004-01-01T09:00:00Z</issued><modified>2004-01-01T10:00:00Z</modified>"
      "<content mode='base64' type='text/html'>PHA+aGk8L3A+</content></entry></feed>";
  Feed f = parse(doc);
  CHECK(f.title == "Old");
  CHECK(f.subtitle == "Tag");
  REQUIRE(f.articles.size() == 1);
  CHECK(f.articles[0].title == "A <b>");
  CHECK(f.articles[0].content_html == "<p>hi</p>");
  CHECK(format_rfc3339(*f.articles[0].published) == "2004-01-01T09:00:00Z");
}

TEST_CASE("An Atom 0.3 entry without issued or created was published when it was modified",
          "[feeds][atom]") {
  // Atom 0.3: without atom:created, its value is atom:modified's.
  auto entry = [](const std::string& dates) {
    return "<feed version='0.3' xmlns='http://purl.org/atom/ns#'><title>Old</title>"
           "<entry><id>tag:x,2004:1</id><title>A</title>" +
           dates + "</entry></feed>";
  };
  Feed f = parse(entry("<modified>Thu, 01 Jan 2004 19:48:21 GMT</modified>"));
  REQUIRE(f.articles[0].published);
  CHECK(format_rfc3339(*f.articles[0].published) == "2004-01-01T19:48:21Z");
  CHECK(format_rfc3339(f.articles[0].updated) == "2004-01-01T19:48:21Z");
  f = parse(
      entry("<created>2004-01-01T08:00:00Z</created><modified>2004-01-02T08:00:00Z</modified>"));
  CHECK(format_rfc3339(*f.articles[0].published) == "2004-01-01T08:00:00Z");
  // One warning for an unreadable date, and no date invented.
  f = parse(entry("<modified>soon</modified>"));
  CHECK_FALSE(f.articles[0].published);
  CHECK(std::count_if(f.warnings.begin(), f.warnings.end(), [](const std::string& w) {
          return w.find("\"soon\"") != std::string::npos;
        }) == 1);
  // Atom 1.0 has no such rule: an entry with only <updated> has no publication date.
  f =
      parse(atom("<entry><id>tag:x,2026:1</id><title>A</title>"
                 "<updated>2026-11-28T16:04:05Z</updated></entry>"));
  CHECK_FALSE(f.articles[0].published);
}

TEST_CASE("A feed's logo is its image, and its icon when it has no logo", "[feeds][atom]") {
  Feed f = parse(atom("", "<icon>/favicon.png</icon><logo>/logo.png</logo>"));
  CHECK(f.icon == "https://sic.example.pt/logo.png");
  f = parse(atom("", "<icon>/favicon.png</icon>"));
  CHECK(f.icon == "https://sic.example.pt/favicon.png");
}

TEST_CASE("Tombstones and archive markers are read", "[feeds][atom]") {
  std::string doc = atom("",
                         "<at:deleted-entry xmlns:at='http://purl.org/atompub/tombstones/1.0' "
                         "ref='tag:x,2026:gone' when='2026-11-28T10:00:00Z'/>"
                         "<fh:archive xmlns:fh='http://purl.org/syndication/history/1.0'/>");
  Feed f = parse(doc);
  REQUIRE(f.tombstones.size() == 1);
  CHECK(f.tombstones[0].id.str() == "tag:x,2026:gone");
  CHECK(format_rfc3339(f.tombstones[0].deleted) == "2026-11-28T10:00:00Z");
  CHECK(f.archive);
}

TEST_CASE("An entry without an id takes its link, else an id from its content", "[feeds][atom]") {
  Feed f = parse(
      atom("<entry><title>A</title><link href='/a'/><updated>2026-11-28T16:04:05Z</updated></entry>"
           "<entry><title>B</title><updated>2026-11-28T16:04:05Z</updated></entry>"));
  CHECK(f.articles[0].id.str() == "https://sic.example.pt/a");
  CHECK(f.articles[1].id.str().rfind("urn:sicnode:sha256:", 0) == 0);
  CHECK(has_warning(f, "atom: entry 2 has no id"));
}

TEST_CASE("Relative links without a base are dropped with a warning", "[feeds][atom]") {
  Feed f = parse(atom("<entry><id>tag:x,2026:1</id><title>A</title><link href='/a'/>"
                      "<updated>2026-11-28T16:04:05Z</updated></entry>"),
                 "");
  CHECK(f.articles[0].link.empty());
  CHECK(has_warning(f, "cannot make \"/a\" an absolute URL"));
}

TEST_CASE("Atom without a namespace, or 0.3 in a namespace of its own, is read as Atom",
          "[feeds][atom]") {
  CHECK(parse("<feed><title>no namespace</title></feed>", "").title == "no namespace");
  Feed pie = parse(
      "<feed version='0.3' xmlns='http://purl.org/pie/'><title>pie</title><entry><title>E</title>"
      "<issued>2004-01-05T08:33:12Z</issued><modified>2004-01-06T00:00:00Z</modified></entry>"
      "</feed>",
      "");
  CHECK(pie.title == "pie");
  REQUIRE(pie.articles.size() == 1);
  CHECK(to_unix(*pie.articles[0].published) == 1073291592);
}

TEST_CASE("An Atom feed in a foreign namespace without version 0.3 is refused", "[feeds][atom]") {
  auto r = parse_feed("<feed xmlns='urn:other'><title>x</title></feed>", {});
  REQUIRE(!r.ok());
  CHECK(r.error().message == "atom: the root element is <feed>, not an Atom <feed>");
}

TEST_CASE("Atom that is not well-formed XML is read leniently, with a warning saying where",
          "[feeds][atom]") {
  Feed f = parse("<feed xmlns='http://www.w3.org/2005/Atom'>\n<title>x</titel>\n</feed>", "");
  CHECK(f.title == "x");
  REQUIRE_FALSE(f.warnings.empty());
  CHECK(f.warnings[0].rfind("atom: xml: not well-formed XML (line 2: ", 0) == 0);
  CHECK(f.warnings[0].find("), read leniently") != std::string::npos);
}

TEST_CASE("Text constructs stay text; base64 ones are decoded and read as their type says",
          "[feeds][atom]") {
  Feed f = parse(atom("<entry><title type='text'>History of the &lt;blink&gt; tag</title>"
                      "<summary>A <b>bold</b> claim</summary>"
                      "<rights type='text/plain' mode='base64'>PGI+Q0M8L2I+IEJZ</rights>"
                      "<content type='text/html' mode='base64'>PHA+SGk8L3A+</content></entry>"),
                 "");
  CHECK(f.articles[0].title == "History of the <blink> tag");
  CHECK(f.articles[0].summary == "A <b>bold</b> claim");
  CHECK(f.articles[0].rights == "<b>CC</b> BY");
  CHECK(f.articles[0].content_html == "<p>Hi</p>");
}

TEST_CASE("The feed's rights are read, and a link's URL may be its text", "[feeds][atom]") {
  Feed f = parse(atom("<rights>CC BY 4.0</rights><entry><link rel='enclosure'>"
                      "http://x.eu/a.mp3</link><link rel='alternate' type='text/html'>"
                      "http://x.eu/a</link></entry>"),
                 "");
  CHECK(f.rights == "CC BY 4.0");
  CHECK(f.articles[0].link == "http://x.eu/a");
  REQUIRE(f.articles[0].enclosures.size() == 1);
  CHECK(f.articles[0].enclosures[0].url == "http://x.eu/a.mp3");
}

TEST_CASE("Characters XML cannot carry are made safe in ids and media types", "[feeds][atom]") {
  Feed f =
      parse(atom("<entry><id>tag:x,2026:a\xEF\xBF\xBF"
                 "b</id><title>A</title>"
                 "<updated>2026-11-28T16:04:05Z</updated>"
                 "<link rel='enclosure' type='audio/&#x7f;mpeg' href='/a.mp3'/></entry>"));
  CHECK(f.articles[0].id.str() == "tag:x,2026:a%EF%BF%BFb");
  CHECK(f.articles[0].enclosures[0].type == "audio/mpeg");
}

TEST_CASE("Entries in several languages in turn each keep their own", "[feeds][atom]") {
  std::string entries;
  const char* langs[] = {"en", "pt", "EN", "cs", "pt_BR", "sl", "de", "en", "x!", "pt"};
  for (int i = 0; i < 10; ++i)
    entries += "<entry xml:lang='" + std::string(langs[i]) +
               "'><id>tag:x,2026:" + std::to_string(i) +
               "</id><title>t</title><updated>2026-11-28T16:04:05Z</updated>" + "</entry>";
  Feed f = parse(atom(entries));
  REQUIRE(f.articles.size() == 10);
  std::vector<std::string> got;
  for (const auto& a : f.articles) got.push_back(a.lang.str());
  CHECK(got ==
        std::vector<std::string>{"en", "pt", "en", "cs", "pt-BR", "sl", "de", "en", "", "pt"});
  CHECK(has_warning(f, "entry 9 xml:lang: \"x!\" is not a language tag"));
}

TEST_CASE("An Atom entry's image is its media:content, else an image enclosure link",
          "[feeds][atom][image]") {
  Feed f = parse(
      atom("<entry xmlns:media='http://search.yahoo.com/mrss/'><id>tag:x,2026:1</id><title>A"
           "</title><updated>2026-11-28T16:04:05Z</updated>"
           "<media:content url='/p/a.webp' medium='image'><media:title>Kids</media:title>"
           "</media:content></entry>"
           "<entry><id>tag:x,2026:2</id><title>B</title><updated>2026-11-28T16:04:05Z</updated>"
           "<link rel='enclosure' type='image/jpeg' href='https://x.eu/b.jpg' title='Bee'/>"
           "</entry>"));
  REQUIRE(f.articles.size() == 2);
  CHECK(f.articles[0].image == Image{"https://sic.example.pt/p/a.webp", "Kids"});
  CHECK(f.articles[1].image == Image{"https://x.eu/b.jpg", "Bee"});
}
