// Peers (other nodes whose feeds this node pulls) and import sources, with their
// fetch state. docs/sync.md describes how the state is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

enum class PeerKind { kPeer, kSource };

struct PeerRecord {
  std::string id;
  std::string url;
  PeerKind kind = PeerKind::kPeer;
  std::optional<std::int64_t> interval_seconds;  // nullopt: the node's default
  bool from_config = false;
  std::string etag;
  std::string last_modified;
  std::optional<TimePoint> last_attempt;
  std::optional<TimePoint> last_success;
  std::string last_error;
  std::int64_t consecutive_failures = 0;
  std::optional<TimePoint> next_attempt;  // back-off: not before
  std::int64_t entries_received = 0;
  std::int64_t bytes_received = 0;
  bool backfilled = false;
  // An unfinished walk over the peer's paged or archived feed: the documents still to
  // read, in order (docs/sync.md, "Reading a peer"). Empty when nothing is pending.
  std::vector<std::string> pending_urls;
  TimePoint added_at{};
  // Entries from this peer refused for their signatures (docs/merge.md), ever; kept
  // by add_bad_signatures, not by save_state.
  std::int64_t bad_signatures = 0;
};

class PeerStore {
 public:
  explicit PeerStore(catalogue::Session& session) : s_(session) {}

  Result<std::vector<PeerRecord>> list(std::optional<PeerKind> kind = std::nullopt);
  Result<std::optional<PeerRecord>> find(const std::string& id);
  // Adds a peer or changes its url/kind/interval/from_config; the fetch state is kept
  // when the url is unchanged and its validators, backfill and pending walk are reset
  // when it changes.
  Status upsert(const PeerRecord& peer);
  // Error when no peer has that id.
  Status remove(const std::string& id);
  // Stores the whole fetch state of the peer (validators, times, counters, error,
  // backfilled, pending_urls). Error when no peer has that id.
  Status save_state(const PeerRecord& peer);
  // Adds to the peer's count of entries refused for their signatures; nothing when no
  // peer has that id (it was removed).
  Status add_bad_signatures(const std::string& id, std::int64_t count);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
