// Machine translation engines (docs/translation.md).
//
// An Engine translates one direct step between two languages it supports. This folder
// (node/translate/engine) holds what every engine implements and the language codes
// they speak; the engines (apertium/, remote/) and node/translate include it. Routing
// through pivot languages (pt>es>en) and the engine label stored with a translation
// live in node/translate/route.h and translator.h; building an engine from the config
// in node/translate/factory.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/language.h"
#include "feeds/model/result.h"

namespace sic::translate {

enum class TextFormat {
  kPlain,  // a title or summary: plain UTF-8 text
  kHtml,   // an HTML fragment (an article body): markup is kept around the translated text
};

// One direction an engine translates directly. Both tags hold only a primary language
// subtag ("es", "en", "ast"): engines translate languages, not regional variants.
struct Pair {
  LanguageTag from;
  LanguageTag to;
  friend bool operator==(const Pair&, const Pair&) = default;
  friend auto operator<=>(const Pair&, const Pair&) = default;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // "apertium", "apy", "libretranslate", "deepl" or "none": the first part of the
  // engine label recorded with every translation.
  virtual std::string name() const = 0;

  // The directions this engine translates directly, sorted, without duplicates. An
  // engine behind HTTP asks its service on the first call and keeps a successful
  // answer; an Error names the engine ("apy: ...").
  virtual Result<std::vector<Pair>> pairs() = 0;

  // Translates `text` from `from` to `to`, one of pairs() (only the primary subtags
  // are looked at). kHtml keeps the markup. An empty text gives an empty text. On
  // failure returns an Error naming the engine and the direction; what comes back
  // as a value is always a translation, never an error message.
  // Thread-safe: concurrent calls are allowed (engines serialize where they must).
  virtual Result<std::string> translate(std::string_view text, const LanguageTag& from,
                                        const LanguageTag& to, TextFormat format) = 0;

  // Makes every translate() in progress fail soon (within about 100 ms) and every
  // later call fail at once, with an Error saying "cancelled". For stopping a node;
  // it cannot be undone. Thread-safe. The default does nothing (engines that do not
  // block themselves: an HTTP engine is cancelled through its fetcher).
  virtual void cancel() {}
};

}  // namespace sic::translate
