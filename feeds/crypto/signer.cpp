#include "feeds/crypto/signer.h"

namespace sic::crypto {

Signature KeySigner::sign(std::string_view statement) const {
  return {node_, url_, key_.public_key(), key_.sign(statement)};
}

void sign(const Signer& signer, Article& version) {
  version.signature = signer.sign(statement_of(version));
}

void sign(const Signer& signer, Tombstone& tombstone) {
  tombstone.signature = signer.sign(statement_of(tombstone));
}

void sign(const Signer& signer, const Iri& article, Translation& translation) {
  translation.signature = Signature{signer.node(), "", "", ""};
  translation.signature = signer.sign(statement_of(article, translation));
}

}  // namespace sic::crypto
