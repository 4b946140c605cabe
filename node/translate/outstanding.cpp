#include "node/translate/outstanding.h"

#include <algorithm>

#include "feeds/model/hash.h"
#include "node/catalogue/translation_requests.h"
#include "node/catalogue/translations.h"

namespace sic::translate {
namespace {

// Done and expired requests are kept this long, so that a late or duplicate callback
// is recognised as such rather than refused.
constexpr auto kKeepAnswered = std::chrono::hours(24 * 7);
constexpr std::size_t kSecretBytes = 16;

const char* format_name(TextFormat format) {
  return format == TextFormat::kHtml ? "html" : "plain";
}

bool same_hash(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Remembered waiting(TimePoint until) { return {"", until}; }

// The request already open for this text and step, handled: an Error for a failed one
// (removed, so the next attempt sends it again), waiting for one in flight, nothing
// when there is none or it has expired now.
Result<std::optional<Remembered>> settle_open(Catalogue& cat, const std::string& name,
                                              const Pair& pair, const std::string& hash,
                                              TimePoint now) {
  auto& requests = cat.translation_requests();
  auto open = requests.open_request(name, hash, pair.from, pair.to);
  if (!open.ok()) return open.error();
  if (!*open) return std::optional<Remembered>();
  const TranslationRequest& r = **open;
  if (r.state == RequestState::kFailed) {
    if (Status st = requests.remove(r.reference); !st.ok()) return st.error();
    return Error{r.error};
  }
  if (now < r.deadline) return std::optional<Remembered>(waiting(r.deadline));
  if (Status st = requests.expire(r.reference); !st.ok()) return st.error();
  return std::optional<Remembered>();
}

// Adds the request when fewer than the bound are in flight: its reference, or nullopt.
Result<std::optional<std::int64_t>> reserve(Catalogue& cat, const AsyncEngine& engine,
                                            const TranslationRequest& request, TimePoint now) {
  std::optional<std::int64_t> reference;
  Status st = cat.transaction([&]() -> Status {
    auto& requests = cat.translation_requests();
    if (Status pruned = requests.prune(now - kKeepAnswered); !pruned.ok()) return pruned;
    auto flying = requests.in_flight(request.engine);
    if (!flying.ok()) return flying.error();
    if (std::size_t(*flying) >= engine.settings().max_outstanding) return Status::Ok();
    auto added = requests.add(request);
    if (!added.ok()) return added.error();
    reference = *added;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return reference;
}

}  // namespace

Result<Remembered> ask_async(AsyncEngine& engine, const std::string& name, Catalogue& cat,
                             const Pair& pair, const std::string& text, const std::string& hash,
                             TextFormat format, TimePoint now, const std::function<void()>& sent) {
  auto open = settle_open(cat, name, pair, hash, now);
  if (!open.ok()) return open.error();
  if (*open) return **open;
  const auto& settings = engine.settings();
  const std::string secret = hex_encode(random_bytes(kSecretBytes));
  TranslationRequest request;
  request.engine = name;
  request.source_hash = hash;
  request.source_lang = pair.from;
  request.target_lang = pair.to;
  request.format = format_name(format);
  request.secret_hash = sha256_hex(secret);
  request.sent_at = now;
  request.deadline = now + settings.timeout;
  auto reference = reserve(cat, engine, request, now);
  if (!reference.ok()) return reference.error();
  // At the bound, or another thread sent this text just now: wait for a callback (it
  // changes the catalogue's version) or, at the latest, for a request to time out.
  if (!*reference)
    return waiting(now +
                   std::min<std::chrono::seconds>(settings.timeout, std::chrono::seconds(60)));
  const std::string id = std::to_string(**reference);
  if (sent) sent();
  auto service_id =
      engine.submit(text, pair.from, pair.to, format, id,
                    settings.callback_base + "/translation/callbacks/" + id + "/" + secret);
  if (!service_id.ok()) {
    (void)cat.translation_requests().remove(**reference);
    return service_id.error();
  }
  if (Status st = cat.translation_requests().set_service_id(**reference, *service_id); !st.ok())
    return st.error();
  return waiting(request.deadline);
}

namespace {

// The position of the asynchronous engine named `name`, or nullptr.
AsyncEngine* engine_named(EngineSet& engines, const std::string& name) {
  for (std::size_t i = 0; i < engines.size(); ++i)
    if (AsyncEngine* e = engines.at(i).asynchronous(); e && e->name() == name) return e;
  return nullptr;
}

Result<CallbackOutcome> record(Catalogue& cat, const TranslationRequest& r,
                               const CallbackContent& content, std::string& detail) {
  if (r.state != RequestState::kSent) {
    detail = "request " + std::to_string(r.reference) + " is " + to_string(r.state) +
             ": the callback changes nothing";
    return CallbackOutcome::kIgnored;
  }
  if (content.failed) {
    detail = "request " + std::to_string(r.reference) + " failed: " + content.error;
    if (Status st = cat.translation_requests().fail(r.reference, content.error); !st.ok())
      return st.error();
    return CallbackOutcome::kFailed;
  }
  Status st = cat.translations().remember(r.source_hash, r.source_lang, r.target_lang, r.engine,
                                          content.text);
  if (st.ok()) st = cat.translation_requests().complete(r.reference);
  if (!st.ok()) return st.error();
  detail = "request " + std::to_string(r.reference) + " answered";
  return CallbackOutcome::kStored;
}

}  // namespace

Result<std::optional<TranslationRequest>> find_callback_request(Catalogue& cat,
                                                                const std::string& reference,
                                                                const std::string& secret) {
  if (reference.empty() || reference.size() > 18 ||
      !std::all_of(reference.begin(), reference.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::optional<TranslationRequest>();
  auto found = cat.translation_requests().find(std::stoll(reference));
  if (!found.ok()) return found.error();
  if (!*found || !same_hash(sha256_hex(secret), (*found)->secret_hash))
    return std::optional<TranslationRequest>();
  return found;
}

Result<CallbackOutcome> accept_callback(EngineSet& engines, Catalogue& cat,
                                        const std::string& reference, const std::string& secret,
                                        const Callback& callback, std::string& detail) {
  CallbackOutcome outcome = CallbackOutcome::kRefused;
  Status st = cat.transaction([&]() -> Status {
    auto found = find_callback_request(cat, reference, secret);
    if (!found.ok()) return found.error();
    if (!*found) {
      detail = "no request " + reference + " with that secret";
      return Status::Ok();
    }
    const TranslationRequest& r = **found;
    AsyncEngine* engine = engine_named(engines, r.engine);
    if (!engine) {
      detail = "request " + reference + " was sent by " + r.engine + ", no longer configured";
      outcome = CallbackOutcome::kIgnored;
      return Status::Ok();
    }
    TextFormat format = r.format == "html" ? TextFormat::kHtml : TextFormat::kPlain;
    auto content = engine->read_callback(callback, format);
    if (!content.ok()) {
      detail = content.error().message;
      outcome = CallbackOutcome::kMalformed;
      return Status::Ok();
    }
    bool other =
        (!content->reference.empty() && content->reference != reference) ||
        (!content->target_primary.empty() && content->target_primary != r.target_lang.primary());
    if (other) {
      detail = "the callback names another request or language than request " + reference;
      return Status::Ok();
    }
    auto recorded = record(cat, r, *content, detail);
    if (!recorded.ok()) return recorded.error();
    outcome = *recorded;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return outcome;
}

}  // namespace sic::translate
