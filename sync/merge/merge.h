// The deterministic merge of what peers send into the catalogue (docs/merge.md).
//
// Every article id has one state in the catalogue: unknown, a version, or a
// tombstone. Incoming versions and tombstones are ordered by a total order (the
// rule below), and the catalogue keeps the greatest one it has seen, so the final
// catalogue depends on the set of changes received, never on their order.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/crypto/signer.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/catalogue.h"
#include "sync/trust/authority.h"

namespace sic::sync {

// One incoming change to an article id: a version or a deletion.
struct Change {
  std::string origin;        // the claimed origin centre (never empty when judged)
  TimePoint when{};          // a version's `updated`, a tombstone's `deleted`
  std::string content_hash;  // a version's Article::content_hash(); "" for a deletion
  bool deletion = false;

  static Change of(const Article& version);
  static Change of(const Tombstone& tombstone);
};

enum class Verdict {
  kNew,             // an unknown id: the version is stored
  kUpdate,          // a newer version replaces the stored one
  kRevive,          // a version newer than the stored tombstone brings the article back
  kDelete,          // a tombstone replaces the stored version (or is stored for an unknown id)
  kUnchanged,       // exactly what is stored
  kOlder,           // what is stored wins: nothing changes
  kOwnArticle,      // refused: a change to one of this node's own articles
  kOriginMismatch,  // refused: its origin differs from the stored article's origin
};
// "new", "update", "revive", "delete", "unchanged", "older", "own article", "origin mismatch".
const char* to_string(Verdict verdict);
// kNew, kUpdate, kRevive and kDelete: the catalogue changes.
bool changes_catalogue(Verdict verdict);
// kOwnArticle and kOriginMismatch.
bool is_refusal(Verdict verdict);

// The rule (docs/merge.md, "The rule"), a pure function. Changes are ordered by
// (when, kind, hash) with kind 0 for a version and 1 for a deletion: a tombstone wins
// over every version with updated <= deleted, a version wins over a tombstone only
// when it is strictly newer, two versions with the same `updated` are ordered by
// content hash. The incoming change is applied when it is greater than the stored
// state. Origins are checked first: a change whose origin differs from the stored
// one is kOriginMismatch; one that would change an article whose origin is own_node
// is kOwnArticle (pass "" to accept changes to any origin, as import does), except a
// version with the same `updated` as the stored own version: that is an echo of it,
// kUnchanged whatever its hash.
Verdict judge(const std::optional<ArticleHead>& stored, const Change& incoming,
              std::string_view own_node);

struct MergeOptions {
  std::string own_node;  // this node's id: changes to its own articles are refused
  std::string peer;      // the peer the batch came from: recorded as `via`
  // A change dated further ahead of the catalogue's clock is refused: it would win
  // every merge until then (a wrong clock, or a forgery). It is accepted once it is
  // no longer that far ahead, when the peer still sends it.
  std::chrono::seconds max_ahead{24 * 60 * 60};
  // Signs the entries of a plain feed (items without an origin: the peer's own) as
  // the node that read them first-hand, so that other nodes can take them from this
  // one (docs/merge.md, "Plain feeds"). nullptr: they are stored unsigned.
  const crypto::Signer* signer = nullptr;
  // Remembers checked signatures across merges; nullptr: only within this merge.
  VerificationCache* cache = nullptr;
  // The signers' key documents were just read (held entries judged again): a key
  // their documents do not list is refused instead of held.
  bool keys_settled = false;
  // At most this many entries held from one peer; more are refused.
  std::size_t max_held = 10000;
};

struct MergeStats {
  std::int64_t added = 0;         // kNew and kRevive
  std::int64_t updated = 0;       // kUpdate
  std::int64_t deleted = 0;       // kDelete
  std::int64_t unchanged = 0;     // kUnchanged and kOlder
  std::int64_t refused = 0;       // kOwnArticle, kOriginMismatch and the refusals below
  std::int64_t translations = 0;  // translations stored (sync/merge/translations.h)
  std::int64_t held = 0;          // held until their signer's key is known
  // Refused for their signatures (part of `refused`): a bad signature, a key the
  // signer does not have or revoked, another node signing for a signed origin, a
  // base URL that is not the signer's... what a correct node never sends.
  std::int64_t bad_signatures = 0;
  std::int64_t resigned = 0;  // stored versions whose signature was replaced by a newer key's
  // Why items were refused, one line each ("tag:...: origin mismatch: stored sic-pt,
  // received sic-es"); at most kMaxNotes.
  std::vector<std::string> notes;
  static constexpr std::size_t kMaxNotes = 20;

  std::int64_t changed() const { return added + updated + deleted; }
  MergeStats& operator+=(const MergeStats& other);
};

// Merges a peer's batch into the catalogue in one transaction (a savepoint when the
// caller has a transaction open). First the signatures (docs/merge.md, "Merging"):
// an item that names an origin is taken only with a valid signature by that origin
// (or, for a plain feed's origin, by a node that vouches for it); one whose signer's
// key is not known yet is held (stored apart, judged again by the caller once the
// key is learned); others are refused. An item without an origin is the peer's own
// (a plain feed): the peer is its origin, unless the peer is known to sign its
// entries. Then the rule: each version and tombstone is judged against the state
// stored at that moment and applied when it wins, with `via` set to options.peer.
// A signature is checked only for an item that would change the catalogue (or
// replace a stored signature), once. Translations arriving with a version that is
// stored after the merge are judged by their translator's signature and
// wanted_translations. A version that shows a translation in place of its original
// (Article::shown_translation) is refused, and so is a change dated more than
// options.max_ahead after the catalogue's clock or whose origin is not a node id.
// Returns the counts, or the catalogue's Error, in which case nothing of the batch is
// stored.
Result<MergeStats> merge(Catalogue& catalogue, const std::vector<Article>& articles,
                         const std::vector<Tombstone>& tombstones, const MergeOptions& options);

}  // namespace sic::sync
