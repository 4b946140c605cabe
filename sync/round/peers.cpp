#include "sync/round/peers.h"

#include <algorithm>

namespace sic::sync {

Status reconcile_peers(Catalogue& cat, const std::vector<PeerSpec>& specs) {
  return cat.transaction([&]() -> Status {
    auto stored = cat.peers().list();
    if (!stored.ok()) return stored.error();
    for (const auto& p : *stored) {
      bool listed =
          std::any_of(specs.begin(), specs.end(), [&](const PeerSpec& s) { return s.id == p.id; });
      if (p.from_config && !listed)
        if (Status st = cat.peers().remove(p.id); !st.ok()) return st;
    }
    for (const auto& s : specs) {
      PeerRecord p;
      p.id = s.id;
      p.url = s.url;
      p.kind = s.kind;
      if (s.interval) p.interval_seconds = s.interval->count();
      p.from_config = true;
      if (Status st = cat.peers().upsert(p); !st.ok()) return st;
    }
    return Status::Ok();
  });
}

}  // namespace sic::sync
