// Wiring between the node and sync/: settings and the fetcher from the config, the
// config's peers into the catalogue, sync metrics (docs/sync.md).
#pragma once

#include <memory>

#include "node/config/config.h"
#include "node/context/context.h"
#include "sync/http_client/http_client.h"
#include "sync/round/round.h"

namespace sic::federation {

// "sicnode/0.1.0 (+https://sic.example.pt/)".
std::string user_agent(const Config& config);

// The real fetcher with the config's [sync] limits.
std::unique_ptr<fetch::Fetcher> make_fetcher(const Config& config);
// The fetcher for other nodes' key documents: the same rules, with short timeouts
// (5 s to connect, 10 s in all) and small bodies (256 KB), so that a slow node does
// not hold a round up.
std::unique_ptr<fetch::Fetcher> make_key_fetcher(const Config& config);
// The WebSub hub's fetcher (verifications, deliveries, pings): [websub]
// delivery_timeout_seconds, no redirects, small answers, [sync]'s private-address rule.
std::unique_ptr<fetch::Fetcher> make_hub_fetcher(const Config& config);

// How the node reads peers and sources, from the config; `signer` signs what the
// node vouches for (imports, plain feeds' entries) and must outlive the settings.
sync::SyncSettings sync_settings(const Config& config, const crypto::Signer* signer,
                                 const SanitizeOptions& sanitize = {});

// Copies the config's [[peers]] and [[sources]] into the catalogue
// (sync::reconcile_peers), and what [[peers]] and [[origins]] say about keys
// (sync::reconcile_origins).
Status apply_config_peers(Catalogue& catalogue, const Config& config);

// Declares the sync metric families and adds a collector that sets each peer's
// health gauges from the catalogue at every scrape.
void add_metrics(NodeContext& context);

// Counts a finished round in the metrics (rounds, duration, entries by result).
void record_round(metrics::Registry& registry, const sync::RoundReport& report);

}  // namespace sic::federation
