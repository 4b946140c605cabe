// /network, readable on a phone and a desktop (docs/pages.md, "Network").
#include <catch2/catch.hpp>
#include <memory>

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
  LanguageTag en = lang("en");
  CHECK(pages::relative_time(now - seconds(20), now, en) == "just now");
  CHECK(pages::relative_time(now - minutes(1), now, en) == "1 minute ago");
  CHECK(pages::relative_time(now - minutes(3), now, en) == "3 minutes ago");
  CHECK(pages::relative_time(now - hours(1), now, en) == "1 hour ago");
  CHECK(pages::relative_time(now - hours(2), now, en) == "2 hours ago");
  CHECK(pages::relative_time(now - hours(24 * 5), now, en) == "5 days ago");
  CHECK(pages::relative_time(now + minutes(10), now, en) == "in 10 minutes");
  CHECK(pages::relative_time(now + hours(24), now, en) == "in 1 day");
  CHECK(pages::relative_time(now + seconds(5), now, en) == "in less than a minute");
}

TEST_CASE("Relative times are said in the page's language, with its plural forms",
          "[pages][network]") {
  TimePoint now = test_now();
  CHECK(pages::relative_time(now - minutes(3), now, lang("de")) == "vor 3 Minuten");
  CHECK(pages::relative_time(now - minutes(1), now, lang("de")) == "vor 1 Minute");
  CHECK(pages::relative_time(now + hours(2), now, lang("fr")) == "dans 2 heures");
  CHECK(pages::relative_time(now - hours(5), now, lang("pl")) == "5 godzin temu");
  CHECK(pages::relative_time(now - hours(3), now, lang("pl")) == "3 godziny temu");
  CHECK(pages::relative_time(now - hours(24 * 3), now, lang("cs")) == "před 3 dny");
  CHECK(pages::relative_time(now - seconds(5), now, lang("es")) == "ahora mismo");
  // A language without words of its own is said in English.
  CHECK(pages::relative_time(now - minutes(3), now, lang("ja")) == "3 minutes ago");
}

namespace {

// A node with one named peer that succeeded three minutes ago, an unnamed source that
// never ran, and an article from each.
std::unique_ptr<NodeFixture> network_node() {
  NodeSetup setup;
  setup.extra_toml =
      "[[peers]]\nid = \"sic-es\"\nname = \"Centro de Seguridad en Internet\"\n"
      "url = \"https://sic.example.es/feeds/atom\"\n";
  auto node = std::make_unique<NodeFixture>(setup);
  {
    auto cat = node->ctx().catalogue->lease().value();
    PeerRecord p;
    p.id = "sic-es";
    p.url = "https://sic.example.es/feeds/atom";
    p.added_at = test_now() - hours(48);
    REQUIRE(cat->peers().upsert(p).ok());
    p.last_attempt = p.last_success = test_now() - minutes(3);
    p.entries_received = 12;
    p.bytes_received = 1234567;
    REQUIRE(cat->peers().save_state(p).ok());
    PeerRecord source;
    source.id = "cms-lt";
    source.kind = PeerKind::kSource;
    source.url = "https://cms.example.lt/rss";
    REQUIRE(cat->peers().upsert(source).ok());
  }
  Article a = simple_article("tag:sic.example.es,2026:a/1", "Hola", test_now(), "es");
  a.origin = "sic-es";
  node->put(a);
  Article b = simple_article("tag:cms.example.lt,2026:a/1", "Labas", test_now(), "lt");
  b.origin = "cms-lt";
  node->put(b);
  return node;
}

}  // namespace

TEST_CASE("/network shows peers by name with relative times, one card each on a phone",
          "[pages][network]") {
  auto node = network_node();
  std::string html = node->get("/network").body;
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
  std::string css = node->get("/static/style.css").body;
  CHECK(has(css, ".network tr, .network th, .network td { display: block;"));
  CHECK(has(css, ".network td::before { content: attr(data-label);"));
}

TEST_CASE("Articles from a named peer show its name as their origin", "[pages][network]") {
  CHECK(has(network_node()->get("/").body,
            "<span class=\"origin\">Centro de Seguridad en Internet</span>"));
}

TEST_CASE("/network counts one peer and one source in the singular", "[pages][network]") {
  std::string html = network_node()->get("/network").body;
  CHECK(has(html, "<p class=\"summary\">1 peer, 1 source; ok: 1, new: 1 (as of <time"));
  CHECK_FALSE(has(html, "1 peers"));
}

TEST_CASE("/network?lang=de shows every word, time and lag in German", "[pages][network]") {
  auto node = network_node();
  std::string html = node->get("/network?lang=de").body;
  CHECK(has(html, "<html lang=\"de\""));
  CHECK(has(html, "<h1>Netzwerk</h1>"));
  CHECK(has(html, "1 Peer, 1 Quelle; ok: 1, neu: 1 (Stand: <time"));
  CHECK(has(html, "<caption>Peers und Quellen</caption>"));
  CHECK(has(html, "<th scope=\"col\">Peer</th><th scope=\"col\">Zustand</th>"));
  CHECK(has(html,
            "<td data-label=\"Letzter Erfolg\"><time datetime=\"2026-11-28T11:57:00Z\" "
            "title=\"2026-11-28T11:57:00Z\">vor 3 Minuten</time></td>"));
  CHECK(has(html, "<td data-label=\"Letzter Erfolg\">nie</td>"));  // the source never ran
  CHECK(has(html, "<td data-label=\"Rückstand\">3 min</td>"));
  CHECK(has(html, "<span class=\"kind\">Quelle</span>"));
  CHECK(has(html, "<caption>Artikel nach Herkunft</caption>"));
  for (const char* english : {">Network<", "minutes ago", ">never<", "Peers and sources",
                              "Articles by origin", "A sync round now", " peers"})
    CHECK_FALSE(has(html, english));
  node->clock().advance(hours(72));
  html = node->get("/network?lang=de").body;
  CHECK(has(html, "<td data-label=\"Rückstand\">3 Tage</td>"));
  CHECK(has(html, "title=\"2026-11-28T11:57:00Z\">vor 3 Tagen</time>"));
}

TEST_CASE("/network's articles by origin show each origin by name", "[pages][network]") {
  std::string html = network_node()->get("/network").body;
  CHECK(has(html,
            "<tr id=\"origin-sic-es\"><th scope=\"row\">Centro de Seguridad en Internet "
            "<span class=\"id\">sic-es</span></th><td>1</td></tr>"));
  CHECK(has(html, "<tr id=\"origin-cms-lt\"><th scope=\"row\">cms-lt</th><td>1</td></tr>"));
}

TEST_CASE("/network with a lang that is not a language tag is refused on an HTML page",
          "[pages][network]") {
  auto r = network_node()->get("/network?lang=%%%");
  CHECK(r.status == 400);
  CHECK(has(r.body, "<!DOCTYPE html>"));
}
