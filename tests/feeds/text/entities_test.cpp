#include "feeds/text/entities.h"

#include <catch2/catch.hpp>

using namespace sic::text;

TEST_CASE("The five XML entities and numeric references are decoded", "[feeds][entities]") {
  CHECK(decode_references("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;", RefMode::kXml) ==
        "<a> & \"b\" 'c'");
  CHECK(decode_references("&#233;&#xE9;&#XE9;", RefMode::kXml) == "ééé");
  CHECK(decode_references("&#x1F600;", RefMode::kXml) == "\xF0\x9F\x98\x80");
}

TEST_CASE("HTML named entities common in RSS are decoded", "[feeds][entities]") {
  CHECK(decode_references("caf&eacute;&nbsp;&copy;&hellip;&euro;", RefMode::kXml) ==
        "café\u00A0©…€");
  CHECK(named_entity("Eacute") == U'\u00C9');
  CHECK(!named_entity("eAcute"));
}

TEST_CASE("An ampersand that starts no reference is kept", "[feeds][entities]") {
  CHECK(decode_references("Tom & Jerry", RefMode::kXml) == "Tom & Jerry");
  CHECK(decode_references("AT&T &unknown; &#;", RefMode::kXml) == "AT&T &unknown; &#;");
  CHECK(decode_references("&amp", RefMode::kXml) == "&amp");
}

TEST_CASE("Bad numeric references become U+FFFD and controls are dropped", "[feeds][entities]") {
  CHECK(decode_references("a&#0;b", RefMode::kXml) == "a\uFFFDb");
  CHECK(decode_references("&#xD800;", RefMode::kXml) == "\uFFFD");
  CHECK(decode_references("&#x110000;&#99999999999;", RefMode::kXml) == "\uFFFD\uFFFD");
  CHECK(decode_references("a&#1;b\x02"
                          "c&#9;d",
                          RefMode::kXml) ==
        "ab"
        "c\td");
}

TEST_CASE("HTML references may lack the semicolon and map C1 to windows-1252",
          "[feeds][entities]") {
  CHECK(decode_references("&#233x", RefMode::kHtml) == "éx");
  CHECK(decode_references("&#233x", RefMode::kXml) == "&#233x");
  CHECK(decode_references("&#150;&#x80;", RefMode::kHtml) == "–€");
}
