// Keys for the origins of the sync tests: each test origin has a fixed Ed25519 key
// (its seed derived from its id), pinned in a catalogue as [[peers]] key = ... would
// pin it, so that the merge and round tests can sign what they send. The signature
// rules themselves are tested in tests/sync/trust/.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "feeds/crypto/signer.h"
#include "feeds/model/hash.h"
#include "sync/merge/merge.h"
#include "sync/trust/keys.h"

namespace sic::test {

// The origins the tests use; every one of them is pinned by trust_test_origins.
inline const std::vector<std::string>& test_origins() {
  static const std::vector<std::string> ids = {"sic-pt", "sic-es", "sic-fr",  "sic-it",  "sic-hub",
                                               "sic-a",  "sic-b",  "sic-cut", "sic-slow"};
  return ids;
}

// "https://ORIGIN.example.eu/": where the test origin's keys would be.
inline std::string test_base_url(const std::string& origin) {
  return "https://" + origin + ".example.eu/";
}

// The test origin's signer (the same key in every test and process).
inline const crypto::Signer& test_signer(const std::string& origin) {
  static std::mutex mu;
  static std::map<std::string, crypto::KeySigner> signers;
  std::lock_guard lock(mu);
  auto it = signers.find(origin);
  if (it == signers.end()) {
    std::string seed = sha256_hex("sicnode test key " + origin).substr(0, 32);
    auto key = crypto::SigningKey::from_seed(seed);
    REQUIRE(key.ok());
    it = signers.emplace(origin, crypto::KeySigner(origin, test_base_url(origin), *key)).first;
  }
  return it->second;
}

// Pins every test origin's key in the catalogue (one transaction).
inline void trust_test_origins(Catalogue& cat) {
  std::vector<sync::OriginSpec> specs;
  for (const auto& id : test_origins()) {
    std::string key = test_signer(id).sign("").key;
    specs.push_back({id, test_base_url(id), key, {}});
  }
  REQUIRE(sync::reconcile_origins(cat, specs).ok());
}

// Signs, by their origins, the items that carry an origin and no signature, and
// their unsigned translations (as made by the article's origin).
inline void sign_by_origins(std::vector<Article>& articles, std::vector<Tombstone>& tombstones) {
  for (auto& a : articles) {
    for (auto& t : a.translations)
      if (t.signature.empty() && !a.origin.empty()) crypto::sign(test_signer(a.origin), a.id, t);
    if (a.signature.empty() && !a.origin.empty()) crypto::sign(test_signer(a.origin), a);
  }
  for (auto& t : tombstones)
    if (t.signature.empty() && !t.origin.empty()) crypto::sign(test_signer(t.origin), t);
}

// merge() with the test origins trusted and the items signed by their origins.
inline Result<sync::MergeStats> signed_merge(Catalogue& cat, std::vector<Article> articles,
                                             std::vector<Tombstone> tombstones,
                                             const sync::MergeOptions& options) {
  trust_test_origins(cat);
  sign_by_origins(articles, tombstones);
  return sync::merge(cat, articles, tombstones, options);
}

}  // namespace sic::test
