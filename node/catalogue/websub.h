// WebSub state (docs/websub.md): the subscribers of this node's hub, and this node's
// own subscriptions to its peers' hubs. Neither changes the catalogue's version: they
// are not part of what the node publishes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

// A verified subscription to one of this node's topics.
struct HubSubscription {
  std::int64_t id = 0;
  std::string topic;     // the canonical URL of the document
  std::string callback;  // where deliveries are POSTed
  std::string host;      // the callback's host, for the per-host limit
  std::string secret;    // hub.secret; "" when the subscriber gave none
  std::int64_t lease_seconds = 0;
  TimePoint created_at{}, expires_at{};
  std::string delivered_etag;  // the ETag of the last document delivered; "" none yet
  std::optional<TimePoint> last_delivery;
  std::int64_t failures = 0;  // failed deliveries since the last success
  std::string last_error;
};

class HubSubscriptionStore {
 public:
  explicit HubSubscriptionStore(catalogue::Session& session) : s_(session) {}

  // Every subscription whose lease has not ended at `now`, by topic then callback.
  Result<std::vector<HubSubscription>> active(TimePoint now);
  // How many subscriptions (any lease) have callbacks on this host, the one of this
  // topic and callback left out (renewing it does not count).
  Result<std::int64_t> count_for_host(const std::string& host, const std::string& topic,
                                      const std::string& callback);
  // Adds the subscription or renews the one of the same topic and callback (its
  // secret and lease replaced; its delivery state kept). Returns its id.
  Result<std::int64_t> subscribe(const HubSubscription& subscription);
  // Removes the subscription of this topic and callback; ok when there is none.
  Status unsubscribe(const std::string& topic, const std::string& callback);
  Status remove(std::int64_t id);
  // A delivery of the document with this ETag succeeded / failed.
  Status delivered(std::int64_t id, const std::string& etag, TimePoint at);
  Status failed(std::int64_t id, const std::string& error);
  // Removes subscriptions whose lease ended before `now`; returns how many.
  Result<std::int64_t> expire(TimePoint now);

 private:
  catalogue::Session& s_;
};

// This node's subscription to a peer's hub.
enum class PushState {
  kNone,       // the peer's feed names no hub (or push is off)
  kWanted,     // a hub is known; no subscription asked yet (or it must be asked again)
  kRequested,  // asked; waiting for the hub's verification of intent
  kActive,     // verified; deliveries expected until lease_until
  kDenied,     // the hub refused (hub.mode=denied) or the request failed
};
const char* to_string(PushState state);  // "none", "wanted", "requested", "active", "denied"

struct PushSubscription {
  std::string peer;
  std::string hub;    // the first rel="hub" of the peer's feed
  std::string topic;  // its rel="self" (else the peer's URL)
  std::string secret;
  PushState state = PushState::kNone;
  std::optional<TimePoint> requested_at;
  std::optional<TimePoint> lease_until;
  std::optional<TimePoint> last_delivery;
  std::int64_t deliveries = 0;
  std::int64_t signature_failures = 0;
  std::string last_error;

  // Verified and its lease not ended: the peer is polled only as the fallback.
  bool healthy(TimePoint now) const {
    return state == PushState::kActive && lease_until && *lease_until > now;
  }
};

class PushStore {
 public:
  explicit PushStore(catalogue::Session& session) : s_(session) {}

  Result<std::optional<PushSubscription>> find(const std::string& peer);
  Result<std::vector<PushSubscription>> list();  // by peer id
  // What the peer's live feed names: a new hub or topic starts over (state wanted, a
  // new secret given by the caller); the same ones change nothing. An empty hub
  // means none (state none).
  Status note_hub(const std::string& peer, const std::string& hub, const std::string& topic,
                  const std::string& new_secret);
  // Writes the row's state fields as given (the peer must have a row).
  Status save(const PushSubscription& subscription);
  // A delivery was merged / refused for its signature.
  Status delivered(const std::string& peer, TimePoint at);
  Status bad_signature(const std::string& peer);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
