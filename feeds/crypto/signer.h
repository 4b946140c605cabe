// Signing as a node (docs/merge.md, "What is signed"). node/keys implements Signer
// over the node's key file; KeySigner signs with a key in memory (tools, tests).
#pragma once

#include <string>
#include <string_view>

#include "feeds/crypto/ed25519.h"
#include "feeds/model/article.h"

namespace sic::crypto {

class Signer {
 public:
  virtual ~Signer() = default;
  // The node this signer signs as.
  virtual std::string node() const = 0;
  // The signature of the statement by this node, with by, url and key set.
  // Thread-safe.
  virtual Signature sign(std::string_view statement) const = 0;
};

class KeySigner final : public Signer {
 public:
  KeySigner(std::string node, std::string base_url, SigningKey key)
      : node_(std::move(node)), url_(std::move(base_url)), key_(std::move(key)) {}
  std::string node() const override { return node_; }
  Signature sign(std::string_view statement) const override;

 private:
  std::string node_, url_;
  SigningKey key_;
};

// Sets the value's signature: a version's and a tombstone's over statement_of (the
// signer need not be the origin: a plain feed's articles are signed by the node that
// read them); a translation's with the signer as its translator.
void sign(const Signer& signer, Article& version);
void sign(const Signer& signer, Tombstone& tombstone);
void sign(const Signer& signer, const Iri& article, Translation& translation);

}  // namespace sic::crypto
