// Showing an article in a language: the original when it is in that language, else
// its best translation into it (docs/publishing.md, "Languages").
#pragma once

#include <optional>

#include "feeds/model/article.h"

namespace sic::publish {

// True when `tag` is in the language range `range`: equal, or `range` followed by '-'
// ("pt" takes "pt-BR"; "pt-BR" does not take "pt"). An empty range takes everything.
bool in_range(const LanguageTag& tag, const LanguageTag& range);

// The translation to show for the range, or nullptr: an exact language match before
// a range match, then human before machine, then an up-to-date one (made from the
// current original, not outdated) before a stale one, then by language tag.
const Translation* best_translation(const Article& article, const LanguageTag& range);

// The article as read in the range: itself (translations dropped) when the original
// is in the range; else title, summary, body and lang from the best translation, with
// shown_translation naming the original language, the kind, the engine and whether it
// is stale. nullopt when neither exists. id, origin, dates, tags, section, link and
// via are the original's.
std::optional<Article> in_language(const Article& article, const LanguageTag& range);

}  // namespace sic::publish
