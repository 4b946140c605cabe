#include "node/app/federation.h"

#include "node/catalogue/held.h"
#include "node/catalogue/peer_health.h"
#include "sync/round/peers.h"
#include "sync/trust/keys.h"

namespace sic::federation {
namespace {

metrics::Labels peer_labels(const PeerRecord& p) {
  return {{"peer", p.id}, {"kind", p.kind == PeerKind::kSource ? "source" : "peer"}};
}

// name, help: the per-peer gauges set by the collector.
constexpr const char* kPeerGauges[][2] = {
    {"sicnode_peer_up", "1 when the last attempt to read the peer succeeded, else 0."},
    {"sicnode_peer_last_success_timestamp_seconds",
     "Unix time of the last successful read of the peer (0: never)."},
    {"sicnode_peer_consecutive_failures", "Failed attempts since the last success."},
    {"sicnode_peer_lag_seconds",
     "Seconds since the last successful read (since the peer was added when never)."},
    {"sicnode_peer_pending_documents", "Documents of an unfinished walk left for the next round."},
    {"sicnode_peer_bad_signatures",
     "Entries from the peer refused for their signatures (forgeries, revoked keys...), ever."},
    {"sicnode_peer_held_entries", "Entries from the peer held until their signer's key is known."},
};
// The per-peer counters set by the collector from the totals the catalogue keeps (they
// start again from 0 when a peer is removed and added again).
constexpr const char* kPeerCounters[][2] = {
    {"sicnode_peer_entries_received_total", "Entries and tombstones read from the peer."},
    {"sicnode_peer_received_bytes_total", "Bytes received from the peer on the wire."},
};

void collect_peers(NodeContext& ctx, metrics::Registry& reg) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return;
  auto peers = (*cat)->peers().list();
  if (!peers.ok()) return;
  for (const auto& gauge : kPeerGauges) reg.clear(gauge[0]);
  for (const auto& counter : kPeerCounters) reg.clear(counter[0]);
  TimePoint now = ctx.clock->now();
  for (const auto& p : *peers) {
    auto labels = peer_labels(p);
    bool up = p.last_attempt && p.consecutive_failures == 0;
    reg.set("sicnode_peer_up", labels, up ? 1 : 0);
    reg.set("sicnode_peer_last_success_timestamp_seconds", labels,
            p.last_success ? double(to_unix(*p.last_success)) : 0);
    reg.set("sicnode_peer_consecutive_failures", labels, double(p.consecutive_failures));
    reg.set("sicnode_peer_lag_seconds", labels, double(lag_of(p, now).count()));
    reg.set("sicnode_peer_entries_received_total", labels, double(p.entries_received));
    reg.set("sicnode_peer_received_bytes_total", labels, double(p.bytes_received));
    reg.set("sicnode_peer_pending_documents", labels, double(p.pending_urls.size()));
    reg.set("sicnode_peer_bad_signatures", labels, double(p.bad_signatures));
    auto held = (*cat)->held().count(p.id);
    reg.set("sicnode_peer_held_entries", labels, held.ok() ? double(*held) : 0);
  }
}

}  // namespace

std::string user_agent(const Config& config) {
  return std::string("sicnode/") + SIC_VERSION + " (+" + config.node.base_url.str() + ")";
}

std::unique_ptr<fetch::Fetcher> make_fetcher(const Config& config) {
  fetch::Limits limits;
  limits.connect_timeout = config.sync.connect_timeout;
  limits.total_timeout = config.sync.timeout;
  limits.max_body_bytes = config.sync.max_body_bytes;
  limits.allow_private_addresses = config.sync.allow_private_addresses;
  return fetch::make_curl_fetcher(limits, user_agent(config));
}

std::unique_ptr<fetch::Fetcher> make_key_fetcher(const Config& config) {
  fetch::Limits limits;
  limits.connect_timeout = std::min(config.sync.connect_timeout, std::chrono::seconds(5));
  limits.total_timeout = std::min(config.sync.timeout, std::chrono::seconds(10));
  limits.max_body_bytes = 256 * 1024;
  limits.max_redirects = 0;  // the document is at the node's own base URL
  limits.allow_private_addresses = config.sync.allow_private_addresses;
  return fetch::make_curl_fetcher(limits, user_agent(config));
}

std::unique_ptr<fetch::Fetcher> make_hub_fetcher(const Config& config) {
  fetch::Limits limits;
  limits.connect_timeout = std::min(config.websub.delivery_timeout, std::chrono::seconds(5));
  limits.total_timeout = config.websub.delivery_timeout;
  limits.max_body_bytes = 64 * 1024;
  limits.max_redirects = 0;
  limits.allow_private_addresses = config.sync.allow_private_addresses;
  return fetch::make_curl_fetcher(limits, user_agent(config) + " websub");
}

sync::SyncSettings sync_settings(const Config& config, const crypto::Signer* signer,
                                 const SanitizeOptions& sanitize) {
  sync::SyncSettings s;
  s.signer = signer;
  s.node_id = config.node.id;
  s.interval = config.sync.interval;
  s.walk_budget = config.sync.timeout;
  s.sanitize = sanitize;
  s.max_body_bytes = config.sync.max_body_bytes;
  s.default_lang = config.node.languages.front();
  s.push = config.websub.subscribe;
  for (const auto& source : config.sources)
    if (!source.lang.empty()) s.source_langs[source.id] = source.lang;
  return s;
}

Status apply_config_peers(Catalogue& catalogue, const Config& config) {
  std::vector<sync::PeerSpec> specs;
  std::vector<sync::OriginSpec> origins;
  for (const auto& p : config.peers) {
    specs.push_back({p.id, p.url, PeerKind::kPeer, p.interval});
    std::string base = p.keys.base_url.empty() ? sync::base_url_of_feed(p.url) : p.keys.base_url;
    origins.push_back({p.id, base, p.keys.key, p.keys.revoked_keys});
  }
  for (const auto& s : config.sources)
    specs.push_back({s.id, s.url, PeerKind::kSource, s.interval});
  for (const auto& o : config.origins)
    origins.push_back({o.id, o.keys.base_url, o.keys.key, o.keys.revoked_keys});
  if (Status st = sync::reconcile_peers(catalogue, specs); !st.ok()) return st;
  return sync::reconcile_origins(catalogue, origins);
}

void add_metrics(NodeContext& ctx) {
  metrics::Registry& m = ctx.metrics;
  for (const auto& gauge : kPeerGauges) m.gauge(gauge[0], gauge[1]);
  for (const auto& counter : kPeerCounters) m.counter(counter[0], counter[1]);
  m.counter("sicnode_sync_rounds_total", "Sync rounds run by the server.");
  m.histogram("sicnode_sync_round_duration_seconds", "Time a sync round took.",
              {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120});
  m.counter("sicnode_sync_entries_total",
            "Entries and tombstones read by the server's rounds, by peer and by what the merge "
            "did (added, updated, deleted, unchanged, refused, held; bad_signature counts "
            "the refusals for signatures again).");
  m.counter("sicnode_sync_peer_attempts_total",
            "Attempts to read a peer by the server's rounds, by peer and status.");
  m.add_collector([&ctx](metrics::Registry& reg) { collect_peers(ctx, reg); });
}

void record_round(metrics::Registry& m, const sync::RoundReport& report) {
  m.inc("sicnode_sync_rounds_total");
  m.observe("sicnode_sync_round_duration_seconds", {}, double(report.elapsed.count()) / 1000.0);
  for (const auto& p : report.peers) {
    m.inc("sicnode_sync_peer_attempts_total", {{"peer", p.peer}, {"status", to_string(p.status)}});
    const sync::MergeStats& s = p.stats;
    for (auto [result, n] : {std::pair{"added", s.added}, std::pair{"updated", s.updated},
                             std::pair{"deleted", s.deleted}, std::pair{"unchanged", s.unchanged},
                             std::pair{"refused", s.refused}, std::pair{"held", s.held},
                             std::pair{"bad_signature", s.bad_signatures}})
      if (n > 0)
        m.inc("sicnode_sync_entries_total", {{"peer", p.peer}, {"result", result}}, double(n));
  }
}

}  // namespace sic::federation
