// The key document a node serves at GET /.well-known/sicnode (docs/api.md): its id,
// name, base URL, current key, its earlier keys each with the rotation statement the
// key signed when it was replaced, and the plain feeds' origins it signs for
// (docs/merge.md, "Plain feeds"). Writing, reading and checking it; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic::crypto {

// A key the node used before: replaced by next_key at `retired`; `signature` is this
// key's signature of rotation_statement(node, key, next_key, retired).
struct EarlierKey {
  std::string key;
  TimePoint created{};
  TimePoint retired{};
  std::string next_key;
  std::string signature;
  friend bool operator==(const EarlierKey&, const EarlierKey&) = default;
};

struct KeyDocument {
  std::string node;
  std::string name;
  std::string base_url;
  std::string key;  // the current key
  TimePoint created{};
  std::vector<EarlierKey> earlier_keys;  // oldest first
  std::vector<std::string> vouches_for;  // plain feeds' origins this node signs for
  friend bool operator==(const KeyDocument&, const KeyDocument&) = default;
};

std::string write_key_document(const KeyDocument& document);

// Reads a document: JSON of the shape above, node ids and keys well-formed, dates
// RFC 3339, at most 100 earlier keys and 1000 vouched origins. It does not check the
// rotation signatures (verify_key_chain does). Errors name the field.
Result<KeyDocument> parse_key_document(std::string_view json);

// Checks the rotations: each earlier key's next_key is the key after it (the current
// key for the last), rotation times do not go back, no key appears twice, and each
// signature verifies. Errors name the first key that fails.
Status verify_key_chain(const KeyDocument& document);

}  // namespace sic::crypto
