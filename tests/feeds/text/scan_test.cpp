// The SIMD scans (feeds/text/scan.h) against plain loops, at every length and start
// around the sixteen-byte blocks and their overlapping last load.
#include "feeds/text/scan.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "feeds/text/entities.h"
#include "feeds/text/utf8.h"

using namespace sic::text;

namespace {

// The first byte at or after i that pred holds for, or s.size(): the reference.
template <class Pred>
size_t naive(std::string_view s, size_t i, Pred pred) {
  while (i < s.size() && !pred(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// Strings of every length up to 70 drawn from a few bytes, so that hits fall in the
// blocks, in the tail and nowhere; fixed seed.
std::vector<std::string> samples() {
  std::mt19937 rng(20261128);
  const std::string alphabet = "aaaaaaaaaa<>\"'&\t\x01\x80\xC3";
  std::vector<std::string> out;
  for (size_t len = 0; len <= 70; ++len)
    for (int k = 0; k < 12; ++k) {
      std::string s;
      for (size_t j = 0; j < len; ++j) {
        bool sparse = k < 6;  // half of them mostly plain, so the tail matters
        s += sparse && rng() % 8 != 0 ? 'a' : alphabet[rng() % alphabet.size()];
      }
      out.push_back(s);
    }
  return out;
}

}  // namespace

TEST_CASE("find_any finds what a byte loop finds, from every start", "[feeds][text][scan]") {
  for (const std::string& s : samples()) {
    for (size_t i = 0; i <= s.size(); ++i) {
      INFO("s.size() " << s.size() << ", start " << i);
      REQUIRE(find_any<'<'>(s, i) == naive(s, i, [](unsigned char c) { return c == '<'; }));
      REQUIRE((find_any<'>', '"', '\''>(s, i)) ==
              naive(s, i, [](unsigned char c) { return c == '>' || c == '"' || c == '\''; }));
      REQUIRE(find_non_ascii(s, i) == naive(s, i, [](unsigned char c) { return c >= 0x80; }));
      REQUIRE(find_reference_or_control(s, i) == naive(s, i, is_reference_or_control));
    }
  }
}

TEST_CASE("&lt; and &gt; are decoded wherever they fall, a cut one is kept",
          "[feeds][text][scan]") {
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string a(pad, 'x');
    CHECK(decode_references(a + "&lt;p&gt;", RefMode::kXml) == a + "<p>");
    CHECK(decode_references(a + "&gt;", RefMode::kXml) == a + ">");
    CHECK(decode_references(a + "&lt", RefMode::kXml) == a + "&lt");
    CHECK(decode_references(a + "&l", RefMode::kXml) == a + "&l");
    CHECK(decode_references(a + "&lta;", RefMode::kXml) == a + "&lta;");
  }
}

TEST_CASE("Two-byte UTF-8 is valid only whole, at the end of a string too", "[feeds][text][scan]") {
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string a(pad, 'x');
    CHECK(is_valid_utf8(a + "\xC3\xA9"));
    CHECK(!is_valid_utf8(a + "\xC3"));
    CHECK(!is_valid_utf8(a + "\xC3" + "a"));
    CHECK(!is_valid_utf8(a + "\xC0\xAF"));  // an overlong '/'
    CHECK(!is_valid_utf8(a + "\xC1\xBF"));
  }
}
