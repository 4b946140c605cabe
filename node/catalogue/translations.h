// Translations of articles, and the translation memory (docs/translation.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

class TranslationStore {
 public:
  explicit TranslationStore(catalogue::Session& session) : s_(session) {}

  // The article's translations, ordered by language.
  Result<std::vector<Translation>> list(const Iri& article_id);
  Result<std::optional<Translation>> find(const Iri& article_id, const LanguageTag& lang);
  // Inserts or replaces the translation of the article into t.lang. `via` is the peer it
  // came from ("" when made here). Error when the article is unknown or a tombstone.
  Status put(const Iri& article_id, const Translation& t, const std::string& via = "");
  Status remove(const Iri& article_id, const LanguageTag& lang);

  // The translation memory: a translation of one source text, keyed by the text's hash.
  Result<std::optional<std::string>> recall(const std::string& source_hash, const LanguageTag& from,
                                            const LanguageTag& to, const std::string& engine);
  Status remember(const std::string& source_hash, const LanguageTag& from, const LanguageTag& to,
                  const std::string& engine, const std::string& translation);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
