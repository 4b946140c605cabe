#include "feeds/model/iri.h"

#include <catch2/catch.hpp>

using namespace sic;

TEST_CASE("Absolute IRIs are accepted, relative ones refused", "[model][iri]") {
  CHECK(Iri::parse("tag:sic.example.pt,2026:a/12").ok());
  CHECK(Iri::parse("https://example.eu/news/ação").ok());
  CHECK(Iri::parse("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a").ok());
  CHECK(Iri::parse("TAG:x")->scheme() == "tag");
  for (const char* bad : {"", "/relative/path", "no-scheme", "1http://x", "http:", "tag:a b",
                          "tag:a<b>", "tag:\x01"}) {
    INFO(bad);
    CHECK_FALSE(Iri::parse(bad).ok());
  }
}

TEST_CASE("HTTP URLs are split into scheme, host, port and path", "[model][url]") {
  auto u = parse_http_url("HTTPS://Sic.Example.PT:8443/feeds/atom?lang=pt#top");
  REQUIRE(u.ok());
  CHECK(u->scheme == "https");
  CHECK(u->host == "sic.example.pt");
  CHECK(u->port == 8443);
  CHECK(u->path == "/feeds/atom?lang=pt");
  CHECK(u->origin() == "https://sic.example.pt:8443");
  CHECK(parse_http_url("http://[::1]:8080")->host == "[::1]");
  CHECK(parse_http_url("http://127.0.0.1")->str() == "http://127.0.0.1/");
}

TEST_CASE("Bad URLs name the problem", "[model][url]") {
  CHECK(parse_http_url("ftp://x.eu/").error().message.find("scheme") != std::string::npos);
  CHECK(parse_http_url("https:///x").error().message.find("no host") != std::string::npos);
  CHECK(parse_http_url("http://x.eu:99999/").error().message.find("port") != std::string::npos);
  CHECK(parse_http_url("http://user:pw@x.eu/").error().message.find("user") != std::string::npos);
  CHECK_FALSE(parse_http_url("http://x.eu/a b").ok());
  CHECK_FALSE(parse_http_url("x.eu/feed").ok());
}

TEST_CASE("Percent encoding round-trips every byte", "[model][url]") {
  std::string all;
  for (int c = 0; c < 256; ++c) all += char(c);
  auto encoded = percent_encode(all);
  CHECK(encoded.find_first_of(":/?#%") == encoded.find('%'));
  CHECK(percent_decode(encoded).value() == all);
  CHECK(percent_encode("tag:x.eu,2026:a/1") == "tag%3Ax.eu%2C2026%3Aa%2F1");
  CHECK_FALSE(percent_decode("%G1").ok());
  CHECK_FALSE(percent_decode("abc%2").ok());
}
