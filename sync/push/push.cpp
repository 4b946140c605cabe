#include "sync/push/push.h"

#include <algorithm>
#include <iterator>

#include "feeds/model/hash.h"
#include "feeds/model/iri.h"
#include "node/catalogue/peers.h"

namespace sic::push {
namespace {

// One line from a hub's refusal: its status and the start of its body.
std::string refusal(const fetch::Response& r) {
  std::string why = r.error.empty() ? fetch::to_string(r.outcome) : r.error;
  if (r.outcome == fetch::Outcome::kOk) why = "hub answered " + std::to_string(r.status);
  std::string body = r.body.substr(0, 200);
  std::replace_if(
      body.begin(), body.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  while (!body.empty() && body.back() == ' ') body.pop_back();
  return body.empty() ? why : why + ": " + body;
}

}  // namespace

std::string callback_url(const SubscriberSettings& settings, const std::string& peer) {
  return settings.callback_base + percent_encode(peer);
}

std::optional<TimePoint> due_at(const PushSubscription& s, const SubscriberSettings& settings) {
  if (s.hub.empty()) return std::nullopt;
  TimePoint asked = s.requested_at.value_or(TimePoint{});
  switch (s.state) {
    case PushState::kNone:
      return std::nullopt;
    case PushState::kWanted:
      return TimePoint{};
    case PushState::kRequested:
    case PushState::kDenied:
      return asked + settings.retry;
    case PushState::kActive:
      if (!s.lease_until) return TimePoint{};
      return *s.lease_until - (*s.lease_until - asked) / 5;
  }
  return std::nullopt;
}

Result<std::optional<TimePoint>> next_due(Catalogue& cat, const SubscriberSettings& settings) {
  auto subs = cat.push().list();
  if (!subs.ok()) return subs.error();
  std::optional<TimePoint> next;
  for (const auto& s : *subs)
    if (auto due = due_at(s, settings); due && (!next || *due < *next)) next = due;
  return next;
}

Result<SubscribeReport> subscribe_due(Catalogue& cat, fetch::Fetcher& fetcher,
                                      const SubscriberSettings& settings) {
  auto subs = cat.push().list();
  if (!subs.ok()) return subs.error();
  TimePoint now = cat.clock().now();
  std::vector<PushSubscription> due;
  std::vector<fetch::Request> requests;
  for (auto& s : *subs) {
    auto at = due_at(s, settings);
    if (!at || *at > now) continue;
    s.state = PushState::kRequested;
    s.requested_at = now;
    if (Status st = cat.push().save(s); !st.ok()) return st.error();
    std::string body = form_encode({{"hub.mode", "subscribe"},
                                    {"hub.topic", s.topic},
                                    {"hub.callback", callback_url(settings, s.peer)},
                                    {"hub.lease_seconds", std::to_string(settings.lease.count())},
                                    {"hub.secret", s.secret}});
    requests.push_back({.url = s.hub,
                        .method = "POST",
                        .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                        .body = std::move(body)});
    due.push_back(s);
  }
  SubscribeReport report;
  if (requests.empty()) return report;
  auto responses = fetcher.fetch_all(requests);
  for (std::size_t i = 0; i < due.size(); ++i) {
    const fetch::Response& r = responses[i];
    if (r.outcome == fetch::Outcome::kOk && (r.status == 202 || r.status == 204)) {
      report.asked.push_back(due[i].peer);
      continue;
    }
    // Read the row again: the hub may have verified (or denied) meanwhile.
    auto now_row = cat.push().find(due[i].peer);
    if (!now_row.ok()) return now_row.error();
    if (!*now_row || (*now_row)->state != PushState::kRequested) continue;
    PushSubscription s = **now_row;
    s.state = PushState::kDenied;
    s.last_error = refusal(r);
    if (Status st = cat.push().save(s); !st.ok()) return st.error();
    report.failures.push_back(s.peer + ": " + s.last_error);
  }
  return report;
}

Result<std::string> verify_intent(Catalogue& cat, const std::string& peer, const Verification& v) {
  auto row = cat.push().find(peer);
  if (!row.ok()) return row.error();
  const bool ours = *row && !(*row)->hub.empty() && (*row)->topic == v.topic;
  if (v.mode == "unsubscribe") {
    if (ours && (*row)->state != PushState::kNone)
      return Error{"websub: this node still wants " + v.topic};
    return v.challenge;
  }
  if (!ours) return Error{"websub: no subscription asked for that topic"};
  PushSubscription s = **row;
  TimePoint now = cat.clock().now();
  if (v.mode == "denied") {
    s.state = PushState::kDenied;
    s.requested_at = now;
    s.last_error = "denied by the hub" + (v.reason.empty() ? "" : ": " + v.reason);
    if (Status st = cat.push().save(s); !st.ok()) return st.error();
    return std::string();
  }
  if (v.mode != "subscribe") return Error{"websub: unknown hub.mode"};
  if (s.state != PushState::kRequested && s.state != PushState::kActive)
    return Error{"websub: no subscription asked for that topic"};
  if (v.challenge.empty()) return Error{"websub: hub.challenge is missing"};
  if (!v.lease_seconds || *v.lease_seconds <= 0)
    return Error{"websub: hub.lease_seconds is missing or not positive"};
  s.state = PushState::kActive;
  s.requested_at = now;
  s.lease_until = now + std::chrono::seconds(*v.lease_seconds);
  s.last_error.clear();
  if (Status st = cat.push().save(s); !st.ok()) return st.error();
  return v.challenge;
}

const char* to_string(DeliveryOutcome outcome) {
  static constexpr const char* kNames[] = {"merged", "unknown peer", "bad signature",
                                           "bad document", "failed"};
  static_assert(std::size(kNames) == std::size_t(DeliveryOutcome::kFailed) + 1);
  return kNames[std::size_t(outcome)];
}

DeliveryResult accept_delivery(Catalogue& cat, const std::string& peer, std::string_view body,
                               std::string_view signature_header,
                               const sync::SyncSettings& settings) {
  DeliveryResult out;
  auto row = cat.push().find(peer);
  auto record = cat.peers().find(peer);
  if (!row.ok() || !record.ok()) {
    out.error = !row.ok() ? row.error().message : record.error().message;
    return out;
  }
  if (!*row || !*record || (*row)->hub.empty() || (*row)->secret.empty()) {
    out.outcome = DeliveryOutcome::kUnknownPeer;
    out.error = "websub: no subscription for \"" + peer + "\"";
    return out;
  }
  const PushSubscription& s = **row;
  auto eq = signature_header.find('=');
  std::string algorithm(signature_header.substr(0, std::min(eq, signature_header.size())));
  std::string given(eq == std::string_view::npos ? "" : signature_header.substr(eq + 1));
  std::string expected = hmac_hex(algorithm, s.secret, body);
  if (expected.empty() || !equal_in_constant_time(expected, given)) {
    out.outcome = DeliveryOutcome::kBadSignature;
    out.error = signature_header.empty() ? "websub: X-Hub-Signature is missing"
                : expected.empty()       ? "websub: X-Hub-Signature: use sha256, sha384 or sha512"
                                         : "websub: X-Hub-Signature does not match the body";
    (void)cat.push().bad_signature(peer);
    return out;
  }
  auto stats = sync::apply_pushed(cat, **record, body, s.topic, settings);
  if (!stats.ok()) {
    out.outcome = DeliveryOutcome::kBadDocument;
    out.error = stats.error().message;
    return out;
  }
  out.outcome = DeliveryOutcome::kMerged;
  out.stats = *stats;
  (void)cat.push().delivered(peer, cat.clock().now());
  return out;
}

}  // namespace sic::push
