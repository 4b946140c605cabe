// Who may sign what (docs/merge.md, "Merging"): for an incoming version, tombstone
// or translation, whether its signature is to be checked (and with which key), held
// until its signer's key is known, or refused. Reads what the catalogue knows about
// other nodes (node/catalogue/origins.h); remembers checked signatures.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "feeds/crypto/ed25519.h"
#include "feeds/model/article.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/origins.h"

namespace sic::sync {

// Signatures already checked, with their outcome, so that each (statement,
// signature, key) is checked once per process. Thread-safe; bounded (it starts over
// when full).
class VerificationCache {
 public:
  explicit VerificationCache(std::size_t capacity = 200000) : capacity_(capacity) {}
  // Checks the signature with the key, or returns the remembered outcome.
  bool verify(const crypto::PublicKey& key, std::string_view statement, std::string_view signature);
  std::size_t checks() const;  // signatures actually checked (not remembered)

 private:
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, bool> outcomes_;  // by digest of key, statement, signature
  std::size_t checks_ = 0;
};

// What the rules say about one signed item.
struct Standing {
  enum Kind {
    kVerify,   // check the signature with `key`
    kHeld,     // the signer's key is not known yet: keep it aside, judge it again later
    kRefused,  // refused without checking anything
  };
  Kind kind = kRefused;
  std::optional<crypto::PublicKey> key;  // kVerify
  bool current_key = false;              // kVerify: the key is the signer's current one
  std::string reason;                    // kRefused: why, for people
  bool forgery = false;  // kRefused: a claim a correct node never makes (counted per peer)
};

// The rules of docs/merge.md over the catalogue's knowledge. One per merge; reads
// the catalogue on the calling thread only.
class Authority {
 public:
  // keys_settled: the signers' key documents were just read, so a key they do not
  // list is refused rather than held.
  Authority(Catalogue& catalogue, bool keys_settled)
      : cat_(catalogue), keys_settled_(keys_settled) {}

  // A version or tombstone of `origin`, dated `when`, carrying `signature`: signed by
  // the origin itself, or, for a plain feed's origin, by a node that vouches for it.
  Result<Standing> of_article(const std::string& origin, const Signature& signature,
                              TimePoint when);
  // A translation, signed by the node that made it (signature.by), dated `when`.
  Result<Standing> of_translation(const Signature& signature, TimePoint when);
  // An entry without an origin read first-hand from `peer` (a plain feed): the reason
  // it is refused (the peer is known to sign its entries), or nullopt.
  Result<std::optional<std::string>> plain_refusal(const std::string& peer);

  // Records that `origin` is a plain feed's origin (direct: read first-hand here).
  Status note_plain(const std::string& origin, bool direct);

 private:
  struct KnownKey {
    OriginKey stored;
    std::optional<crypto::PublicKey> parsed;
  };
  Result<Standing> of_signer(const std::string& signer, const Signature& signature, TimePoint when);
  Result<const OriginRecord*> record(const std::string& id);
  Result<const std::vector<KnownKey>*> keys(const std::string& id);

  Catalogue& cat_;
  bool keys_settled_;
  std::map<std::string, std::optional<OriginRecord>> records_;  // read once per merge
  std::map<std::string, std::vector<KnownKey>> keys_;
};

// How long an earlier key stays good for items dated after its retirement (clocks
// and future-dated versions, docs/merge.md "Rotation").
constexpr std::chrono::hours kRetiredKeyGrace{24};

// The origin (scheme, host, port) of a base URL, as bindings compare them; "" when
// it is not an http(s) URL.
std::string web_origin(std::string_view base_url);

}  // namespace sic::sync
