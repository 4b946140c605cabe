// Machine translation engines (docs/translation.md).
//
// An Engine translates one direct step between two languages it supports. This folder
// (node/translate/engine) holds what every engine implements and the language codes
// they speak; the engines (apertium/, remote/) and node/translate include it. Several
// engines in order of preference make an EngineSet (node/translate/engines.h); routing
// through pivot languages (pt>es>en) and the engine label stored with a translation
// live in node/translate/route.h and translator.h; building the engines from the
// config in node/translate/factory.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
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

class AsyncEngine;

class Engine {
 public:
  virtual ~Engine() = default;

  // "apertium", "apy", "libretranslate", "deepl", "etranslation" or "none": the
  // engine's part of the label recorded with every translation.
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

  // How much a direct pair of this engine costs when routes of the same length and the
  // same engines tie (docs/translation.md, "Routes"): 0 for the engine's best pairs,
  // more for weaker ones. The default is 0 for every pair.
  virtual int pair_cost(const Pair& /*pair*/) const { return 0; }

  // Non-null for an engine whose service answers later, by calling the node back
  // (eTranslation); its translate() is then never used.
  virtual AsyncEngine* asynchronous() { return nullptr; }
};

// What the service sent to the node's callback route for one request
// (POST /translation/callbacks/{reference}/{secret}/{kind}).
struct Callback {
  std::string kind;  // the last path segment: what the engine put in the URL it gave
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  // The body's fields when it is application/x-www-form-urlencoded (decoded).
  std::vector<std::pair<std::string, std::string>> form;
};

// What a callback says: the translation, or the service's failure.
struct CallbackContent {
  bool failed = false;
  std::string text;            // !failed: the translation
  std::string error;           // failed: the service's code and message
  std::string reference;       // the node's reference the service echoed; "" when absent
  std::string target_primary;  // the target language the service named; "" when absent
};

// An engine behind an asynchronous service (docs/translation.md, "eTranslation"). The
// node sends a text with submit(), keeps the request in its catalogue, and the service
// later POSTs the result to a callback URL under `callback_prefix`; the node reads it
// with read_callback(). The bookkeeping (secrets, timeouts, the bound on requests in
// flight) is node/translate/outstanding.h's.
class AsyncEngine : public Engine {
 public:
  struct Settings {
    std::string callback_base;          // the node's public URL, without a trailing '/'
    std::chrono::seconds timeout{900};  // sent again when no callback came by then
    std::size_t max_outstanding = 100;  // requests in flight at once
  };
  virtual const Settings& settings() const = 0;

  // Sends `text` (not empty) to translate from `from` to `to`; the service will POST
  // the result to `callback_prefix` + "/" + a kind of the engine's choosing.
  // `reference` is the node's id for the request, for the service to echo. Returns the
  // service's own id for the request. Errors name the engine ("etranslation: the
  // service refused the request: -20028 (concurrency quota exceeded)").
  virtual Result<std::string> submit(std::string_view text, const LanguageTag& from,
                                     const LanguageTag& to, TextFormat format,
                                     const std::string& reference,
                                     const std::string& callback_prefix) = 0;

  // Reads a callback for a request sent with `format`. Error when it is not one of the
  // service's callbacks (a malformed body, an unknown kind).
  virtual Result<CallbackContent> read_callback(const Callback& callback, TextFormat format) = 0;

  // An asynchronous engine translates through submit(); translate() is an Error.
  Result<std::string> translate(std::string_view, const LanguageTag& from, const LanguageTag& to,
                                TextFormat) final {
    return Error{name() + ": answers asynchronously, through the backlog (cannot translate " +
                 from.primary() + " to " + to.primary() + " now)"};
  }
  AsyncEngine* asynchronous() final { return this; }
};

}  // namespace sic::translate
