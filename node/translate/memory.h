// Translating articles through the translation memory (docs/translation.md,
// "Translation memory").
//
// Every step of a route is looked up in the catalogue's memory first, keyed by the
// hash of the source text (with its format), the step's two languages and the
// engine's name; only a miss calls the engine, and its answer is remembered. So a
// re-sync, a re-import or another article with the same title never calls the
// engine again, an edit re-translates only the fields that changed, and a pivot
// route shares its first step with the direct translation into the pivot language.
#pragma once

#include <string>
#include <string_view>

#include "feeds/feeds.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/translations.h"
#include "node/translate/engine/engine.h"
#include "node/translate/route.h"

namespace sic::translate {

// Told about each step as it happens (for metrics and progress); the defaults do
// nothing. Called on the thread that translates.
class MemoryObserver {
 public:
  virtual ~MemoryObserver() = default;
  // A real call to the engine for one step (a miss in the memory), successful or not.
  virtual void engine_called(const std::string& /*engine*/, const Pair& /*step*/) {}
  // One step of one text answered by the memory.
  virtual void memory_hit() {}
};

// The memory's key for a source text: SHA-256 (hex) over its format and the text.
std::string text_hash(std::string_view text, TextFormat format);

// Translates `text` along `route`, each step from `memory` when it holds that step,
// else from `engine` (and then remembered). An empty text gives an empty text and
// touches neither. An Error from a step is returned as it is; nothing is remembered
// for a failed step, while the steps before it stay remembered.
Result<std::string> translate_remembered(Engine& engine, TranslationStore& memory,
                                         const Route& route, std::string_view text,
                                         TextFormat format, MemoryObserver& observer);

// The machine translation of the article's title and summary (plain text) and body
// (HTML) into `target` along `route`: kind machine, the engine label of the route,
// source_hash = article.content_hash(), translated_at = now. The texts are kept as
// the catalogue keeps every article (canonical_text; the body through sanitize_html
// with `sanitize`). Error when any of the three fails: no partial translation.
Result<Translation> translate_article(Engine& engine, TranslationStore& memory,
                                      const Article& article, const LanguageTag& target,
                                      const Route& route, TimePoint now,
                                      const SanitizeOptions& sanitize, MemoryObserver& observer);

}  // namespace sic::translate
