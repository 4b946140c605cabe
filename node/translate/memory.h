// Translating articles through the translation memory (docs/translation.md,
// "Translation memory").
//
// Every step of a route is looked up in the catalogue's memory first, keyed by the
// hash of the source text (with its format), the step's two languages and the name of
// the step's engine; only a miss calls the engine, and its answer is remembered. So a
// re-sync, a re-import or another article with the same title never calls the engine
// again, an edit re-translates only the fields that changed, and a pivot route shares
// its first step with the direct translation into the pivot language. A step of an
// asynchronous engine goes out as a request whose answer the service delivers to the
// memory later (outstanding.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "feeds/feeds.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"
#include "node/translate/outstanding.h"
#include "node/translate/route.h"

namespace sic::translate {

// Told about each step as it happens (for metrics and progress); the defaults do
// nothing. Called on the thread that translates.
class MemoryObserver {
 public:
  virtual ~MemoryObserver() = default;
  // A real call to an engine for one step (a miss in the memory), successful or not;
  // for an asynchronous engine, a request sent.
  virtual void engine_called(const std::string& /*engine*/, const Pair& /*step*/) {}
  // One step of one text answered by the memory.
  virtual void memory_hit() {}
};

// The memory's key for a source text: SHA-256 (hex) over its format and the text.
std::string text_hash(std::string_view text, TextFormat format);

// Translates `text` along `route` (each step by its engine in `engines`), each step from
// the catalogue's memory when it holds that step, else from the engine (and then
// remembered). An empty text gives an empty text and touches neither. An Error from a
// step is returned as it is; nothing is remembered for a failed step, while the steps
// before it stay remembered. A step of an asynchronous engine that is not in the memory
// yet makes the result wait (Remembered::waiting_until); the steps after it wait too.
Result<Remembered> translate_remembered(EngineSet& engines, Catalogue& catalogue,
                                        const Route& route, std::string_view text,
                                        TextFormat format, MemoryObserver& observer);

// The machine translation of the article's title and summary (plain text) and body
// (HTML) into `target` along `route`: kind machine, the route's label
// (route_label), source_hash = article.content_hash(), translated_at = now. The texts
// are kept as the catalogue keeps every article (canonical_text; the body through
// sanitize_html with `sanitize`). Error when any of the three fails: no partial
// translation. When a field waits for an asynchronous engine, the others are still
// asked (so that all go out together) and the result is the earliest time to ask
// again.
Result<std::variant<Translation, TimePoint>> translate_article(
    EngineSet& engines, Catalogue& catalogue, const Article& article, const LanguageTag& target,
    const Route& route, TimePoint now, const SanitizeOptions& sanitize, MemoryObserver& observer);

}  // namespace sic::translate
