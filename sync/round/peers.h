// The peers and sources a node reads: keeping the catalogue in step with the config,
// and each peer's health as people see it (`sicnode peers list`, /network, /metrics).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
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

enum class Health {
  kNew,         // never attempted
  kOk,          // the last attempt succeeded
  kFailing,     // the last attempt failed; it may be tried again now
  kBackingOff,  // the last attempt failed; not tried before next_attempt
};
// "new", "ok", "failing", "backing off".
const char* to_string(Health health);

Health health_of(const PeerRecord& peer, TimePoint now);

// How stale this node's copy of the peer may be: the time since its last success
// (since it was added when it never succeeded). Never negative.
std::chrono::seconds lag_of(const PeerRecord& peer, TimePoint now);

}  // namespace sic::sync
