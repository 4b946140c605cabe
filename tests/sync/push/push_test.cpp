// The WebSub subscriber (sync/push) against a real catalogue and, for the hub, a real
// HTTP server on loopback.
#include "sync/push/push.h"

#include <catch2/catch.hpp>

#include "feeds/model/hash.h"
#include "tests/sync/round/round_support.h"

namespace sic::test {
namespace {

using namespace std::chrono_literals;

const push::SubscriberSettings kSettings{"https://me.example/websub/callback/", 86400s, 300s};

struct Subscriber {
  sic::testing::CatalogueDir dir;
  std::unique_ptr<Catalogue> cat = dir.open();
  Subscriber() {
    PeerRecord p;
    p.id = "sic-a";
    p.url = "https://a.example/feeds/atom";
    REQUIRE(cat->peers().upsert(p).ok());
  }
  PushSubscription row() { return cat->push().find("sic-a").value().value(); }
};

// A plain document (entries without an origin: the peer is theirs).
std::string plain_feed(const std::string& title) {
  Article a = article_of("", 1);
  a.origin.clear();
  a.title = title;
  return atom_document("sic-a", {a});
}

}  // namespace

TEST_CASE("push: a hub found in a peer's feed is asked, and its answer recorded", "[push]") {
  Subscriber s;
  TestServer hub;
  hub.route("/hub", Reply{.status = 202});
  hub.route("/no", Reply{.status = 400, .body = "hub.topic: unknown\n"});
  REQUIRE(
      s.cat->push().note_hub("sic-a", hub.url("/hub"), "https://a.example/feeds/atom", "k1").ok());
  CHECK(s.row().state == PushState::kWanted);
  CHECK(push::due_at(s.row(), kSettings) == TimePoint{});
  auto fetcher = fetch::make_curl_fetcher(loopback_limits(), "test");
  auto report = push::subscribe_due(*s.cat, *fetcher, kSettings);
  REQUIRE(report.ok());
  CHECK(report->asked == std::vector<std::string>{"sic-a"});
  auto asked = hub.requests_to("/hub");
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].body ==
        "hub.mode=subscribe&hub.topic=https%3A%2F%2Fa.example%2Ffeeds%2Fatom&hub.callback="
        "https%3A%2F%2Fme.example%2Fwebsub%2Fcallback%2Fsic-a&hub.lease_seconds=86400&"
        "hub.secret=k1");
  CHECK(s.row().state == PushState::kRequested);
  // Not again before `retry`.
  REQUIRE(push::subscribe_due(*s.cat, *fetcher, kSettings).ok());
  CHECK(hub.requests_to("/hub").size() == 1);

  // The same hub and topic keep the subscription; a new hub starts over, refused here.
  REQUIRE(
      s.cat->push().note_hub("sic-a", hub.url("/hub"), "https://a.example/feeds/atom", "k2").ok());
  CHECK(s.row().secret == "k1");
  REQUIRE(
      s.cat->push().note_hub("sic-a", hub.url("/no"), "https://a.example/feeds/atom", "k3").ok());
  CHECK(s.row().secret == "k3");
  report = push::subscribe_due(*s.cat, *fetcher, kSettings);
  REQUIRE(report.ok());
  REQUIRE(report->failures.size() == 1);
  CHECK(s.row().state == PushState::kDenied);
  CHECK(s.row().last_error == "server answered 400 Bad Request: hub.topic: unknown");
  // A feed without a hub ends it.
  REQUIRE(s.cat->push().note_hub("sic-a", "", "https://a.example/feeds/atom", "k4").ok());
  CHECK(s.row().state == PushState::kNone);
  CHECK_FALSE(push::due_at(s.row(), kSettings));
}

TEST_CASE("push: the challenge is echoed only for the topic asked, and a lease renews at 4/5",
          "[push]") {
  Subscriber s;
  REQUIRE(s.cat->push()
              .note_hub("sic-a", "https://a.example/websub", "https://a.example/feeds/atom", "k")
              .ok());
  push::Verification v{"subscribe", "https://a.example/feeds/atom", "c1", "", 1000};
  // Not asked yet (wanted): refused.
  CHECK_FALSE(push::verify_intent(*s.cat, "sic-a", v).ok());
  PushSubscription asked = s.row();
  asked.state = PushState::kRequested;
  asked.requested_at = s.dir.clock.now();
  REQUIRE(s.cat->push().save(asked).ok());
  push::Verification other = v;
  other.topic = "https://a.example/feeds/rss";
  CHECK_FALSE(push::verify_intent(*s.cat, "sic-a", other).ok());
  CHECK_FALSE(push::verify_intent(*s.cat, "sic-b", v).ok());
  push::Verification no_lease = v;
  no_lease.lease_seconds.reset();
  CHECK_FALSE(push::verify_intent(*s.cat, "sic-a", no_lease).ok());
  CHECK(s.row().state == PushState::kRequested);

  auto echoed = push::verify_intent(*s.cat, "sic-a", v);
  REQUIRE(echoed.ok());
  CHECK(*echoed == "c1");
  PushSubscription active = s.row();
  CHECK(active.state == PushState::kActive);
  CHECK(active.healthy(s.dir.clock.now()));
  CHECK(active.lease_until == s.dir.clock.now() + 1000s);
  CHECK(push::due_at(active, kSettings) == s.dir.clock.now() + 800s);
  CHECK_FALSE(active.healthy(s.dir.clock.now() + 1000s));
  // This node still wants it: an unsubscribe is not confirmed.
  CHECK_FALSE(push::verify_intent(*s.cat, "sic-a", {"unsubscribe", v.topic, "c2", "", {}}).ok());
  auto denied = push::verify_intent(*s.cat, "sic-a", {"denied", v.topic, "", "too many", {}});
  REQUIRE(denied.ok());
  CHECK(s.row().state == PushState::kDenied);
  CHECK(s.row().last_error == "denied by the hub: too many");
}

TEST_CASE("push: a delivery merges only with the right HMAC", "[push]") {
  Subscriber s;
  REQUIRE(
      s.cat->push()
          .note_hub("sic-a", "https://a.example/websub", "https://a.example/feeds/atom", "secret")
          .ok());
  sync::SyncSettings settings;
  settings.node_id = "sic-me";
  settings.default_lang = LanguageTag::parse("en").value();
  std::string body = plain_feed("Pushed");
  auto deliver = [&](const std::string& header) {
    return push::accept_delivery(*s.cat, "sic-a", body, header, settings);
  };
  for (std::string header : {std::string(""), "sha256=" + hmac_hex("sha256", "wrong", body),
                             "md5=" + hmac_hex("sha256", "secret", body),
                             "sha256=" + hmac_hex("sha256", "secret", body + " ")}) {
    INFO(header);
    auto r = deliver(header);
    CHECK(r.outcome == push::DeliveryOutcome::kBadSignature);
  }
  CHECK(s.cat->articles().counts().value().empty());
  CHECK(s.row().signature_failures == 4);
  CHECK(s.row().deliveries == 0);

  auto unknown = push::accept_delivery(*s.cat, "sic-x", body,
                                       "sha256=" + hmac_hex("sha256", "secret", body), settings);
  CHECK(unknown.outcome == push::DeliveryOutcome::kUnknownPeer);

  for (const char* algorithm : {"sha256", "sha512"}) {
    auto good = deliver(std::string(algorithm) + "=" + hmac_hex(algorithm, "secret", body));
    INFO(good.error);
    CHECK(good.outcome == push::DeliveryOutcome::kMerged);
  }
  CHECK(s.cat->articles().counts().value().size() == 1);
  CHECK(s.row().deliveries == 2);
  CHECK(s.row().last_delivery == s.dir.clock.now());

  body = "plain text, not a feed";
  auto broken = deliver("sha256=" + hmac_hex("sha256", "secret", body));
  CHECK(broken.outcome == push::DeliveryOutcome::kBadDocument);
}

}  // namespace sic::test
