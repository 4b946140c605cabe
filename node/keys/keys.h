// The node's own Ed25519 key (docs/merge.md, "Keys"). It lives in data_dir/node-key.json
// (mode 0600), created at first start; it is never served or exported: only its
// public part leaves the node (the key document, the feeds' signatures). The file
// also keeps the earlier public keys with the rotation statements they signed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "feeds/crypto/key_document.h"
#include "feeds/crypto/signer.h"
#include "feeds/model/datetime.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"

namespace sic::keys {

class NodeKeys final : public crypto::Signer {
 public:
  static constexpr const char* kFileName = "node-key.json";

  // Opens data_dir/node-key.json, creating it with a new key (mode 0600) when there
  // is none. Errors: the file cannot be read or written, is malformed, can be read by
  // other users (its mode), or belongs to another node id.
  static Result<std::shared_ptr<NodeKeys>> open(const std::string& data_dir,
                                                const std::string& node_id,
                                                const std::string& base_url,
                                                const Clock& clock = system_clock());

  std::string node() const override { return node_; }
  // Signs with the current key. When another process rotated the key (the file
  // changed), the new key is read first. Thread-safe.
  Signature sign(std::string_view statement) const override;
  std::string public_key() const;
  // The public part, for GET /.well-known/sicnode: node, base URL, current key,
  // earlier keys with their rotations (name and vouches_for are the caller's).
  crypto::KeyDocument document() const;

  // Replaces the key by a new one and writes the rotation statement, signed by the
  // old key, into the file (atomically). Returns the new public key.
  Result<std::string> rotate();

  const std::string& path() const { return path_; }

 private:
  struct State {
    crypto::SigningKey key;
    TimePoint created{};
    std::vector<crypto::EarlierKey> earlier;
  };
  NodeKeys(std::string path, std::string node, std::string base_url, const Clock& clock)
      : path_(std::move(path)), node_(std::move(node)), url_(std::move(base_url)), clock_(clock) {}
  Status reload_if_changed() const;

  std::string path_, node_, url_;
  const Clock& clock_;
  mutable std::mutex mu_;
  mutable std::optional<State> state_;  // guarded by mu_
  mutable std::string stamp_;           // the file's inode, size and mtime when read
};

// Signs, in one transaction, what this node vouches for and has not signed: the
// versions and tombstones of its own articles, the entries of the plain feeds it reads
// first-hand, and the translations it made. With `all`, re-signs every one of them
// (after a rotation). Returns how many signatures were written.
Result<std::int64_t> sign_catalogue(Catalogue& catalogue, const crypto::Signer& signer, bool all);

}  // namespace sic::keys
