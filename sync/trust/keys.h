// What this node knows about other nodes' keys, kept in step with the config and
// with the key documents it reads (docs/merge.md, "How keys are learned").
#pragma once

#include <string>
#include <vector>

#include "feeds/crypto/key_document.h"
#include "feeds/model/datetime.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"

namespace sic::sync {

// An origin as the config names it: a [[peers]] table (base_url from its feed's URL
// unless given) or an [[origins]] table.
struct OriginSpec {
  std::string id;
  std::string base_url;  // where its key document is
  std::string key;       // a pinned key ("ed25519:..."), or ""
  std::vector<std::string> revoked_keys;
};

// The base URL of the node serving this feed URL: the part before "feeds/" when the
// path has it (".../feeds/atom"), else the URL's origin and "/".
std::string base_url_of_feed(const std::string& feed_url);

// The URL of a node's key document: base_url + ".well-known/sicnode".
std::string key_document_url(const std::string& base_url);

// Makes the catalogue match the config, in one transaction: each spec binds its id to
// its base URL; a pinned key becomes the id's current key (its other keys are dropped
// unless the pinned key is among them); revoked keys are marked revoked. Ids the
// config no longer names keep what was learned, without pins or revocations.
Status reconcile_origins(Catalogue& catalogue, const std::vector<OriginSpec>& specs);

// Stores what a key document read at `fetched_base` (a base URL) at `now` says about
// `signer` (not to be read again before next_check): its keys (the current one, the earlier ones
// with their retirement), its base URL (binding the id to it when unbound) and the plain origins it
// vouches for. Errors, with nothing stored: the document is another node's, is served from another
// web origin than the base URL it states, its rotations do not verify, it does not contain the key
// this node trusts for the signer (a node that lost its key must be pinned again), or the signer is
// a plain feed's origin.
Status apply_key_document(Catalogue& catalogue, const std::string& signer,
                          const std::string& fetched_base, const crypto::KeyDocument& document,
                          TimePoint now, TimePoint next_check);

}  // namespace sic::sync
