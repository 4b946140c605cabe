// Size limits on a raw socket: 414 for a long request line, 431 for a large header
// block, 413 for a body over its route's limit before the body is read, and the
// answer to Expect: 100-continue.
#include <catch2/catch.hpp>

#include "tests/node/http/edge_fixture.h"

using namespace sic;
using namespace sic::test;

namespace {

// /small takes 10 bytes, /big 100000, anything else the default of the options.
http::ServerOptions per_route_limits() {
  http::ServerOptions o = quick_options();
  o.admit = [](const http::Request& head) -> http::Admission {
    if (head.path == "/small") return {10, std::nullopt};
    if (head.path == "/big") return {100000, std::nullopt};
    if (head.path == "/locked") return {100000, http::Response::text(401, "no token\n")};
    return {1000, std::nullopt};
  };
  return o;
}

}  // namespace

TEST_CASE("A request line over 8 KB gets 414; one of exactly 8 KB is served", "[http][limits]") {
  Edge edge;
  auto line = [](std::size_t size) {
    std::string start = "GET /?q=", end = " HTTP/1.1";
    return start + std::string(size - start.size() - end.size(), 'a') + end + "\r\n";
  };
  RawSocket ok = edge.connect();
  REQUIRE(ok.send(line(8192) + "Host: t\r\n\r\n"));
  CHECK(ok.response(5s).status == 200);

  RawSocket too_long = edge.connect();
  REQUIRE(too_long.send(line(8193) + "Host: t\r\n\r\n"));
  RawResponse r = too_long.response(5s);
  CHECK(r.status == 414);
  CHECK(too_long.closed_within(5s));

  // A query of 1 MB is refused after the first 8 KB, without waiting for the rest.
  RawSocket huge = edge.connect();
  huge.send("GET /?q=" + std::string(64 * 1024, 'b'));
  CHECK(huge.response(5s).status == 414);
  CHECK(huge.closed_within(5s));
}

TEST_CASE("A header block over 16 KB gets 431; one of exactly 16 KB is served", "[http][limits]") {
  Edge edge;
  // The block after the request line, its final empty line included.
  auto block = [](std::size_t size) {
    std::string fixed = "Host: t\r\nX-Pad: \r\n\r\n";
    return "Host: t\r\nX-Pad: " + std::string(size - fixed.size(), 'p') + "\r\n\r\n";
  };
  RawSocket ok = edge.connect();
  REQUIRE(ok.send("GET / HTTP/1.1\r\n" + block(16384)));
  CHECK(ok.response(5s).status == 200);

  RawSocket large = edge.connect();
  REQUIRE(large.send("GET / HTTP/1.1\r\n" + block(16385)));
  CHECK(large.response(5s).status == 431);
  CHECK(large.closed_within(5s));

  // Many small headers count the same; an endless header line is cut off at the limit.
  std::string many = "GET / HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  RawSocket lots = edge.connect();
  lots.send(many + "\r\n");
  CHECK(lots.response(5s).status == 431);
  RawSocket endless = edge.connect();
  endless.send("GET / HTTP/1.1\r\nHost: t\r\nX-Long: " + std::string(256 * 1024, 'x'));
  CHECK(endless.response(5s).status == 431);
  CHECK(endless.closed_within(5s));
}

TEST_CASE("A body over its route's limit gets 413 before the body is sent", "[http][limits]") {
  Edge edge(per_route_limits());
  // Only the head is sent: the answer cannot wait for a body that never comes.
  RawSocket small = edge.connect();
  REQUIRE(small.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\n"));
  RawResponse r = small.response(5s);
  CHECK(r.status == 413);
  CHECK(r.body.find("10 bytes") != std::string::npos);
  CHECK(small.closed_within(5s));

  RawSocket fits = edge.connect();
  REQUIRE(fits.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789"));
  CHECK(fits.response(5s).body == "POST /small 10\n0123456789");

  RawSocket big = edge.connect();
  std::string body(50000, 'z');
  REQUIRE(big.send("PUT /big HTTP/1.1\r\nHost: t\r\nContent-Length: 50000\r\n\r\n" + body));
  CHECK(big.response(5s).body == "PUT /big 50000\n" + body);

  RawSocket huge = edge.connect();
  REQUIRE(huge.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\n\r\n"));
  CHECK(huge.response(5s).status == 413);

  // A GET elsewhere may carry no more than the default.
  RawSocket get_body = edge.connect();
  REQUIRE(get_body.send("GET /x HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n"));
  CHECK(get_body.response(5s).status == 413);
}

TEST_CASE("A chunked body over its route's limit gets 413 at the chunk that passes it",
          "[http][limits]") {
  Edge edge(per_route_limits());
  RawSocket s = edge.connect();
  REQUIRE(
      s.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
             "8\r\n01234567\r\n"));
  REQUIRE(s.send("7fffffffffffffff\r\n"));
  CHECK(s.response(5s).status == 413);
  CHECK(s.closed_within(5s));
}

TEST_CASE("Expect: 100-continue gets 100 within the limit and 413 beyond it", "[http][limits]") {
  Edge edge(per_route_limits());
  RawSocket s = edge.connect();
  REQUIRE(
      s.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  RawResponse go_on = s.response(5s);
  CHECK(go_on.status == 100);
  REQUIRE(s.send("hello"));
  CHECK(s.response(5s).body == "POST /big 5\nhello");

  RawSocket over = edge.connect();
  REQUIRE(
      over.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\nExpect: "
                "100-continue\r\n\r\n"));
  CHECK(over.response(5s).status == 413);
  CHECK(over.closed_within(5s));

  RawSocket odd = edge.connect();
  REQUIRE(odd.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: teapot\r\n\r\n"));
  CHECK(odd.response(5s).status == 417);
}

TEST_CASE("A request refused from its head is answered before its body is sent", "[http][limits]") {
  Edge edge(per_route_limits());
  RawSocket s = edge.connect();
  REQUIRE(s.send("POST /locked HTTP/1.1\r\nHost: t\r\nContent-Length: 50000\r\n\r\n"));
  RawResponse r = s.response(5s);
  CHECK(r.status == 401);
  CHECK(r.header("Connection") == "close");
  CHECK(s.closed_within(5s));
  // Without a body the connection goes on.
  RawSocket empty = edge.connect();
  REQUIRE(
      empty.send("POST /locked HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n" + get("/after")));
  CHECK(empty.response(5s).status == 401);
  CHECK(empty.response(5s).body == "GET /after 0\n");
}
