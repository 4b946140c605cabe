// What this node knows about other nodes' identities (tables `origins` and
// `origin_keys`): where each one's keys are published, its keys, and whether it is
// a plain feed's origin (docs/merge.md, "How keys are learned").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

enum class OriginKind {
  kUnknown,  // named somewhere, nothing known yet
  kSigned,   // a node that signs its own articles (it has keys)
  kPlain,    // a plain feed's origin: only the nodes that read it first-hand sign for it
};
// "unknown", "signed", "plain".
const char* to_string(OriginKind kind);

enum class BoundBy { kNone, kConfig, kLearned };

struct OriginRecord {
  std::string id;
  OriginKind kind = OriginKind::kUnknown;
  std::string base_url;  // where its key document is; "" while unbound
  BoundBy bound_by = BoundBy::kNone;
  bool direct = false;                   // plain: read first-hand by this node, which signs for it
  std::vector<std::string> vouches_for;  // from its key document: plain origins it signs for
  std::optional<TimePoint> checked_at;   // the last fetch of its key document
  std::optional<TimePoint> next_check;   // not before
  int failures = 0;                      // failed fetches since the last success
  std::string last_error;
  TimePoint first_seen{};
};

enum class KeyStatus { kCurrent, kEarlier, kRevoked };
// "current", "earlier", "revoked".
const char* to_string(KeyStatus status);

struct OriginKey {
  std::string key;  // "ed25519:..."
  KeyStatus status = KeyStatus::kCurrent;
  bool pinned = false;                  // from the config
  std::optional<TimePoint> retired_at;  // earlier keys: when they were replaced
  TimePoint added_at{};
};

class OriginStore {
 public:
  explicit OriginStore(catalogue::Session& session) : s_(session) {}

  Result<std::optional<OriginRecord>> find(const std::string& id);
  Result<std::vector<OriginRecord>> list();
  // Inserts or replaces the record (first_seen is kept when it exists).
  Status save(const OriginRecord& record);

  // The origin's keys, current first, then earlier ones (newest first), then revoked.
  Result<std::vector<OriginKey>> keys(const std::string& origin);
  // Replaces the origin's keys by these (one transaction).
  Status set_keys(const std::string& origin, const std::vector<OriginKey>& keys);

  // Forgets everything about the origin (its record and keys).
  Status remove(const std::string& id);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
