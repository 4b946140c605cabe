// One sync round: read every chosen peer's feed (in parallel), apply what was read
// to the catalogue (merge for peers, import for sources), one transaction per peer,
// and record each peer's fetch state (docs/sync.md, "Rounds").
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/peers.h"
#include "sync/http_client/backoff.h"
#include "sync/http_client/http_client.h"
#include "sync/merge/merge.h"
#include "sync/round/learn.h"

namespace sic::sync {

// How this node reads its peers; built from the config by the caller.
struct SyncSettings {
  std::string node_id;                       // own articles are never changed by peers
  std::chrono::seconds interval{900};        // a peer's default interval (the scheduler's)
  std::chrono::seconds walk_budget{60};      // no new follow-up document after this long
  std::size_t max_documents_per_peer = 100;  // per round, the live document included
  SanitizeOptions sanitize;                  // for the peers' HTML
  std::size_t max_body_bytes = 20 * 1024 * 1024;
  fetch::BackoffPolicy backoff;
  // Import sources: the language of entries whose feed says none, by source id. A
  // source missing here gets default_lang.
  std::map<std::string, LanguageTag> source_langs;
  LanguageTag default_lang;
  // Signs imported articles and plain feeds' entries as this node (docs/merge.md);
  // nullptr: they are stored unsigned.
  const crypto::Signer* signer = nullptr;
  // Signatures checked by earlier rounds of this process (nullptr: none kept).
  VerificationCache* cache = nullptr;
  // Learning keys at the end of the round (own_node and signer are the ones above).
  LearnSettings learning;
  // Records the hub each peer's live feed names, for WebSub (docs/websub.md).
  bool push = false;
};

enum class PeerStatus {
  kOk,           // the live document changed and everything read was applied
  kNotModified,  // 304 and nothing pending
  kFailed,       // a fetch, the document or the catalogue failed (see error)
  kBackingOff,   // not attempted: the peer failed before and its back-off has not ended
};
// "ok", "not modified", "failed", "backing off".
const char* to_string(PeerStatus status);

struct PeerReport {
  std::string peer;
  PeerKind kind = PeerKind::kPeer;
  PeerStatus status = PeerStatus::kFailed;
  MergeStats stats;
  std::size_t documents = 0;  // documents read with a 200
  std::size_t entries = 0;    // entries and tombstones in them
  std::size_t bytes = 0;      // on the wire, every response
  std::size_t warnings = 0;   // the documents' parse warnings
  bool backfilled = false;    // the peer's whole history has been read (now or before)
  std::size_t pending = 0;    // documents left for the next round
  std::string error;          // kFailed: one line; kBackingOff: until when
};

struct RoundReport {
  std::vector<PeerReport> peers;  // in the order of the peers' ids
  // Keys read at the end of the round; held entries judged again are counted in
  // their peers' stats.
  std::vector<std::string> keys_learned;
  std::vector<std::string> key_failures;
  std::chrono::milliseconds elapsed{0};
  // No peer failed or is backing off.
  bool all_ok() const;
  MergeStats total() const;
};

struct RoundProgress {
  std::size_t peers_done = 0;
  std::size_t peers_total = 0;
  std::size_t documents = 0;  // read so far in this round, every peer
};

struct RoundOptions {
  // Which peers take part; empty: every peer and source. Ids that name no peer are
  // ignored (the caller checks them).
  std::vector<std::string> only;
  // When set, a peer takes part only when this returns true (the scheduler's due time).
  std::function<bool(const PeerRecord&)> wanted;
  bool ignore_backoff = false;  // attempt peers whose back-off has not ended
  // Called on the calling thread as documents arrive and peers finish.
  std::function<void(const RoundProgress&)> progress;
  // Checked between the steps of the round: when it returns true the round stops,
  // applies nothing more and records no failure for the peers not finished.
  std::function<bool()> cancelled;
  // Reads the key documents at the end of the round (short timeouts, small bodies);
  // nullptr: the round's fetcher.
  fetch::Fetcher* key_fetcher = nullptr;
};

// Runs one round over the peers and sources stored in the catalogue, then learns
// the keys its held entries wait for (learn_keys). Never throws; every failure is in
// the report (a catalogue that cannot list its peers gives an Error). Uses
// `catalogue` on the calling thread only.
Result<RoundReport> run_round(Catalogue& catalogue, fetch::Fetcher& fetcher,
                              const SyncSettings& settings, const RoundOptions& options,
                              const fetch::UnitRandom& random);

// A document a peer's (or source's) hub pushed (docs/websub.md): read as a document of
// that peer fetched from `url`, and merged (a source's: imported) in one transaction,
// its bad signatures counted like a round's. Nothing of the peer's fetch state changes.
// Errors: the document's ("atom: ..."), or the catalogue's (nothing applied).
Result<MergeStats> apply_pushed(Catalogue& catalogue, const PeerRecord& peer, std::string_view body,
                                const std::string& url, const SyncSettings& settings);

}  // namespace sic::sync
