// What the round and scheduler tests share: peers' documents made with write_feed,
// a catalogue with peers, the real fetcher on loopback.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/peers.h"
#include "sync/http_client/http_client.h"
#include "sync/round/round.h"
#include "tests/support/catalogue_dir.h"
#include "tests/support/test_server.h"
#include "tests/sync/trust_support.h"

namespace sic::test {

constexpr std::int64_t kT = 1795881845;

// An article of `origin`, numbered n, updated at kT + n unless given.
inline Article article_of(const std::string& origin, int n, std::int64_t updated = 0) {
  Article a =
      sic::testing::make_article(origin + "-" + std::to_string(n), updated ? updated : kT + n);
  a.origin = origin;
  a.link = "https://" + origin + ".example.eu/news/" + std::to_string(n);
  return a;
}

// A sicnode-like Atom document of node `node` with these entries and header links
// ({rel, href}); entries and tombstones that name an origin are signed by it
// (trust_support.h).
inline std::string atom_document(const std::string& node, const std::vector<Article>& articles,
                                 const std::vector<FeedLink>& links = {},
                                 const std::vector<Tombstone>& tombstones = {}) {
  Feed feed;
  feed.id = "https://" + node + ".example.eu/feeds/atom";
  feed.title = "Node " + node;
  feed.node = node;
  feed.lang = LanguageTag::parse("en").value();
  feed.updated = from_unix(kT + 1000);
  feed.links = links;
  feed.articles = articles;
  feed.tombstones = tombstones;
  sign_by_origins(feed.articles, feed.tombstones);
  return write_feed(FeedFormat::kAtom, feed);
}

inline Reply atom_reply(std::string body, std::string etag = "") {
  Reply r;
  r.body = std::move(body);
  r.content_type = "application/atom+xml; charset=utf-8";
  r.etag = std::move(etag);
  return r;
}

inline fetch::Limits loopback_limits(int timeout_seconds = 10) {
  fetch::Limits limits;
  limits.allow_private_addresses = true;
  limits.connect_timeout = std::chrono::seconds(2);
  limits.total_timeout = std::chrono::seconds(timeout_seconds);
  return limits;
}

inline std::unique_ptr<fetch::Fetcher> loopback_fetcher(int timeout_seconds = 10) {
  return fetch::make_curl_fetcher(loopback_limits(timeout_seconds), "sicnode-tests");
}

// Adds the peer, and pins the test origins' keys (trust_support.h).
inline void add_peer(Catalogue& cat, const std::string& id, const std::string& url,
                     PeerKind kind = PeerKind::kPeer) {
  trust_test_origins(cat);
  PeerRecord p;
  p.id = id;
  p.url = url;
  p.kind = kind;
  REQUIRE(cat.peers().upsert(p).ok());
}

inline PeerRecord peer_record(Catalogue& cat, const std::string& id) {
  auto p = cat.peers().find(id);
  REQUIRE(p.ok());
  REQUIRE(p->has_value());
  return **p;
}

inline sync::SyncSettings hub_settings() {
  sync::SyncSettings s;
  s.node_id = "sic-hub";
  s.walk_budget = std::chrono::seconds(20);
  s.default_lang = LanguageTag::parse("en").value();
  return s;
}

inline fetch::UnitRandom half() {
  return [] { return 0.5; };
}

inline sync::RoundReport round_of(Catalogue& cat, fetch::Fetcher& fetcher,
                                  const sync::SyncSettings& settings = hub_settings(),
                                  const sync::RoundOptions& options = {}) {
  auto report = sync::run_round(cat, fetcher, settings, options, half());
  REQUIRE(report.ok());
  return *report;
}

inline const sync::PeerReport& report_for(const sync::RoundReport& r, const std::string& peer) {
  for (const auto& p : r.peers)
    if (p.peer == peer) return p;
  FAIL("no report for " << peer);
  return r.peers.front();
}

inline std::vector<StoredArticle> live_articles(Catalogue& cat) {
  ArticleQuery q;
  q.limit = 100000;
  return cat.articles().list(q).value();
}

}  // namespace sic::test
