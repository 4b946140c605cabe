// /network, readable on a phone and a desktop (docs/pages.md, "Network").
#include <catch2/catch.hpp>

#include "node/catalogue/peers.h"
#include "node/pages/fragments.h"
#include "tests/node/pages/page_helpers.h"
#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_CASE("Relative times read as people say them", "[pages][network]") {
  TimePoint now = test_now();
  CHECK(pages::relative_time(now - seconds(20), now) == "just now");
  CHECK(pages::relative_time(now - minutes(1), now) == "1 minute ago");
  CHECK(pages::relative_time(now - minutes(3), now) == "3 minutes ago");
  CHECK(pages::relative_time(now - hours(2), now) == "2 hours ago");
  CHECK(pages::relative_time(now - hours(24 * 5), now) == "5 days ago");
  CHECK(pages::relative_time(now + minutes(10), now) == "in 10 minutes");
  CHECK(pages::relative_time(now + seconds(5), now) == "in less than a minute");
}

TEST_CASE("/network shows peers by name with relative times, one card each on a phone",
          "[pages][network]") {
  NodeSetup setup;
  setup.extra_toml =
      "[[peers]]\nid = \"sic-es\"\nname = \"Centro de Seguridad en Internet\"\n"
      "url = \"https://sic.example.es/feeds/atom\"\n";
  NodeFixture node(setup);
  {
    auto cat = node.ctx().catalogue->lease().value();
    PeerRecord p;
    p.id = "sic-es";
    p.url = "https://sic.example.es/feeds/atom";
    p.added_at = test_now() - hours(48);
    REQUIRE(cat->peers().upsert(p).ok());
    p.last_attempt = p.last_success = test_now() - minutes(3);
    p.entries_received = 12;
    p.bytes_received = 1234567;
    REQUIRE(cat->peers().save_state(p).ok());
  }
  std::string html = node.get("/network").body;
  CHECK(has(html,
            "<th scope=\"row\" data-label=\"Peer\"><span class=\"name\">Centro de "
            "Seguridad en Internet</span> <span class=\"id\">sic-es</span> <span "
            "class=\"kind\">peer</span></th>"));
  CHECK(has(html,
            "<td data-label=\"Last success\"><time datetime=\"2026-11-28T11:57:00Z\" "
            "title=\"2026-11-28T11:57:00Z\">3 minutes ago</time></td>"));
  CHECK(has(html, "<td data-label=\"Received\">1.2 MB</td>"));
  CHECK(has(html, "<th scope=\"col\">Peer</th><th scope=\"col\">Health</th>"));
  CHECK_FALSE(has(html, "<th scope=\"col\">Kind</th>"));  // under the name, in the card
  // The style sheet lays each peer out as a card, its cells labelled by data-label.
  std::string css = node.get("/static/style.css").body;
  CHECK(has(css, ".network tr, .network th, .network td { display: block;"));
  CHECK(has(css, ".network td::before { content: attr(data-label);"));
}

TEST_CASE("Articles from a named peer show its name as their origin", "[pages][network]") {
  NodeSetup setup;
  setup.extra_toml =
      "[[peers]]\nid = \"sic-es\"\nname = \"Centro de Seguridad en Internet\"\n"
      "url = \"https://sic.example.es/feeds/atom\"\n";
  NodeFixture node(setup);
  Article a = simple_article("tag:sic.example.es,2026:a/1", "Hola", test_now(), "es");
  a.origin = "sic-es";
  node.put(a);
  CHECK(has(node.get("/").body, "<span class=\"origin\">Centro de Seguridad en Internet</span>"));
}
