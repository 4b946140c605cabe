#include "feeds/xml/repair.h"

#include <catch2/catch.hpp>

#include "feeds/xml/ns.h"

using namespace sic;

namespace {

std::string repaired(std::string_view text, xml::Limits limits = {}) {
  auto r = xml::repair(text, limits);
  INFO((r.ok() ? "" : r.error().message));
  REQUIRE(r.ok());
  CHECK(r->fixes > 0);
  // What the recovery path hands the strict parser must always parse.
  auto doc = xml::Document::parse(r->xml, "");
  INFO(r->xml);
  CHECK(doc.ok());
  return r->xml;
}

std::string error_of(std::string_view text, xml::Limits limits = {}) {
  auto r = xml::repair(text, limits);
  return r.ok() ? "repaired: " + r->xml : r.error().message;
}

}  // namespace

TEST_CASE("A final close tag cut short is closed, with the elements still open",
          "[feeds][xml][repair]") {
  CHECK(repaired("<rss><channel><title>t</title></channel></rss") ==
        "<rss><channel><title>t</title></channel></rss>");
  CHECK(repaired("<rss><channel><title>t") == "<rss><channel><title>t</title></channel></rss>");
}

TEST_CASE("A bare & and a < that starts no tag become text; references are kept",
          "[feeds][xml][repair]") {
  CHECK(repaired("<a>Fish & Chips &amp; &eacute; &#38; &#x26; &foo; 1 < 2</a>") ==
        "<a>Fish &amp; Chips &amp; &eacute; &#38; &#x26; &foo; 1 &lt; 2</a>");
  CHECK(repaired("<a href=\"http://x/?a=1&b=2&copy=3\"/>x") ==
        "<a href=\"http://x/?a=1&amp;b=2&amp;copy=3\"/>");
}

TEST_CASE("Attribute values are quoted, escaped and given once", "[feeds][xml][repair]") {
  CHECK(repaired("<a x=1 y='say \"hi\"' z=\"a<b\" x=2 checked/>") ==
        "<a x=\"1\" y=\"say &quot;hi&quot;\" z=\"a&lt;b\" checked=\"checked\"/>");
  // A closing quote missing before the next tag: the value ends with the tag (an
  // empty-element tag when it ends with "/>").
  CHECK(repaired("<a><l href=\"http://x/a>t</l></a>") == "<a><l href=\"http://x/a\">t</l></a>");
  CHECK(repaired("<a><l href=\"http://x/>t</a>") == "<a><l href=\"http://x\"/>t</a>");
}

TEST_CASE("An end tag closes what was opened after its element; a stray one is dropped",
          "[feeds][xml][repair]") {
  CHECK(repaired("<r><d><p>a<br></p></d></r>") == "<r><d><p>a<br></br></p></d></r>");
  CHECK(repaired("<r><t>x</t></nothing><u/></r>") == "<r><t>x</t><u/></r>");
  CHECK(repaired("<r><Title>x</TITLE></r>") == "<r><Title>x</Title></r>");
}

TEST_CASE("Comments, processing instructions, a plain DOCTYPE and text outside the root go",
          "[feeds][xml][repair]") {
  CHECK(repaired("junk<?xml version='1.0'?><!DOCTYPE rss><!-- c --><r>a<!-- d -->b</r>tail<x/>") ==
        "<r>ab</r>");
}

TEST_CASE("An unclosed CDATA section runs to the end of the document", "[feeds][xml][repair]") {
  CHECK(repaired("<r><d><![CDATA[<p>x & y") == "<r><d><![CDATA[<p>x & y]]></d></r>");
}

TEST_CASE("An entry or item cut short by the end of the document is dropped",
          "[feeds][xml][repair]") {
  CHECK(repaired("<rss><channel><item>1</item><item><title>ha") ==
        "<rss><channel><item>1</item></channel></rss>");
  CHECK(repaired("<feed><entry>1</entry><a:entry xmlns:a='x'>2") ==
        "<feed><entry>1</entry></feed>");
  CHECK(repaired("<rss><channel><title>t</title></channel></rss") ==
        "<rss><channel><title>t</title></channel></rss>");
}

TEST_CASE("NUL bytes are dropped", "[feeds][xml][repair]") {
  using namespace std::string_literals;
  CHECK(repaired("<r a=\"x\0y\">b\0c<![CDATA[d\0e]]></r>"s) == "<r a=\"xy\">bc<![CDATA[de]]></r>");
}

TEST_CASE("The recovery path keeps every limit of the strict one", "[feeds][xml][repair]") {
  CHECK(error_of("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x; &</r>") ==
        "xml: a DOCTYPE with an internal subset is refused (no entity declarations)");
  xml::Limits small{.max_depth = 3, .max_elements = 5};
  CHECK(error_of("<a><b><c><d>", small) == "xml: nested deeper than 3 elements");
  CHECK(error_of("<a><b/><b/><b/><b/><b/>&", small) == "xml: more than 5 elements");
  CHECK(error_of("just text & more") == "xml: no root element");
  // Escaping can grow a document, within a bound.
  CHECK(error_of("<a>" + std::string(200000, '&') + "</a>") ==
        "xml: the document needs too much repair");
}

TEST_CASE("Document::read repairs only what the strict parser refuses", "[feeds][xml][repair]") {
  auto fine = xml::Document::read("<r><t>x</t></r>", "");
  REQUIRE(fine.ok());
  CHECK((*fine)->recovery().empty());
  auto broken = xml::Document::read("<r><t>Fish & Chips</t></r", "");
  REQUIRE(broken.ok());
  CHECK((*broken)->root().child("", "t")->text() == "Fish & Chips");
  CHECK((*broken)->recovery().find("repair") != std::string::npos);
  std::string deep_text;
  for (int i = 0; i < 300; ++i) deep_text += "<a>";
  auto deep = xml::Document::read(deep_text + "&", "");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().message == "xml: nested deeper than 256 elements");
  auto limit = xml::Document::read("<r>" + std::string("<x>") + "</r>", "", {.max_depth = 1});
  REQUIRE_FALSE(limit.ok());
  CHECK(limit.error().message == "xml: nested deeper than 1 elements");
}
