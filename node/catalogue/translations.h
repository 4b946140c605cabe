// Translations of articles, the translation memory and the backlog's bookkeeping
// (docs/translation.md).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

// A live article that has no current translation into some language (see pending()).
struct PendingTranslation {
  Iri article;
  LanguageTag source_lang;   // the original's language
  std::string content_hash;  // of the live version
  bool stale = false;        // a machine translation made from another version is stored
  bool from_peer = false;    // a machine translation received from a peer is stored
  int failures = 0;          // failed attempts at this version (record_failure)
  std::optional<TimePoint> next_attempt;  // after failures: not before this time
};

// A failed attempt as recorded by record_failure.
struct TranslationFailure {
  Iri article;
  LanguageTag lang;
  int failures = 0;
  std::string last_error;
  TimePoint next_attempt{};
};

// What this node's engine translates into the node's languages, directly or through
// pivots: (source language's primary subtag, target language tag as configured).
using MachineRoutes = std::set<std::pair<std::string, std::string>>;

class TranslationStore {
 public:
  explicit TranslationStore(catalogue::Session& session) : s_(session) {}

  // The article's translations, ordered by language.
  Result<std::vector<Translation>> list(const Iri& article_id);
  Result<std::optional<Translation>> find(const Iri& article_id, const LanguageTag& lang);
  // Inserts or replaces the translation of the article into t.lang. `via` is the peer it
  // came from ("" when made here). t.outdated is not taken as given: it is set when
  // t.source_hash differs from the stored article's content hash (ArticleStore::put
  // keeps it so when the article changes). Error when the article is unknown or a
  // tombstone.
  Status put(const Iri& article_id, const Translation& t, const std::string& via = "");
  Status remove(const Iri& article_id, const LanguageTag& lang);
  // Replaces stored translations' signatures (a re-signing: t.signature of each, by
  // article and t.lang), in one write. Translations not stored are skipped.
  Status set_signatures(const std::vector<std::pair<Iri, Translation>>& signed_translations);
  // The translations made on this node (via ""), with their articles' ids; with
  // only_unsigned, those without a signature.
  Result<std::vector<std::pair<Iri, Translation>>> made_here(bool only_unsigned);

  // The translation memory: a translation of one source text, keyed by the text's hash.
  Result<std::optional<std::string>> recall(const std::string& source_hash, const LanguageTag& from,
                                            const LanguageTag& to, const std::string& engine);
  Status remember(const std::string& source_hash, const LanguageTag& from, const LanguageTag& to,
                  const std::string& engine, const std::string& translation);

  // The backlog into `target`: live articles in any other language (compared by
  // primary subtag: an article in "pt-BR" is not pending into "pt-PT", one in "es" is)
  // that have no current translation into `target` (exact tag): none is stored, a
  // machine one made from another version is stored (stale), or a machine one received
  // from a peer is stored (from_peer, stale or not: the caller decides whether to make
  // its own). A human translation counts as current whatever its version: it is never
  // replaced by a machine one. Articles without a language are included (their
  // source_lang is empty). Newest first (by updated, then id).
  Result<std::vector<PendingTranslation>> pending(const LanguageTag& target);

  // Records a failed attempt at translating version `source_hash` of the article into
  // `lang`, not to be tried again before `next_attempt`. Returns the number of
  // consecutive failures at that version, this one included (a new version of the
  // article starts again at 1). Does not change the catalogue's version.
  Result<int> record_failure(const Iri& article_id, const LanguageTag& lang,
                             const std::string& source_hash, const std::string& error,
                             TimePoint next_attempt);
  // Forgets the failures of the article into `lang` (after a success).
  Status clear_failures(const Iri& article_id, const LanguageTag& lang);
  // Every recorded failure of a live article's current version, soonest retry first.
  Result<std::vector<TranslationFailure>> failures();

  // The routes the backlog last found (it records them at every plan), so that a merge
  // in any process knows which translations this node makes itself
  // (docs/translation.md, "Sharing"). Empty until recorded. Recording does not change
  // the catalogue's version.
  Result<MachineRoutes> machine_routes();
  Status set_machine_routes(const MachineRoutes& routes);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
