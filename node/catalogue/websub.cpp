#include "node/catalogue/websub.h"

#include <iterator>

#include "node/catalogue/session.h"

namespace sic {
namespace {

constexpr const char* kHubColumns =
    "SELECT id, topic, callback, host, secret, lease_seconds, created_at, expires_at, "
    "delivered_etag, last_delivery, failures, last_error FROM websub_subscribers ";

std::optional<TimePoint> optional_time(const db::Statement& q, int column) {
  if (auto v = q.optional_integer(column)) return from_unix(*v);
  return std::nullopt;
}

std::optional<std::int64_t> optional_unix(const std::optional<TimePoint>& t) {
  if (t) return to_unix(*t);
  return std::nullopt;
}

HubSubscription read_hub_row(const db::Statement& q) {
  HubSubscription h;
  h.id = q.integer(0);
  h.topic = q.text(1);
  h.callback = q.text(2);
  h.host = q.text(3);
  h.secret = q.text(4);
  h.lease_seconds = q.integer(5);
  h.created_at = from_unix(q.integer(6));
  h.expires_at = from_unix(q.integer(7));
  h.delivered_etag = q.text(8);
  h.last_delivery = optional_time(q, 9);
  h.failures = q.integer(10);
  h.last_error = q.text(11);
  return h;
}

constexpr const char* kPushStates[] = {"none", "wanted", "requested", "active", "denied"};

PushState push_state_of(const std::string& text) {
  for (std::size_t i = 0; i < std::size(kPushStates); ++i)
    if (text == kPushStates[i]) return PushState(i);
  return PushState::kNone;
}

constexpr const char* kPushColumns =
    "SELECT peer_id, hub, topic, secret, state, requested_at, lease_until, last_delivery, "
    "deliveries, signature_failures, last_error FROM websub_subscriptions ";

PushSubscription read_push_row(const db::Statement& q) {
  PushSubscription p;
  p.peer = q.text(0);
  p.hub = q.text(1);
  p.topic = q.text(2);
  p.secret = q.text(3);
  p.state = push_state_of(q.text(4));
  p.requested_at = optional_time(q, 5);
  p.lease_until = optional_time(q, 6);
  p.last_delivery = optional_time(q, 7);
  p.deliveries = q.integer(8);
  p.signature_failures = q.integer(9);
  p.last_error = q.text(10);
  return p;
}

}  // namespace

Result<std::vector<HubSubscription>> HubSubscriptionStore::active(TimePoint now) {
  SIC_TRY_PREPARE(q, s_,
                  std::string(kHubColumns) + "WHERE expires_at > ?1 ORDER BY topic, callback");
  q.bind(1, to_unix(now));
  std::vector<HubSubscription> out;
  if (Status st = q.each([&] { out.push_back(read_hub_row(q)); }); !st.ok()) return st.error();
  return out;
}

Result<std::int64_t> HubSubscriptionStore::count_for_host(const std::string& host,
                                                          const std::string& topic,
                                                          const std::string& callback) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT COUNT(*) FROM websub_subscribers WHERE host = ?1 AND "
                  "NOT (topic = ?2 AND callback = ?3)");
  auto row = q.bind(1, host).bind(2, topic).bind(3, callback).step();
  if (!row.ok()) return row.error();
  return q.integer(0);
}

Result<std::int64_t> HubSubscriptionStore::subscribe(const HubSubscription& h) {
  std::int64_t id = 0;
  Status st = s_.write([&]() -> Status {
    SIC_TRY_PREPARE(q, s_,
                    "INSERT INTO websub_subscribers (topic, callback, host, secret, lease_seconds, "
                    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                    "ON CONFLICT (topic, callback) DO UPDATE SET secret = excluded.secret, "
                    "lease_seconds = excluded.lease_seconds, expires_at = excluded.expires_at "
                    "RETURNING id");
    q.bind(1, h.topic).bind(2, h.callback).bind(3, h.host).bind(4, h.secret);
    q.bind(5, h.lease_seconds).bind(6, to_unix(h.created_at)).bind(7, to_unix(h.expires_at));
    auto row = q.step();
    if (!row.ok()) return row.error();
    id = q.integer(0);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return id;
}

Status HubSubscriptionStore::unsubscribe(const std::string& topic, const std::string& callback) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM websub_subscribers WHERE topic = ?1 AND callback = ?2");
  return q.bind(1, topic).bind(2, callback).run();
}

Status HubSubscriptionStore::remove(std::int64_t id) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM websub_subscribers WHERE id = ?1");
  return q.bind(1, id).run();
}

Status HubSubscriptionStore::delivered(std::int64_t id, const std::string& etag, TimePoint at) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE websub_subscribers SET delivered_etag = ?2, last_delivery = ?3, "
                  "failures = 0, last_error = '' WHERE id = ?1");
  return q.bind(1, id).bind(2, etag).bind(3, to_unix(at)).run();
}

Status HubSubscriptionStore::failed(std::int64_t id, const std::string& error) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE websub_subscribers SET failures = failures + 1, last_error = ?2 "
                  "WHERE id = ?1");
  return q.bind(1, id).bind(2, error).run();
}

Result<std::int64_t> HubSubscriptionStore::expire(TimePoint now) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM websub_subscribers WHERE expires_at <= ?1");
  if (Status st = q.bind(1, to_unix(now)).run(); !st.ok()) return st.error();
  return s_.db->changes();
}

const char* to_string(PushState state) { return kPushStates[std::size_t(state)]; }

Result<std::optional<PushSubscription>> PushStore::find(const std::string& peer) {
  SIC_TRY_PREPARE(q, s_, std::string(kPushColumns) + "WHERE peer_id = ?1");
  auto row = q.bind(1, peer).step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<PushSubscription>();
  return std::optional<PushSubscription>(read_push_row(q));
}

Result<std::vector<PushSubscription>> PushStore::list() {
  SIC_TRY_PREPARE(q, s_, std::string(kPushColumns) + "ORDER BY peer_id");
  std::vector<PushSubscription> out;
  if (Status st = q.each([&] { out.push_back(read_push_row(q)); }); !st.ok()) return st.error();
  return out;
}

Status PushStore::note_hub(const std::string& peer, const std::string& hub,
                           const std::string& topic, const std::string& new_secret) {
  auto now = find(peer);
  if (!now.ok()) return now.error();
  if (*now && (*now)->hub == hub && (*now)->topic == topic) return Status::Ok();
  PushSubscription p;
  p.peer = peer;
  p.hub = hub;
  p.topic = topic;
  p.secret = hub.empty() ? "" : new_secret;
  p.state = hub.empty() ? PushState::kNone : PushState::kWanted;
  if (*now) {  // the counters stay with the peer
    p.deliveries = (*now)->deliveries;
    p.signature_failures = (*now)->signature_failures;
    p.last_delivery = (*now)->last_delivery;
  }
  SIC_TRY_PREPARE(
      q, s_,
      "INSERT OR REPLACE INTO websub_subscriptions (peer_id, hub, topic, secret, state, "
      "last_delivery, deliveries, signature_failures) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, peer).bind(2, hub).bind(3, topic).bind(4, p.secret).bind(5, to_string(p.state));
  q.bind(6, optional_unix(p.last_delivery)).bind(7, p.deliveries).bind(8, p.signature_failures);
  return q.run();
}

Status PushStore::save(const PushSubscription& p) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE websub_subscriptions SET hub = ?2, topic = ?3, secret = ?4, state = ?5, "
                  "requested_at = ?6, lease_until = ?7, last_error = ?8 WHERE peer_id = ?1");
  q.bind(1, p.peer).bind(2, p.hub).bind(3, p.topic).bind(4, p.secret).bind(5, to_string(p.state));
  q.bind(6, optional_unix(p.requested_at)).bind(7, optional_unix(p.lease_until));
  q.bind(8, p.last_error);
  if (Status st = q.run(); !st.ok()) return st;
  if (s_.db->changes() == 0) return Error{"websub: no subscription for peer \"" + p.peer + "\""};
  return Status::Ok();
}

Status PushStore::delivered(const std::string& peer, TimePoint at) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE websub_subscriptions SET deliveries = deliveries + 1, last_delivery = ?2 "
                  "WHERE peer_id = ?1");
  return q.bind(1, peer).bind(2, to_unix(at)).run();
}

Status PushStore::bad_signature(const std::string& peer) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE websub_subscriptions SET signature_failures = signature_failures + 1 "
                  "WHERE peer_id = ?1");
  return q.bind(1, peer).run();
}

}  // namespace sic
