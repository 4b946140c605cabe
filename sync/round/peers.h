// The peers and sources a node reads: keeping the catalogue in step with the config.
// Their health is node/catalogue/peer_health.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/peers.h"

namespace sic::sync {

// A peer or source as the config names it.
struct PeerSpec {
  std::string id;
  std::string url;
  PeerKind kind = PeerKind::kPeer;
  std::optional<std::chrono::seconds> interval;
};

// Makes the catalogue's configured peers and sources match specs, in one
// transaction: each spec is added or changed (from_config = true; its fetch state is
// kept unless its url changed), and a configured one that the config no longer lists
// is removed. Peers added with `sicnode peers add` stay; a spec with the same id
// takes one over. Articles received from a removed peer stay (they belong to their
// origins).
Status reconcile_peers(Catalogue& catalogue, const std::vector<PeerSpec>& specs);

}  // namespace sic::sync
