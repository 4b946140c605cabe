#include "node/websub/websub.h"

#include "node/catalogue/peers.h"
#include "sync/push/push.h"

namespace sic::websub {
namespace {

const char* kReceived = "sicnode_push_deliveries_total";
const char* kVerify = "sicnode_push_verifications_total";

http::Response verification(NodeContext& ctx, const http::Request& r, const http::Params& p) {
  push::Verification v;
  v.mode = r.param("hub.mode").value_or("");
  v.topic = r.param("hub.topic").value_or("");
  v.challenge = r.param("hub.challenge").value_or("");
  v.reason = r.param("hub.reason").value_or("");
  if (auto lease = r.param("hub.lease_seconds");
      lease && !lease->empty() && lease->size() < 12 &&
      lease->find_first_not_of("0123456789") == std::string::npos)
    v.lease_seconds = std::stoll(*lease);
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
  auto answer = push::verify_intent(**cat, p.at("peer"), v);
  ctx.metrics.inc(kVerify, {{"peer", p.at("peer")},
                            {"mode", v.mode},
                            {"result", answer.ok() ? "confirmed" : "refused"}});
  if (!answer.ok()) return http::Response::text(404, answer.error().message + "\n");
  if (v.mode != "unsubscribe" && ctx.push_changed) ctx.push_changed();
  return http::Response::text(200, *answer);
}

http::Response delivery(NodeContext& ctx, const sync::SyncSettings& settings,
                        const http::Request& r, const http::Params& p) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
  const std::string& peer = p.at("peer");
  push::DeliveryResult result =
      push::accept_delivery(**cat, peer, r.body, r.header("x-hub-signature"), settings);
  ctx.metrics.inc(kReceived, {{"peer", peer}, {"result", push::to_string(result.outcome)}});
  switch (result.outcome) {
    case push::DeliveryOutcome::kMerged:
      // Entries held for an unknown signer: a round learns its key (docs/websub.md).
      if (result.stats.held > 0 && ctx.request_sync) ctx.request_sync();
      return http::Response::text(202, "merged: " + std::to_string(result.stats.added) +
                                           " added, " + std::to_string(result.stats.updated) +
                                           " updated, " + std::to_string(result.stats.deleted) +
                                           " deleted\n");
    case push::DeliveryOutcome::kUnknownPeer:
      return http::Response::text(410, result.error + "\n");
    case push::DeliveryOutcome::kBadSignature:
      return http::Response::text(403, result.error + "\n");
    case push::DeliveryOutcome::kBadDocument:
      return http::Response::text(400, result.error + "\n");
    case push::DeliveryOutcome::kFailed:
      break;
  }
  return http::Response::text(503, result.error + "\n");
}

}  // namespace

std::string callback_base(const NodeContext& ctx) { return ctx.url("/websub/callback/"); }

void add_routes(http::Router& router, NodeContext& ctx, Hub* hub,
                const sync::SyncSettings& settings) {
  metrics::Registry& m = ctx.metrics;
  m.counter(kReceived,
            "Deliveries from the peers' hubs, by peer and result (merged, bad signature, unknown "
            "peer, bad document, failed).");
  m.counter(kVerify, "Verifications of intent from the peers' hubs, by peer, mode and result.");
  if (hub)
    router.add(http::Method::kPost, "/websub",
               [hub](const http::Request& r, const http::Params&) { return hub->handle(r); },
               {.max_body = 8 * 1024, .admit = [](const http::Request&, const http::Params&) {
                  return std::optional<http::Response>();  // anyone may ask; the callback confirms
                }});
  router.add(
      http::Method::kGet, "/websub/callback/{peer}",
      [&ctx](const http::Request& r, const http::Params& p) { return verification(ctx, r, p); });
  // Deliveries prove themselves by their HMAC, not a bearer token.
  router.add(http::Method::kPost, "/websub/callback/{peer}",
             [&ctx, &settings](const http::Request& r, const http::Params& p) {
               return delivery(ctx, settings, r, p);
             },
             {.max_body = ctx.config.websub.max_delivery_bytes,
              .admit = [](const http::Request&, const http::Params&) {
                return std::optional<http::Response>();
              }});
}

}  // namespace sic::websub
