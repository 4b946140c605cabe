#include "tests/support/test_server.h"

#include <catch2/catch.hpp>

#include "tests/support/http_client.h"
#include "tests/support/net.h"

using namespace sic::test;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

namespace {
Reply text(std::string body) {
  Reply reply;
  reply.body = std::move(body);
  return reply;
}
}  // namespace

TEST_CASE("The test server answers a route and records the request", "[support][server]") {
  TestServer server;
  CHECK(server.port() > 0);
  CHECK(loopback_port_accepts(server.port()));
  Reply reply = text("hello");
  reply.headers = {{"X-Test", "yes"}};
  server.route("/hello", reply);

  HttpResult r = http_post(server.url("/hello?x=1"), "payload", {{"X-Client", "c"}});
  CHECK(r.status == 200);
  CHECK(r.body == "hello");
  CHECK(r.header("x-test") == "yes");
  CHECK(r.header("Content-Type") == "text/plain; charset=utf-8");
  CHECK(r.header("Content-Length") == "5");

  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].target == "/hello?x=1");
  CHECK(requests[0].path == "/hello");
  CHECK(requests[0].body == "payload");
  CHECK(requests[0].header("x-client") == "c");
  CHECK(server.requests_to("/hello").size() == 1);
  CHECK(server.requests_to("/other").empty());
}

TEST_CASE("Unknown paths answer 404 unless a fallback is set", "[support][server]") {
  TestServer server;
  CHECK(http_get(server.url("/nothing")).status == 404);
  server.fallback([](const RecordedRequest& request) { return text("any " + request.path); });
  HttpResult r = http_get(server.url("/x/y"));
  CHECK(r.status == 200);
  CHECK(r.body == "any /x/y");
}

TEST_CASE("PUT and DELETE reach the handler with their method", "[support][server]") {
  TestServer server;
  server.fallback([](const RecordedRequest& request) { return text(request.method); });
  CHECK(http_put(server.url("/a"), "{}").body == "PUT");
  CHECK(http_delete(server.url("/a")).body == "DELETE");
  CHECK(server.requests().at(0).body == "{}");
}

TEST_CASE("A matching If-None-Match or If-Modified-Since gets a 304", "[support][server]") {
  TestServer server;
  Reply reply = text("body");
  reply.etag = "\"e1\"";
  reply.last_modified = "Sat, 28 Nov 2026 16:04:05 GMT";
  server.route("/r", reply);

  CHECK(http_get(server.url("/r"), {{"If-None-Match", "\"e0\", W/\"e1\""}}).status == 304);
  CHECK(http_get(server.url("/r"), {{"If-None-Match", "\"e0\""}}).status == 200);
  HttpResult since = http_get(server.url("/r"), {{"If-Modified-Since", reply.last_modified}});
  CHECK(since.status == 304);
  CHECK(since.body.empty());
  CHECK(since.header("ETag") == "\"e1\"");
  // If-None-Match wins over If-Modified-Since.
  CHECK(http_get(server.url("/r"),
                 {{"If-None-Match", "\"e0\""}, {"If-Modified-Since", reply.last_modified}})
            .status == 200);
}

TEST_CASE("A gzip reply is compressed only for clients that accept it", "[support][server]") {
  TestServer server;
  Reply reply = text(std::string(10000, 'a'));
  reply.gzip = true;
  server.route("/z", reply);
  HttpResult plain = http_get(server.url("/z"));
  CHECK(plain.header("Content-Encoding").empty());
  CHECK(plain.body == reply.body);
  HttpResult zipped = http_get(server.url("/z"), {{"Accept-Encoding", "gzip"}});
  CHECK(zipped.header("Content-Encoding") == "gzip");
  CHECK(zipped.body == gzip(reply.body));
  CHECK(zipped.body.size() < 200);
}

TEST_CASE("Redirect and Retry-After replies carry their headers", "[support][server]") {
  TestServer server;
  server.route("/old", redirect("/new", 301));
  server.route("/busy", retry_after(429, "30"));
  HttpResult moved = http_get(server.url("/old"));
  CHECK(moved.status == 301);
  CHECK(moved.header("Location") == "/new");
  HttpResult busy = http_get(server.url("/busy"));
  CHECK(busy.status == 429);
  CHECK(busy.header("Retry-After") == "30");
}

TEST_CASE("Random bytes are reproducible per seed", "[support][server]") {
  CHECK(random_bytes(1000, 7) == random_bytes(1000, 7));
  CHECK(random_bytes(1000, 7) != random_bytes(1000, 8));
  CHECK(random_bytes(0).empty());
}

TEST_CASE("Faults: a short body under a long Content-Length, and a hang-up", "[support][server]") {
  TestServer server;
  Reply cut = text(std::string(5000, 'c'));
  cut.close_after = 100;
  server.route("/cut", cut);
  Reply hang;
  hang.hang_up = true;
  server.route("/hang", hang);
  HttpResult r = http_get(server.url("/cut"));
  CHECK(r.header("Content-Length") == "5000");
  CHECK(r.body.size() == 100);
  CHECK_FALSE(r.error.empty());
  HttpResult nothing = http_get(server.url("/hang"));
  CHECK(nothing.status == 0);
  CHECK_FALSE(nothing.error.empty());
}

TEST_CASE("A delayed reply arrives after its delay", "[support][server]") {
  TestServer server;
  Reply slow = text("late");
  slow.delay = milliseconds(300);
  server.route("/slow", slow);
  auto start = Clock::now();
  CHECK(http_get(server.url("/slow")).body == "late");
  CHECK(Clock::now() - start >= milliseconds(300));
}

TEST_CASE("Stopping the server ends trickles and delays at once", "[support][server]") {
  auto server = std::make_unique<TestServer>();
  Reply slow = text(std::string(100, 't'));
  slow.trickle_bytes = 1;
  slow.trickle_interval = seconds(1);
  server->route("/trickle", slow);
  Reply late = text("late");
  late.delay = seconds(30);
  server->route("/late", late);
  std::string url = server->url("/trickle"), late_url = server->url("/late");
  std::thread client([&] { http_request("GET", url, {}, {}, seconds(20)); });
  std::thread late_client([&] { http_request("GET", late_url, {}, {}, seconds(20)); });
  REQUIRE(server->wait_for_requests(2, seconds(5)));
  auto start = Clock::now();
  server.reset();  // stops and joins
  CHECK(Clock::now() - start < seconds(3));
  client.join();
  late_client.join();
}

TEST_CASE("wait_for_requests gives up at its timeout", "[support][server]") {
  TestServer server;
  auto start = Clock::now();
  CHECK_FALSE(server.wait_for_requests(1, milliseconds(100)));
  CHECK(Clock::now() - start >= milliseconds(100));
}
