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
// function. current_hash is the content hash of the stored version of the article;
// node_translates tells whether this node's own engine has a route from the
// article's language into the translation's (docs/translation.md, "Sharing").
//  - a translation into the article's own language, or without a language: never;
//  - a machine one that this node can make itself: never (its backlog makes its own,
//    through the translation memory, labelled with its own engine);
//  - nothing stored: always;
//  - a human one over a machine one: always (human beats machine);
//  - a machine one over a human one: never (also when the human one is outdated);
//  - over the same kind: only when the stored one was made from another version of
//    the article (its source_hash differs from current_hash) and the incoming one
//    from the stored version.
bool should_keep(const std::optional<Translation>& stored, const Translation& incoming,
                 const LanguageTag& article_lang, const std::string& current_hash,
                 bool node_translates = false);

// The translations of `incoming` (a version of a live article whose stored content
// hash is current_hash) that should_keep would store over what the store holds.
// Whether this node translates a pair itself comes from the routes its translation
// backlog recorded (TranslationStore::machine_routes). The caller checks their
// signatures and stores them (docs/merge.md, "Translations").
Result<std::vector<const Translation*>> wanted_translations(TranslationStore& store,
                                                            const Article& incoming,
                                                            const std::string& current_hash);

}  // namespace sic::sync
