// This node as a WebSub subscriber of its peers' hubs (docs/websub.md, "Subscribing"):
// asking and renewing subscriptions, answering the hubs' verification of intent, and
// taking their deliveries through the same merge as a fetched document.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "node/catalogue/catalogue.h"
#include "node/catalogue/websub.h"
#include "sync/http_client/http_client.h"
#include "sync/merge/merge.h"
#include "sync/round/round.h"

namespace sic::push {

struct SubscriberSettings {
  // The callback of a peer is callback_base + peer id ("https://sic.example.pt/websub/callback/").
  std::string callback_base;
  std::chrono::seconds lease{10 * 86400};  // asked of the hubs
  // A request not verified after this long, or denied, is asked again after this long.
  std::chrono::seconds retry{300};
};

// The callback URL of a peer.
std::string callback_url(const SubscriberSettings& settings, const std::string& peer);

// When a subscription must be asked (again): a hub known and none asked; asked and not
// verified for `retry`; denied `retry` ago; active with a fifth of its lease left.
// nullopt: nothing to do (no hub).
std::optional<TimePoint> due_at(const PushSubscription& subscription,
                                const SubscriberSettings& settings);

struct SubscribeReport {
  std::vector<std::string> asked;     // peers whose hub accepted the request (202)
  std::vector<std::string> failures;  // "peer: message"
};

// Sends hub.mode=subscribe for every subscription due at the catalogue clock's now (in
// parallel), with the subscription's secret. The state is `requested` before the
// request goes (the hub may verify before it answers); a refusal makes it `denied`
// with the hub's answer as last_error. Errors: the catalogue's.
Result<SubscribeReport> subscribe_due(Catalogue& catalogue, fetch::Fetcher& fetcher,
                                      const SubscriberSettings& settings);

// The earliest due_at of the stored subscriptions; nullopt when none is due ever.
Result<std::optional<TimePoint>> next_due(Catalogue& catalogue, const SubscriberSettings& settings);

// The hub's GET to a peer's callback. For hub.mode=subscribe: the challenge to echo when
// this node asked for exactly that topic (requested or active), the subscription then
// active until now + hub.lease_seconds. For unsubscribe: the challenge when this node
// has no subscription to that topic any more. For denied: the denial recorded (its
// hub.reason as last_error). An Error (answered 404) otherwise, naming why.
struct Verification {
  std::string mode, topic, challenge, reason;
  std::optional<std::int64_t> lease_seconds;
};
Result<std::string> verify_intent(Catalogue& catalogue, const std::string& peer,
                                  const Verification& verification);

enum class DeliveryOutcome {
  kMerged,        // signature good; the document merged (stats)
  kUnknownPeer,   // no subscription for that peer (answered 410: the hub may stop)
  kBadSignature,  // X-Hub-Signature missing or wrong: nothing changed, counted
  kBadDocument,   // signed, but not a feed the readers accept
  kFailed,        // the catalogue failed
};
const char* to_string(DeliveryOutcome outcome);

struct DeliveryResult {
  DeliveryOutcome outcome = DeliveryOutcome::kFailed;
  sync::MergeStats stats;
  std::string error;
};

// A hub's POST to a peer's callback: the body's HMAC (X-Hub-Signature: sha256=,
// sha384= or sha512=, over the body with the subscription's secret) checked, then
// the document merged as one the peer served (sync::apply_pushed).
DeliveryResult accept_delivery(Catalogue& catalogue, const std::string& peer, std::string_view body,
                               std::string_view signature_header,
                               const sync::SyncSettings& settings);

}  // namespace sic::push
