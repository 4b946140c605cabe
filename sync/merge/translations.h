// Which translations that arrive with a peer's article are kept (docs/merge.md,
// "Translations"). The whole policy is here, in one place, so that it can be
// refined without touching the merge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/translations.h"

namespace sic::sync {

// Whether an incoming translation replaces what is stored for its language, a pure
// function. current_hash is the content hash of the stored version of the article.
//  - a translation into the article's own language, or without a language: never;
//  - nothing stored: always;
//  - a human one over a machine one: always (human beats machine);
//  - a machine one over a human one: never (also when the human one is outdated);
//  - over the same kind: only when the stored one was made from another version of
//    the article (its source_hash differs from current_hash) and the incoming one
//    from the stored version.
bool should_keep(const std::optional<Translation>& stored, const Translation& incoming,
                 const LanguageTag& article_lang, const std::string& current_hash);

// Offers every translation of `incoming` (a version of a live article whose stored
// content hash is current_hash) to should_keep and stores the kept ones with `via`.
// Runs in the caller's transaction. Returns how many were stored.
Result<int> keep_incoming_translations(TranslationStore& store, const Article& incoming,
                                       const std::string& current_hash, const std::string& via);

}  // namespace sic::sync
