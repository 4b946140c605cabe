// Requests sent to asynchronous translation services and not yet answered
// (docs/translation.md, "eTranslation"): kept in the catalogue so that a restart
// loses none, and so that a callback is accepted only for a request this node made,
// with the secret it made for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/language.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

enum class RequestState {
  kSent,     // waiting for the service's callback
  kDone,     // the translation came (it is in the translation memory)
  kFailed,   // the service called back with an error; the backlog reports it once
  kExpired,  // no callback came in time; a later one changes nothing
};
const char* to_string(RequestState state);  // "sent", "done", "failed", "expired"

struct TranslationRequest {
  std::int64_t reference = 0;            // the node's id for it, in its callback URLs
  std::string engine;                    // the engine's name ("etranslation")
  std::string source_hash;               // the translation memory's key for the text
  LanguageTag source_lang, target_lang;  // primary subtags: the route step
  std::string format;                    // "plain" or "html"
  std::string secret_hash;               // SHA-256 (hex) of the secret in the URLs
  std::string service_id;                // the service's id for it; "" until known
  RequestState state = RequestState::kSent;
  std::string error;  // kFailed: the service's error
  TimePoint sent_at{}, deadline{};
};

class TranslationRequestStore {
 public:
  explicit TranslationRequestStore(catalogue::Session& session) : s_(session) {}

  // The request for this text and step that is sent or failed, if any (there is at most
  // one).
  Result<std::optional<TranslationRequest>> open_request(const std::string& engine,
                                                         const std::string& source_hash,
                                                         const LanguageTag& from,
                                                         const LanguageTag& to);
  Result<std::optional<TranslationRequest>> find(std::int64_t reference);
  // The engine's requests in state sent.
  Result<std::int64_t> in_flight(const std::string& engine);
  // Every request in state sent or failed, oldest first.
  Result<std::vector<TranslationRequest>> open_requests();

  // Adds a request in state sent (the fields but reference, state, service_id and error)
  // and returns its reference; std::nullopt when one is open for the same text and step
  // already. Does not change the catalogue's version.
  Result<std::optional<std::int64_t>> add(const TranslationRequest& request);
  Status set_service_id(std::int64_t reference, const std::string& service_id);
  // sent -> done (the caller stores the translation in the same transaction) and
  // sent -> failed. Both change the catalogue's version, which wakes the backlog.
  Status complete(std::int64_t reference);
  Status fail(std::int64_t reference, const std::string& error);
  // sent -> expired.
  Status expire(std::int64_t reference);
  Status remove(std::int64_t reference);
  // Forgets done and expired requests sent before `before`.
  Status prune(TimePoint before);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
