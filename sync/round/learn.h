// The end of a round: learning the keys that held entries wait for, then judging
// those entries again (docs/merge.md, "How keys are learned", "Held entries").
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "feeds/crypto/signer.h"
#include "node/catalogue/catalogue.h"
#include "sync/http_client/http_client.h"
#include "sync/merge/merge.h"

namespace sic::sync {

struct LearnSettings {
  std::string own_node;
  const crypto::Signer* signer = nullptr;  // passed on to the merges of held entries
  VerificationCache* cache = nullptr;
  std::size_t max_signers = 16;            // key documents read per round, at most
  std::chrono::seconds recheck{600};       // a signer's document is not read more often
  std::chrono::seconds retry_initial{60};  // after a failed read, doubling...
  std::chrono::seconds retry_max{6 * 3600};
  std::chrono::days held_for{30};  // held entries older than this are dropped
  bool ignore_backoff = false;     // read every wanted document now (sicnode sync --force)
};

// A signer to look at even without held entries: a peer whose feed names a current
// key this node does not know (a rotation).
struct KeyHint {
  std::string signer;
  std::string key;
};

struct LearnReport {
  std::vector<std::string> learned;           // signers whose key documents were stored
  std::vector<std::string> failures;          // "sic-pt: https://...: timed out after 10 s"
  std::map<std::string, MergeStats> by_peer;  // held entries judged again, by their peer
  std::int64_t expired = 0;                   // held entries dropped for their age
};

// Reads, in parallel, the key documents of the signers that held entries wait for
// (and of the hinted ones whose key is unknown) whose next check is due, at most
// settings.max_signers; stores what they say (apply_key_document), or the failure
// with a back-off; then merges again, as from the peer each came from, the held
// entries of every signer it read, with keys settled (a key the document does not
// list is now refused). Each signer's entries are judged in one transaction; bad
// signatures are added to their peers' counts. Errors: the catalogue's.
Result<LearnReport> learn_keys(Catalogue& catalogue, fetch::Fetcher& fetcher,
                               const LearnSettings& settings, const std::vector<KeyHint>& hints);

}  // namespace sic::sync
