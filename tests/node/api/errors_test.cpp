// The API's answers to requests no handler takes: JSON error bodies, as every API error.
#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "tests/node/publish/support.h"

using namespace sic;
using namespace sic::test;

namespace {

web::json::value error_of(const http::Response& r) {
  INFO(r.body);
  REQUIRE(r.header_value("Content-Type").find("application/json") == 0);
  return web::json::value::parse(r.body)["error"];
}

}  // namespace

TEST_CASE("A malformed percent escape in an API path is 400 with the API's JSON error",
          "[api][errors]") {
  NodeFixture node;
  http::Response r = node.get("/api/articles/%zz");
  CHECK(r.status == 400);
  auto e = error_of(r);
  CHECK(e["status"].as_integer() == 400);
  CHECK(e["message"].as_string() == "malformed percent escape in the path");
}

TEST_CASE("Unknown API paths and methods are JSON errors too; other paths stay text",
          "[api][errors]") {
  NodeFixture node;
  http::Response missing = node.get("/api/nothing/here");
  CHECK(missing.status == 404);
  CHECK(error_of(missing)["message"].as_string() == "not found");
  http::Response method = node.get("/api/articles", {}, http::Method::kDelete);
  CHECK(method.status == 405);
  CHECK(error_of(method)["status"].as_integer() == 405);
  CHECK(method.header_value("Allow") == "GET, HEAD, POST");
  http::Response page = node.get("/nothing/%zz");
  CHECK(page.status == 400);
  CHECK(page.body == "malformed percent escape in the path\n");
}
