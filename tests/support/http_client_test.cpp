#include "tests/support/http_client.h"

#include <catch2/catch.hpp>

#include "tests/support/net.h"

using namespace sic::test;

TEST_CASE("The HTTP client reports a refused connection as an error", "[support][http]") {
  HttpResult r = http_get("http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/");
  CHECK(r.status == 0);
  CHECK_FALSE(r.error.empty());
}

TEST_CASE("The HTTP client does not follow redirects", "[support][http]") {
  TestServer server;
  server.route("/a", redirect("/b"));
  HttpResult r = http_get(server.url("/a"));
  CHECK(r.status == 302);
  CHECK(server.request_count() == 1);
}

TEST_CASE("The HTTP client sends HEAD without reading a body", "[support][http]") {
  TestServer server;
  Reply reply;
  reply.body = "abc";
  server.route("/h", reply);
  HttpResult r = http_request("HEAD", server.url("/h"));
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(r.header("Content-Length") == "3");
}
