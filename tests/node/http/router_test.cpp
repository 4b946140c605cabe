// The router's answers of its own (404, 405, OPTIONS with Allow), its per-route body
// limits and admission checks, and reading a bearer token.
#include "node/http/router.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::http;

namespace {

Request request(Method method, std::string path) {
  Request r;
  r.method = method;
  r.target = r.path = std::move(path);
  return r;
}

Router routes() {
  Router router;
  auto ok = [](const Request&, const Params& p) {
    return Response::text(200, p.count("id") ? p.at("id") : "");
  };
  router.add(Method::kGet, "/feeds/atom", ok);
  router.add(Method::kGet, "/api/articles", ok);
  router.add(Method::kPost, "/api/articles", ok, {.max_body = 5000});
  router.add(Method::kPut, "/api/articles/{id}", ok, {.max_body = 6000});
  router.add(Method::kDelete, "/api/articles/{id}", ok);
  return router;
}

}  // namespace

TEST_CASE("OPTIONS gets 204 with the path's methods; * lists every method served",
          "[http][router]") {
  Router router = routes();
  Response feed = router.handle(request(Method::kOptions, "/feeds/atom"));
  CHECK(feed.status == 204);
  CHECK(feed.header_value("Allow") == "GET, HEAD, OPTIONS");
  CHECK(router.handle(request(Method::kOptions, "/api/articles/x")).header_value("Allow") ==
        "PUT, DELETE, OPTIONS");
  CHECK(router.handle(request(Method::kOptions, "*")).header_value("Allow") ==
        "GET, HEAD, POST, PUT, DELETE, OPTIONS");
  CHECK(router.handle(request(Method::kOptions, "/nowhere")).status == 404);
  CHECK(router.allow(request(Method::kGet, "/api/articles")) == "GET, HEAD, POST, OPTIONS");
  CHECK(router.allow(request(Method::kGet, "/nowhere")).empty());
}

TEST_CASE("Other methods, TRACE included, get 405 with Allow on a known path", "[http][router]") {
  Router router = routes();
  Response trace = router.handle(request(Method::kOther, "/feeds/atom"));
  CHECK(trace.status == 405);
  CHECK(trace.header_value("Allow") == "GET, HEAD, OPTIONS");
  CHECK(router.handle(request(Method::kPut, "/feeds/atom")).status == 405);
  CHECK(router.handle(request(Method::kOther, "/nowhere")).status == 404);
  CHECK(router.handle(request(Method::kHead, "/feeds/atom")).status == 200);
}

TEST_CASE("Each route has its body limit; requests no route takes get the small default",
          "[http][router]") {
  Router router = routes();
  CHECK(router.body_limit(request(Method::kPost, "/api/articles")) == 5000);
  CHECK(router.body_limit(request(Method::kPut, "/api/articles/a%2Fb")) == 6000);
  CHECK(router.body_limit(request(Method::kDelete, "/api/articles/a")) == 1024);
  CHECK(router.body_limit(request(Method::kGet, "/feeds/atom")) == 1024);
  CHECK(router.body_limit(request(Method::kPost, "/feeds/atom")) == 1024);
  CHECK(router.body_limit(request(Method::kPost, "/nowhere")) == 1024);
}

TEST_CASE("A route's admission check sees the head's captures; other routes have none",
          "[http][router]") {
  Router router = routes();
  std::vector<std::string> asked;
  auto ok = [](const Request&, const Params&) { return Response::text(200, ""); };
  router.add(Method::kPost, "/callbacks/{secret}", ok,
             {.max_body = 9000, .admit = [&](const Request&, const Params& p) {
                asked.push_back(p.at("secret"));
                return p.at("secret") == "right" ? std::nullopt
                                                 : std::optional(Response::text(403, "no\n"));
              }});
  RouteAdmission right = router.admission(request(Method::kPost, "/callbacks/right"));
  CHECK(right.max_body == 9000);
  CHECK(right.checked);
  CHECK_FALSE(right.answer);
  RouteAdmission wrong = router.admission(request(Method::kPost, "/callbacks/wrong"));
  CHECK(wrong.checked);
  REQUIRE(wrong.answer);
  CHECK(wrong.answer->status == 403);
  CHECK(asked == std::vector<std::string>{"right", "wrong"});
  RouteAdmission write = router.admission(request(Method::kPost, "/api/articles"));
  CHECK(write.max_body == 5000);
  CHECK_FALSE(write.checked);
  RouteAdmission get = router.admission(request(Method::kGet, "/callbacks/wrong"));
  CHECK(get.max_body == 1024);  // no GET route there: nothing asked
  CHECK_FALSE(get.checked);
  CHECK(asked.size() == 2);
}

TEST_CASE("A bearer token is read whatever the scheme's case", "[http]") {
  auto token = [](std::string value) {
    Request r;
    if (!value.empty()) r.headers["authorization"] = value;
    return bearer_token(r);
  };
  CHECK(token("Bearer abc") == "abc");
  CHECK(token("bearer abc") == "abc");
  CHECK(token("BEARER   abc  ") == "abc");
  CHECK_FALSE(token("Basic abc"));
  CHECK_FALSE(token("Bearer"));
  CHECK_FALSE(token("Bearer   "));
  CHECK_FALSE(token("Bearerabc"));
  CHECK_FALSE(token(""));
}
