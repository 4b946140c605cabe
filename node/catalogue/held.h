// Entries held until the key of the node that signed them is known (table `held`,
// docs/merge.md, "Held entries"). They are stored but never shown or relayed: no
// feed, page or API reads this table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/iri.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

enum class HeldKind { kVersion, kTombstone, kTranslation };
const char* to_string(HeldKind kind);  // "version", "tombstone", "translation"

struct HeldItem {
  std::int64_t seq = 0;    // set by the store: arrival order
  std::string peer;        // the peer it came from
  std::string signer;      // whose key it waits for
  std::string signer_url;  // the base URL it names for the signer
  Iri article;
  HeldKind kind = HeldKind::kVersion;
  std::string document;  // the item as a one-item JSON Feed (write_feed)
  TimePoint received_at{};
};

class HeldStore {
 public:
  explicit HeldStore(catalogue::Session& session) : s_(session) {}

  // Stores the item unless the same document from the same peer is held already.
  // Does not change the catalogue's version (nothing published changes).
  Status hold(const HeldItem& item);
  // The items waiting for this signer's key, oldest first, at most `limit`.
  Result<std::vector<HeldItem>> of_signer(const std::string& signer, std::size_t limit);
  // The signers items wait for, and the base URLs the items name for each.
  struct Awaited {
    std::string signer;
    std::vector<std::string> urls;  // distinct, at most 4
    std::int64_t items = 0;
  };
  Result<std::vector<Awaited>> awaited();
  Status remove(std::int64_t seq);
  // How many items are held, in all and from one peer ("" for all).
  Result<std::int64_t> count(const std::string& peer = "");
  // Drops the items received before `before`; returns how many.
  Result<std::int64_t> expire(TimePoint before);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
