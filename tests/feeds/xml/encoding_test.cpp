#include "feeds/xml/encoding.h"

#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;

namespace {
Feed parse(const std::string& bytes) { return test::parse_ok(bytes); }
}  // namespace

TEST_CASE("Central European encodings are converted to UTF-8", "[feeds][encoding]") {
  CHECK(parse(test::read_fixture("rss-iso-8859-2.xml")).title == "Zażółć gęślą jaźń");
  CHECK(parse(test::read_fixture("rss-windows-1250.xml")).title == "Bezpečný internet „pro děti“");
  CHECK(parse(test::read_fixture("rss-windows-1252.xml")).title == "L’Internet plus sûr — 5 €");
  CHECK(parse(test::read_fixture("rss-iso-8859-15.xml")).title == "Coût : 5 € œuvre");
}

TEST_CASE("ISO-8859-1 is read as windows-1252, as browsers do", "[feeds][encoding]") {
  CHECK(parse(test::read_fixture("rss-latin1-declared-cp1252-bytes.xml")).title ==
        "“Sécurité” en ligne");
}

TEST_CASE("UTF-16 with and without a BOM and UTF-8 with a BOM are read", "[feeds][encoding]") {
  for (const char* name : {"atom-utf16le-bom.xml", "atom-utf16be-nobom.xml", "atom-utf8-bom.xml"}) {
    INFO(name);
    Feed f = parse(test::read_fixture(name));
    CHECK(f.title == "Ελληνικά και Русский");
    REQUIRE(f.articles.size() == 1);
    CHECK(f.articles[0].title == "שלום 😀");
  }
}

TEST_CASE("UTF-8 is copied as it is, line ends normalized, across long runs", "[feeds][encoding]") {
  std::string tail = "ação \uFFFD 🙂 \r\n";  // a U+FFFD in the input is kept
  std::string in = "<a>" + std::string(40, 'x') + "\r" + tail + std::string(33, 'y') + "\r</a>";
  CHECK(*xml::to_utf8(in, xml::Syntax::kXml) ==
        "<a>" + std::string(40, 'x') + "\nação \uFFFD 🙂 \n" + std::string(33, 'y') + "\n</a>");
  // An invalid byte late in a long document is found too.
  CHECK(*xml::to_utf8("é" + std::string(100, 'z') + "\xC3(", xml::Syntax::kXml) ==
        "é" + std::string(100, 'z') + "\uFFFD(");
}

TEST_CASE("Invalid UTF-8 bytes become U+FFFD, one per byte", "[feeds][encoding]") {
  auto out = xml::to_utf8("<a>é x\xff\xfey\xc3</a>", xml::Syntax::kXml);
  REQUIRE(out.ok());
  CHECK(*out == "<a>é x\uFFFD\uFFFDy\uFFFD</a>");
}

TEST_CASE("An 8-bit document read as UTF-8 with no UTF-8 sequence at all is windows-1252",
          "[feeds][encoding]") {
  CHECK(*xml::to_utf8("<?xml version='1.0' encoding='utf-8'?><a>caf\xE9 \x93x\x94</a>",
                      xml::Syntax::kXml) ==
        "<?xml version='1.0' encoding='utf-8'?><a>café “x”</a>");
  CHECK(*xml::to_utf8("<a>caf\xE9</a>", xml::Syntax::kXml) == "<a>café</a>");
  // A byte order mark says UTF-8 for sure.
  CHECK(*xml::to_utf8("\xEF\xBB\xBF<a>caf\xE9</a>", xml::Syntax::kXml) == "<a>caf\uFFFD</a>");
}

TEST_CASE("Line ends are normalized in XML", "[feeds][encoding]") {
  CHECK(*xml::to_utf8("<a>\r\nx\ry</a>", xml::Syntax::kXml) == "<a>\nx\ny</a>");
}

TEST_CASE("An unknown encoding is refused by name", "[feeds][encoding]") {
  auto r = parse_feed("<?xml version='1.0' encoding='klingon-8'?><rss/>", {});
  REQUIRE(!r.ok());
  CHECK(r.error().message == "rss: xml: unsupported encoding \"klingon-8\"");
  CHECK(xml::declared_encoding("<?xml version='1.0' encoding=\"ISO-8859-2\"?>") == "ISO-8859-2");
  CHECK(xml::declared_encoding("<rss/>") == "");
}
