#include "feeds/text/uri.h"

#include <catch2/catch.hpp>

using namespace sic::text;

namespace {
std::string resolved(std::string_view base, std::string_view ref) {
  return resolve_uri(base, ref).value_or("none");
}
}  // namespace

TEST_CASE("References resolve as RFC 3986 section 5.4 says", "[feeds][uri]") {
  const char* base = "http://a/b/c/d;p?q";
  CHECK(resolved(base, "g") == "http://a/b/c/g");
  CHECK(resolved(base, "./g") == "http://a/b/c/g");
  CHECK(resolved(base, "g/") == "http://a/b/c/g/");
  CHECK(resolved(base, "/g") == "http://a/g");
  CHECK(resolved(base, "//g") == "http://g");
  CHECK(resolved(base, "?y") == "http://a/b/c/d;p?y");
  CHECK(resolved(base, "g?y") == "http://a/b/c/g?y");
  CHECK(resolved(base, "#s") == "http://a/b/c/d;p?q#s");
  CHECK(resolved(base, "") == "http://a/b/c/d;p?q");
  CHECK(resolved(base, "..") == "http://a/b/");
  CHECK(resolved(base, "../g") == "http://a/b/g");
  CHECK(resolved(base, "../../../g") == "http://a/g");
  CHECK(resolved(base, "g;x=1/../y") == "http://a/b/c/y");
  CHECK(resolved(base, "https:g") == "https:g");
}

TEST_CASE("Absolute references are kept, with dot segments removed", "[feeds][uri]") {
  CHECK(resolved("", "https://x.eu/a/./b/../c") == "https://x.eu/a/c");
  CHECK(resolved("", "tag:sic.example.pt,2026:a/1") == "tag:sic.example.pt,2026:a/1");
  CHECK(resolved("", "HTTPS://x.eu/") == "https://x.eu/");
}

TEST_CASE("Relative references without a base cannot be resolved", "[feeds][uri]") {
  CHECK(resolved("", "/a") == "none");
  CHECK(resolved("not a base", "a") == "none");
}

TEST_CASE("White space and characters an IRI cannot hold are cleaned", "[feeds][uri]") {
  CHECK(resolved("", "  https://x.eu/a b  ") == "https://x.eu/a%20b");
  CHECK(resolved("", "https://x.eu/\t\na") == "https://x.eu/a");
  CHECK(resolved("", "https://x.eu/<\"x\">") == "https://x.eu/%3C%22x%22%3E");
}

TEST_CASE("Resolution is stable", "[feeds][uri]") {
  for (const char* ref : {"../a b/./c?d#e", "//h/x/../y", "g", "https://x.eu/%20/../a"}) {
    std::string once = resolved("http://a/b/c/d;p?q", ref);
    CHECK(resolved("http://other/", once) == once);
  }
}

TEST_CASE("The scheme of a reference is found as browsers find it", "[feeds][uri]") {
  CHECK(uri_scheme("JavaScript:alert(1)") == "javascript");
  CHECK(uri_scheme(" \tjava\tscript:alert(1)") == "javascript");
  CHECK(uri_scheme("java\nscript:x") == "javascript");
  CHECK(uri_scheme("/a:b") == "");
  CHECK(uri_scheme("a/b:c") == "");
}
