#include "feeds/xml/document.h"

#include <catch2/catch.hpp>

#include "feeds/xml/ns.h"

using namespace sic;

namespace {
std::unique_ptr<xml::Document> parse(std::string text, std::string base = "https://x.eu/f/") {
  auto doc = xml::Document::parse(std::move(text), std::move(base));
  INFO((doc.ok() ? "" : doc.error().message));
  REQUIRE(doc.ok());
  return std::move(*doc);
}
}  // namespace

TEST_CASE("Element names are resolved to namespace and local name", "[feeds][xml]") {
  auto doc = parse(
      "<f:feed xmlns:f='http://www.w3.org/2005/Atom' xmlns='urn:d'><f:id>1</f:id><x/>"
      "<g xmlns='urn:e'/></f:feed>");
  const auto& root = doc->root();
  CHECK(root.is(ns::kAtom, "feed"));
  CHECK(root.child(ns::kAtom, "id")->text() == "1");
  CHECK(root.child("urn:d", "x") != nullptr);
  CHECK(root.child("urn:e", "g") != nullptr);
  CHECK(root.child("", "x") == nullptr);
}

TEST_CASE("Undeclared well-known prefixes get their usual namespace", "[feeds][xml]") {
  auto doc = parse("<rss><dc:creator>A</dc:creator><content:encoded>B</content:encoded></rss>");
  CHECK(doc->root().child(ns::kDc, "creator")->text() == "A");
  CHECK(doc->root().child(ns::kContent, "encoded")->text() == "B");
}

TEST_CASE("xml:base and xml:lang are inherited and resolved", "[feeds][xml]") {
  auto doc =
      parse("<a xml:lang='pt' xml:base='/x/'><b xml:base='y/'><c/></b><d xml:lang='en'/></a>");
  const auto& a = doc->root();
  const auto* c = a.first_child()->first_child();
  CHECK(a.base() == "https://x.eu/x/");
  CHECK(c->base() == "https://x.eu/x/y/");
  CHECK(c->lang() == "pt");
  CHECK(a.first_child()->next_sibling()->lang() == "en");
}

TEST_CASE("Text joins data and CDATA and decodes references", "[feeds][xml]") {
  auto doc = parse("<a>x &amp; <![CDATA[<b>&amp;</b>]]> &#233;&eacute;</a>");
  CHECK(doc->root().text() == "x & <b>&amp;</b> éé");
}

TEST_CASE("An element holding one CDATA section gives its text as written, no controls",
          "[feeds][xml]") {
  std::string body = "<p class=\"x\">&amp; caf\xc3\xa9 " + std::string(40, 'y') + "</p>";
  auto doc = parse("<a><b><![CDATA[" + body + "]]></b><c><![CDATA[x\x01y\tz\x1f" +
                   std::string(40, 'w') + "\x02v]]></c></a>");
  const auto& b = *doc->root().first_child();
  std::string scratch;
  CHECK(b.text_view(scratch) == body);
  CHECK(b.text() == body);
  const auto& c = *b.next_sibling();
  CHECK(c.text_view(scratch) == "xy\tz" + std::string(40, 'w') + "v");
  CHECK(c.text() == "xy\tz" + std::string(40, 'w') + "v");
}

TEST_CASE("Attribute values are normalized and decoded", "[feeds][xml]") {
  auto doc = parse("<a t='x\ty&#10;z &quot;q&quot;' xml:lang='fr'/>");
  CHECK(doc->root().attr("t") == "x y\nz \"q\"");
  CHECK(doc->root().attr("lang", ns::kXml) == "fr");
  CHECK(!doc->root().attr("missing"));
}

TEST_CASE("Inner markup keeps the white space between elements", "[feeds][xml]") {
  auto doc = parse(
      "<c><div xmlns='http://www.w3.org/1999/xhtml'><b>a</b> <i>b</i><br/>"
      "<p a='&lt;'>x &amp; y</p></div></c>");
  CHECK(doc->root().first_child()->inner_html() ==
        "<b>a</b> <i>b</i><br><p a=\"&lt;\">x &amp; y</p>");
}

TEST_CASE("Malformed XML is refused with its line", "[feeds][xml]") {
  auto r = xml::Document::parse("<a>\n<b>\n</c></a>", "");
  REQUIRE(!r.ok());
  CHECK(r.error().message.rfind("xml: line 3: ", 0) == 0);
  CHECK(!xml::Document::parse("", "").ok());
  CHECK(!xml::Document::parse("<a>", "").ok());
  CHECK(!xml::Document::parse("<a b=c/>", "").ok());
}
