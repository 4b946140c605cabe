// Rounds against real HTTP peers on 127.0.0.1 (TestServer) and a real catalogue.
#include "sync/round/round.h"

#include <catch2/catch.hpp>

#include "tests/sync/round/round_support.h"

using namespace sic;
using namespace sic::test;
using sic::sync::PeerStatus;
using sic::testing::CatalogueDir;

TEST_CASE("A peer's feed is merged with its origins, and its validators are stored",
          "[sync][round]") {
  TestServer peer;
  Article own = article_of("sic-es", 1);
  Article relayed = article_of("sic-pt", 2);
  relayed.via = "sic-pt";
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {own, relayed}), "\"v1\""));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();

  auto report = round_of(*cat, *fetcher);
  const auto& es = report_for(report, "sic-es");
  CHECK(es.status == PeerStatus::kOk);
  CHECK(es.stats.added == 2);
  CHECK(es.documents == 1);
  CHECK(es.entries == 2);
  CHECK(report.all_ok());
  auto stored = cat->articles().find(relayed.id).value();
  REQUIRE(stored);
  CHECK(stored->article.origin == "sic-pt");
  CHECK(stored->article.via == "sic-es");
  CHECK(stored->content_hash == relayed.content_hash());
  PeerRecord state = peer_record(*cat, "sic-es");
  CHECK(state.etag == "\"v1\"");
  CHECK(state.last_success == dir.clock.now());
  CHECK(state.consecutive_failures == 0);
  CHECK(state.entries_received == 2);
  CHECK(state.bytes_received > 0);
  CHECK(state.backfilled);
}

TEST_CASE("A second round asks conditionally and a 304 changes nothing", "[sync][round]") {
  TestServer peer;
  peer.route("/feeds/atom",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 1)}), "\"v1\""));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  round_of(*cat, *fetcher);
  auto version = cat->version().value();

  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").status == PeerStatus::kNotModified);
  CHECK(peer.requests_to("/feeds/atom").at(1).header("If-None-Match") == "\"v1\"");
  CHECK(cat->version().value() == version);
  CHECK(peer_record(*cat, "sic-es").etag == "\"v1\"");
}

TEST_CASE("New validators are stored also when the body did not change", "[sync][round]") {
  TestServer peer;
  std::string body = atom_document("sic-es", {article_of("sic-es", 1)});
  peer.route("/feeds/atom", atom_reply(body, "\"v1\""));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  round_of(*cat, *fetcher);
  peer.route("/feeds/atom", atom_reply(body, "\"v2\""));
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").status == PeerStatus::kOk);
  CHECK(report_for(report, "sic-es").stats.unchanged == 1);
  CHECK(peer_record(*cat, "sic-es").etag == "\"v2\"");
}

TEST_CASE("Entries of a plain CMS feed get the peer's id as origin", "[sync][round]") {
  TestServer peer;
  Reply rss;
  rss.content_type = "application/rss+xml";
  rss.body = R"(<rss version="2.0"><channel><title>CMS</title><link>https://cms.example.ie/</link>
    <item><title>Helpline report</title><link>https://cms.example.ie/a/1</link>
    <pubDate>Tue, 06 Oct 2026 09:00:00 +0000</pubDate></item></channel></rss>)";
  peer.route("/rss", rss);
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-ie", peer.url("/rss"));
  auto fetcher = loopback_fetcher();
  round_of(*cat, *fetcher);
  auto stored = cat->articles().find(Iri::parse("https://cms.example.ie/a/1").value()).value();
  REQUIRE(stored);
  CHECK(stored->article.origin == "sic-ie");
  CHECK(stored->article.via == "sic-ie");
}

TEST_CASE("A new peer is backfilled by walking prev-archive, and only once", "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 5)},
                                                     {{url("/archive/2"), "prev-archive"}})));
  peer.route("/archive/2", atom_reply(atom_document("sic-es", {article_of("sic-es", 4)},
                                                    {{url("/archive/1"), "prev-archive"}})));
  peer.route("/archive/1", atom_reply(atom_document(
                               "sic-es", {article_of("sic-es", 2), article_of("sic-es", 3)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  const auto& es = report_for(report, "sic-es");
  CHECK(es.status == PeerStatus::kOk);
  CHECK(es.documents == 3);
  CHECK(es.stats.added == 4);
  CHECK(es.backfilled);
  CHECK(peer_record(*cat, "sic-es").backfilled);

  peer.route("/feeds/atom",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 6), article_of("sic-es", 5)},
                                      {{url("/archive/2"), "prev-archive"}})));
  report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").documents == 1);
  CHECK(peer.requests_to("/archive/2").size() == 1);
  CHECK(live_articles(*cat).size() == 5);
}

TEST_CASE("When every entry of a page is new the next page is read, until known ground",
          "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  PeerRecord p = peer_record(*cat, "sic-es");
  p.backfilled = true;
  REQUIRE(cat->peers().save_state(p).ok());
  REQUIRE(cat->articles().put(article_of("sic-es", 2)).ok());
  peer.route("/feeds/atom",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 6), article_of("sic-es", 5)},
                                      {{url("/page/2"), "next"}})));
  peer.route("/page/2",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 4), article_of("sic-es", 3)},
                                      {{url("/page/3"), "next"}})));
  peer.route("/page/3",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 2), article_of("sic-es", 1)},
                                      {{url("/page/4"), "next"}})));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  const auto& es = report_for(report, "sic-es");
  CHECK(es.documents == 3);
  CHECK(es.stats.added == 5);
  CHECK(peer.requests_to("/page/4").empty());
}

TEST_CASE("A walk cut short by the document limit continues in the next round", "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 4)},
                                                     {{url("/a/3"), "prev-archive"}}),
                                       "\"live\""));
  peer.route("/a/3", atom_reply(atom_document("sic-es", {article_of("sic-es", 3)},
                                              {{url("/a/2"), "prev-archive"}})));
  peer.route("/a/2", atom_reply(atom_document("sic-es", {article_of("sic-es", 2)},
                                              {{url("/a/1"), "prev-archive"}})));
  peer.route("/a/1", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto settings = hub_settings();
  settings.max_documents_per_peer = 2;
  auto fetcher = loopback_fetcher();

  auto first = round_of(*cat, *fetcher, settings);
  CHECK(report_for(first, "sic-es").documents == 2);
  CHECK(report_for(first, "sic-es").pending == 1);
  CHECK(!report_for(first, "sic-es").backfilled);
  CHECK(peer_record(*cat, "sic-es").pending_urls == std::vector<std::string>{url("/a/2")});
  CHECK(live_articles(*cat).size() == 2);

  auto second = round_of(*cat, *fetcher, settings);
  const auto& es = report_for(second, "sic-es");
  CHECK(es.status == PeerStatus::kOk);  // the live document is 304, the walk went on
  CHECK(es.documents == 2);
  CHECK(es.backfilled);
  CHECK(peer_record(*cat, "sic-es").pending_urls.empty());
  CHECK(live_articles(*cat).size() == 4);
}

TEST_CASE("A follow-up page that fails keeps what was read and is read again next round",
          "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 2)},
                                                     {{url("/a/1"), "prev-archive"}})));
  Reply broken;
  broken.status = 500;
  peer.route("/a/1", broken);
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  const auto& es = report_for(report, "sic-es");
  CHECK(es.status == PeerStatus::kFailed);
  CHECK(es.error == url("/a/1") + ": server answered 500 Internal Server Error");
  CHECK(es.stats.added == 1);
  PeerRecord state = peer_record(*cat, "sic-es");
  CHECK(state.pending_urls == std::vector<std::string>{url("/a/1")});
  CHECK(state.consecutive_failures == 1);

  peer.route("/a/1", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)})));
  sync::RoundOptions now;
  now.ignore_backoff = true;
  report = round_of(*cat, *fetcher, hub_settings(), now);
  CHECK(report_for(report, "sic-es").status == PeerStatus::kOk);
  CHECK(live_articles(*cat).size() == 2);
  CHECK(peer_record(*cat, "sic-es").backfilled);
}

TEST_CASE("Tombstones in a peer's feed delete the articles", "[sync][round]") {
  TestServer peer;
  Article a = article_of("sic-es", 1);
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {a})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  round_of(*cat, *fetcher);
  peer.route("/feeds/atom",
             atom_reply(atom_document(
                 "sic-es", {}, {}, {{a.id, "sic-es", a.updated + std::chrono::seconds(5), ""}})));
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").stats.deleted == 1);
  auto stored = cat->articles().find(a.id).value();
  REQUIRE(stored);
  CHECK(stored->deleted == a.updated + std::chrono::seconds(5));
  CHECK(stored->article.via == "sic-es");
}

TEST_CASE("A peer that sends back this node's own articles cannot change them", "[sync][round]") {
  TestServer peer;
  Article mine = article_of("sic-hub", 1);
  CatalogueDir dir;
  auto cat = dir.open();
  REQUIRE(cat->articles().put(mine).ok());
  Article changed = mine;
  changed.title = "Changed by a peer";
  changed.updated += std::chrono::seconds(60);
  peer.route("/feeds/atom", atom_reply(atom_document(
                                "sic-es", {changed}, {},
                                {{article_of("sic-hub", 2).id, "sic-hub", from_unix(kT), ""}})));
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  const auto& es = report_for(report, "sic-es");
  CHECK(es.stats.refused == 2);
  CHECK(es.status == PeerStatus::kOk);
  CHECK(cat->articles().find(mine.id).value()->article.title == mine.title);
  CHECK(!cat->articles().find(article_of("sic-hub", 2).id).value());
}

TEST_CASE("Sources are imported as the node's own articles", "[sync][round][import]") {
  TestServer cms;
  Article post = article_of("whatever", 1);
  post.origin.clear();
  cms.route("/feed", atom_reply(atom_document("cms", {post})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "cms", cms.url("/feed"), PeerKind::kSource);
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "cms").stats.added == 1);
  auto stored = cat->articles().find(post.id).value();
  REQUIRE(stored);
  CHECK(stored->article.origin == "sic-hub");
  CHECK(stored->article.via.empty());
}

TEST_CASE("Only the chosen peers take part", "[sync][round]") {
  TestServer peer;
  peer.route("/a", atom_reply(atom_document("sic-a", {article_of("sic-a", 1)})));
  peer.route("/b", atom_reply(atom_document("sic-b", {article_of("sic-b", 1)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-a", peer.url("/a"));
  add_peer(*cat, "sic-b", peer.url("/b"));
  auto fetcher = loopback_fetcher();
  sync::RoundOptions only_b;
  only_b.only = {"sic-b"};
  auto report = round_of(*cat, *fetcher, hub_settings(), only_b);
  REQUIRE(report.peers.size() == 1);
  CHECK(report.peers[0].peer == "sic-b");
  CHECK(peer.requests_to("/a").empty());
}

TEST_CASE("A cancelled round applies nothing and records nothing", "[sync][round]") {
  TestServer peer;
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  sync::RoundOptions cancelled;
  cancelled.cancelled = [] { return true; };
  auto report = round_of(*cat, *fetcher, hub_settings(), cancelled);
  CHECK(report.peers.empty());
  CHECK(live_articles(*cat).empty());
  CHECK(!peer_record(*cat, "sic-es").last_attempt);
}

TEST_CASE("A new peer with both paging and archives is backfilled through the archives only",
          "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document(
                                "sic-es", {article_of("sic-es", 3)},
                                {{url("/page/2"), "next"}, {url("/archive/1"), "prev-archive"}})));
  peer.route("/page/2", atom_reply(atom_document("sic-es", {article_of("sic-es", 2)})));
  peer.route("/archive/1",
             atom_reply(atom_document("sic-es", {article_of("sic-es", 3), article_of("sic-es", 2),
                                                 article_of("sic-es", 1)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").documents == 2);
  CHECK(peer.requests_to("/page/2").empty());
  CHECK(live_articles(*cat).size() == 3);
}

TEST_CASE("A new peer whose feed is only paged is backfilled along next to the end",
          "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 3)},
                                                     {{url("/page/2"), "next"}})));
  peer.route("/page/2", atom_reply(atom_document("sic-es", {article_of("sic-es", 2)},
                                                 {{url("/page/3"), "next"}})));
  peer.route("/page/3", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  REQUIRE(cat->articles().put(article_of("sic-es", 2)).ok());  // known ground does not stop it
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").documents == 3);
  CHECK(report_for(report, "sic-es").backfilled);
  CHECK(live_articles(*cat).size() == 3);
}

TEST_CASE("A page linking back to itself or to a page already read does not loop",
          "[sync][round]") {
  TestServer peer;
  auto url = [&](const char* path) { return peer.url(path); };
  peer.route("/feeds/atom", atom_reply(atom_document("sic-es", {article_of("sic-es", 2)},
                                                     {{url("/a/1"), "prev-archive"}})));
  peer.route("/a/1", atom_reply(atom_document("sic-es", {article_of("sic-es", 1)},
                                              {{url("/feeds/atom"), "prev-archive"}})));
  CatalogueDir dir;
  auto cat = dir.open();
  add_peer(*cat, "sic-es", peer.url("/feeds/atom"));
  auto fetcher = loopback_fetcher();
  auto report = round_of(*cat, *fetcher);
  CHECK(report_for(report, "sic-es").documents == 2);
  CHECK(peer.requests_to("/feeds/atom").size() == 1);
  CHECK(report_for(report, "sic-es").backfilled);
}
