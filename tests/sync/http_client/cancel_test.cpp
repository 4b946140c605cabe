// Fetcher::cancel: a node that stops does not wait for slow peers.
#include <catch2/catch.hpp>
#include <thread>

#include "sync/http_client/http_client.h"
#include "tests/support/test_server.h"

using namespace sic::fetch;
using sic::test::Reply;
using sic::test::TestServer;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

Limits loopback_limits() {
  Limits limits;
  limits.allow_private_addresses = true;
  limits.total_timeout = seconds(30);
  return limits;
}

}  // namespace

TEST_CASE("Cancelling ends the transfers in flight at once as cancelled", "[sync][fetcher]") {
  TestServer server;
  Reply slow;
  slow.body = std::string(1000, 'x');
  slow.trickle_bytes = 1;
  slow.trickle_interval = milliseconds(50);
  server.route("/slow", slow);
  auto fetcher = make_curl_fetcher(loopback_limits(), "sicnode-tests");
  std::thread canceller([&] {
    server.wait_for_requests(1, seconds(10));
    fetcher->cancel();
  });
  auto started = std::chrono::steady_clock::now();
  auto responses = fetcher->fetch_all({{.url = server.url("/slow")}});
  auto elapsed = std::chrono::steady_clock::now() - started;
  canceller.join();
  CHECK(elapsed < seconds(5));
  CHECK(responses[0].outcome == Outcome::kNetworkError);
  CHECK(responses[0].error == "cancelled");
}

TEST_CASE("After a cancel every call returns at once without connecting", "[sync][fetcher]") {
  TestServer server;
  server.route("/fast", Reply{.body = "ok"});
  auto fetcher = make_curl_fetcher(loopback_limits(), "sicnode-tests");
  fetcher->cancel();
  auto r = fetcher->fetch({.url = server.url("/fast")});
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.error == "cancelled");
}
