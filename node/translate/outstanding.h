// Requests in flight to asynchronous engines (docs/translation.md, "eTranslation").
//
// A text for an AsyncEngine step goes out once; the request is kept in the catalogue
// (TranslationRequestStore) with the hash of a secret made for it, which its callback
// URLs carry. The service's callback stores the translation in the translation memory,
// where the next pass of the backlog finds it; an error callback fails that text once,
// under the backlog's retry rules; a request whose callback never comes is sent again
// after the engine's timeout; at most the engine's max_outstanding are in flight.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/translation_requests.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"

namespace sic::translate {

// The translation memory's answer for one step of an asynchronous engine: ready (the
// memory had it), or on its way: ask again at `waiting_until` at the latest (the
// callback usually comes first, and changes the catalogue's version).
struct Remembered {
  std::string text;
  std::optional<TimePoint> waiting_until;
  bool ready() const { return !waiting_until; }
};

// The step `pair` of `text` (whose memory key is `hash`) by `engine` (named `name`),
// when the memory does not hold it: waits for a request in flight; reports a failed
// one as an Error (once: the next call sends it again); sends it again when its
// deadline has passed (a late callback then changes nothing); otherwise sends it, when
// fewer than max_outstanding are in flight. `sent` is called when a request goes out.
Result<Remembered> ask_async(AsyncEngine& engine, const std::string& name, Catalogue& catalogue,
                             const Pair& pair, const std::string& text, const std::string& hash,
                             TextFormat format, TimePoint now, const std::function<void()>& sent);

// What became of a callback.
enum class CallbackOutcome {
  kStored,    // the translation is in the memory
  kFailed,    // the service's error is recorded for the backlog
  kIgnored,   // a duplicate, or late (the request was answered, failed or sent again)
  kRefused,   // no such request, a wrong secret, or a callback naming another request
  kMalformed  // not one of the engine's callbacks
};

// The request of a callback URL's {reference} and {secret}: std::nullopt when the
// reference is not a number, no such request exists or the secret is not its own
// (compared in constant time). Errors: the catalogue's.
Result<std::optional<TranslationRequest>> find_callback_request(Catalogue& catalogue,
                                                                const std::string& reference,
                                                                const std::string& secret);

// Handles POST /translation/callbacks/{reference}/{secret}/{kind}: checks the secret
// against the request's (in constant time) before reading anything else, then lets the
// request's engine in `engines` read the callback and stores the outcome in one
// transaction. Nothing is stored unless the outcome is kStored or kFailed. `detail`
// receives a line for the log. Errors: the catalogue's.
Result<CallbackOutcome> accept_callback(EngineSet& engines, Catalogue& catalogue,
                                        const std::string& reference, const std::string& secret,
                                        const Callback& callback, std::string& detail);

}  // namespace sic::translate
