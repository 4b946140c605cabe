#include <catch2/catch.hpp>

#include "feeds/feeds.h"

using namespace sic;

TEST_CASE("Plain text keeps one space between words and no controls", "[feeds][text]") {
  CHECK(canonical_text("  a \t\n b\r\n c  ") == "a b c");
  CHECK(canonical_text("a\x01"
                       "b\x7f"
                       "c\xc2\x85"
                       "d") == "abcd");
  CHECK(canonical_text("x\xef\xbf\xbey") == "xy");
  CHECK(canonical_text("caf\xe9") == "caf\uFFFD");
  CHECK(canonical_text("") == "");
}

TEST_CASE("Plain text keeps right-to-left text, emoji and combining marks", "[feeds][text]") {
  std::string s = "\u05E9\u05DC\u05D5\u05DD \U0001F600 e\u0301 \u00A0x";
  CHECK(canonical_text(s) == s);
}

TEST_CASE("canonical_text is idempotent", "[feeds][text]") {
  for (std::string s : {"  a  b ", "\x01\x02", "\xff\xfe a", "a\u00A0 b"})
    CHECK(canonical_text(canonical_text(s)) == canonical_text(s));
}

TEST_CASE("HTML becomes text with entities decoded and blocks separated", "[feeds][text]") {
  CHECK(html_to_text("<p>One &amp; <b>two</b></p><p>three</p>") == "One & two three");
  CHECK(html_to_text("a<br>b") == "a b");
  CHECK(html_to_text("a<script>alert(1)</script>b<style>p{}</style>") == "ab");
  CHECK(html_to_text("&lt;not a tag&gt;") == "<not a tag>");
  CHECK(html_to_text("Tom & Jerry") == "Tom & Jerry");
}
