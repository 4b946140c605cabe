#include "node/catalogue/peers.h"

#include <catch2/catch.hpp>

#include "tests/support/catalogue_dir.h"

using namespace sic;
using sic::testing::CatalogueDir;

TEST_CASE("Peers keep their fetch state until their URL changes", "[catalogue][peers]") {
  CatalogueDir d;
  auto cat = d.open();
  PeerRecord p;
  p.id = "bik";
  p.url = "https://bik.example.eu/feeds/atom";
  REQUIRE(cat->peers().upsert(p).ok());
  p.etag = "\"v1\"";
  p.consecutive_failures = 2;
  p.last_success = from_unix(1795881845);
  REQUIRE(cat->peers().save_state(p).ok());
  REQUIRE(cat->peers().upsert(p).ok());
  CHECK(cat->peers().find("bik").value()->etag == "\"v1\"");
  p.url = "https://bik.example.eu/feeds/json";
  REQUIRE(cat->peers().upsert(p).ok());
  auto found = cat->peers().find("bik").value();
  CHECK(found->etag.empty());
  CHECK(found->consecutive_failures == 2);
  CHECK(found->last_success == from_unix(1795881845));
}

TEST_CASE("Peers are listed by kind and removed by id", "[catalogue][peers]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->peers().upsert({.id = "a", .url = "https://a.eu/"}).ok());
  REQUIRE(
      cat->peers().upsert({.id = "cms", .url = "https://b.eu/", .kind = PeerKind::kSource}).ok());
  CHECK(cat->peers().list().value().size() == 2);
  CHECK(cat->peers().list(PeerKind::kSource).value().at(0).id == "cms");
  REQUIRE(cat->peers().remove("a").ok());
  CHECK_FALSE(cat->peers().remove("a").ok());
  CHECK_FALSE(cat->peers().save_state({.id = "a"}).ok());
}

TEST_CASE("A peer's pending walk is kept in order and dropped when its URL changes",
          "[catalogue][peers]") {
  CatalogueDir d;
  auto cat = d.open();
  PeerRecord p{.id = "bik", .url = "https://bik.example.eu/feeds/atom"};
  REQUIRE(cat->peers().upsert(p).ok());
  p.pending_urls = {"https://bik.example.eu/archive/2", "https://bik.example.eu/archive/1"};
  p.backfilled = false;
  REQUIRE(cat->peers().save_state(p).ok());
  CHECK(cat->peers().find("bik").value()->pending_urls == p.pending_urls);
  p.url = "https://bik.example.eu/feeds/json";
  REQUIRE(cat->peers().upsert(p).ok());
  CHECK(cat->peers().find("bik").value()->pending_urls.empty());
}
