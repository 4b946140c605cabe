// Signatures in the model, and the statements they sign (docs/merge.md, "What is
// signed"). A statement is a canonical byte string: "sicnode-sig-v1\n" followed by
// fields, each written as its length in bytes (decimal), ':', the bytes and '\n'.
// Another implementation can build the same bytes from this header and the page.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/datetime.h"
#include "feeds/model/iri.h"
#include "feeds/model/language.h"

namespace sic {

// Whether text is a node id: 1 to 64 characters, each a-z, 0-9 or '-'. Origins,
// signers and translators are node ids (docs/merge.md, "Origin ids").
bool is_node_id(std::string_view text);

// An Ed25519 signature over a statement, with what a reader needs to check it.
// Not content: it is not part of any content hash. Empty when unsigned.
struct Signature {
  std::string by;     // the signing node's id
  std::string url;    // its base URL: its keys are at url + ".well-known/sicnode"
  std::string key;    // the public key that signed: "ed25519:" + base64 (32 bytes)
  std::string value;  // base64 of the 64-byte signature
  bool empty() const { return by.empty() && url.empty() && key.empty() && value.empty(); }
  friend bool operator==(const Signature&, const Signature&) = default;
};

// The statement an article's version or tombstone is signed over: "article", the id,
// the origin, the time (a version's updated, a tombstone's deleted, in Unix seconds),
// the content hash ("" for a tombstone) and "1" for a tombstone, else "0".
std::string article_statement(const Iri& id, std::string_view origin, TimePoint when,
                              std::string_view content_hash, bool deleted);

// The statement a translation is signed over: "translation", the article's id, the
// hash of the version it was made from (Translation::source_hash), its language, its
// kind ("human"/"machine"), Translation::content_hash() and the translating node.
std::string translation_statement(const Iri& article, std::string_view source_hash,
                                  const LanguageTag& lang, std::string_view kind,
                                  std::string_view translation_hash, std::string_view translator);

// The statement of a key rotation, signed by the old key: "rotation", the node, the
// old key, the new key and the time (Unix seconds).
std::string rotation_statement(std::string_view node, std::string_view old_key,
                               std::string_view new_key, TimePoint when);

}  // namespace sic
