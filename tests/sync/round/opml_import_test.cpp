#include "sync/round/opml_import.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "tests/support/catalogue_dir.h"

using namespace sic;
using sic::sync::import_opml_peers;
using sic::testing::CatalogueDir;

namespace {

std::string freshrss() {
  std::ifstream in(std::string(SIC_SOURCE_DIR) + "/tests/data/opml/freshrss-subscriptions.opml",
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string opml(const std::string& outlines) {
  return "<opml version=\"2.0\"><head/><body>\n" + outlines + "</body></opml>";
}

std::string id_for(const std::string& title, const std::string& url,
                   const std::vector<std::string>& taken = {}) {
  return sync::opml_peer_id(title, parse_http_url(url).value(), taken);
}

}  // namespace

TEST_CASE("Every feed of a feed reader's export becomes a peer, once", "[sync][opml]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->peers()
              .upsert({.id = "sic-pt",
                       .url = "https://www.internetsegura.pt/feed/?lang=pt&format=rss2"})
              .ok());
  auto first = import_opml_peers(*cat, freshrss(), "sic-hub");
  REQUIRE(first.ok());
  CHECK(first->feeds == 30);
  CHECK(first->added.size() == 29);
  CHECK(first->present == std::vector<std::string>{"sic-pt"});
  auto peers = cat->peers().list().value();
  REQUIRE(peers.size() == 30);
  auto find = [&](const std::string& id) {
    for (const auto& p : peers)
      if (p.id == id) return p.url;
    return std::string("(none)");
  };
  CHECK(find("saferinternet-at") == "https://www.saferinternet.at/feed/?lang=at&format=rss2");
  CHECK(find("saferinternet4kids-gr") != "(none)");
  CHECK(find("bik") == "https://www.betterinternetforkids.eu/feeds/atom");
  CHECK(find("inhope-org") == "https://www.inhope.org/EN/news/rss");
  CHECK(find("inhope-org-en-articles-rss") == "https://www.inhope.org/EN/articles/rss");
  CHECK(find("betterinternetforkids-eu") ==
        "https://www.betterinternetforkids.eu/youth/feeds/atom");
  CHECK(find("enisa-europa-eu") == "https://www.enisa.europa.eu/news/rss");
  for (const auto& p : peers) CHECK_FALSE(p.from_config);

  std::int64_t version = cat->version().value();
  auto again = import_opml_peers(*cat, freshrss(), "sic-hub");
  REQUIRE(again.ok());
  CHECK(again->added.empty());
  CHECK(again->present.size() == 30);
  CHECK(cat->version().value() == version);
  CHECK(cat->peers().list().value().size() == 30);
}

TEST_CASE("A malformed list or a bad feed URL changes nothing", "[sync][opml]") {
  CatalogueDir d;
  auto cat = d.open();
  std::string truncated = freshrss().substr(0, 3000);
  auto broken = import_opml_peers(*cat, truncated, "sic-hub");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message.rfind("opml: xml: ", 0) == 0);
  auto bad_url = import_opml_peers(*cat,
                                   opml("<outline text=\"a\" xmlUrl=\"https://a.example/rss\"/>\n"
                                        "<outline text=\"b\" xmlUrl=\"feed://b.example/rss\"/>\n"),
                                   "sic-hub");
  REQUIRE_FALSE(bad_url.ok());
  CHECK(bad_url.error().message.rfind(
            "opml: line 3: \"feed://b.example/rss\" is not an http(s) URL: ", 0) == 0);
  CHECK(cat->peers().list().value().empty());
}

TEST_CASE("A feed listed twice in the list is added once", "[sync][opml]") {
  CatalogueDir d;
  auto cat = d.open();
  auto r = import_opml_peers(*cat,
                             opml("<outline text=\"A\"><outline xmlUrl=\"https://a.example/rss\"/>"
                                  "</outline><outline text=\"B\"><outline "
                                  "xmlUrl=\"HTTPS://A.EXAMPLE/rss\"/></outline>\n"),
                             "sic-hub");
  REQUIRE(r.ok());
  CHECK(r->added.size() == 1);
  CHECK(r->repeated == 1);
}

TEST_CASE("Peer ids come from a title that is a node id, else from the feed's host and path",
          "[sync][opml]") {
  CHECK(id_for("sic-es", "https://sic.example.es/feeds/atom") == "sic-es");
  CHECK(id_for("Spanish Centre", "https://www.sic.example.es/feeds/atom") == "sic-example-es");
  CHECK(id_for("sic-es", "https://sic.example.es/feeds/atom", {"sic-es"}) == "sic-example-es");
  CHECK(id_for("", "http://[2001:db8::1]:8080/rss") == "2001-db8-1");
  CHECK(id_for("", "https://sic.example.es/feeds/json?lang=en", {"sic-example-es"}) ==
        "sic-example-es-feeds-json-lang-en");
  CHECK(id_for("", "https://a.example/rss", {"a-example", "a-example-rss"}) == "a-example-rss-2");
  CHECK(id_for("", "https://a.example/rss", {"a-example", "a-example-rss", "a-example-rss-2"}) ==
        "a-example-rss-3");
  std::string long_host(80, 'x');
  std::string id = id_for("", "https://" + long_host + ".example/a", {std::string(64, 'x')});
  CHECK(id.size() <= 64);
  CHECK(id != std::string(64, 'x'));
}
