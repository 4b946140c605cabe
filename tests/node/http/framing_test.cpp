// Framing on a raw socket: pipelined requests are answered in order; a request whose
// length or lines are ambiguous gets a 400 (501 for a coding we do not speak) and the
// connection closes, before anything reaches the handler.
#include <catch2/catch.hpp>

#include "tests/node/http/edge_fixture.h"

using namespace sic;
using namespace sic::test;
using namespace std::string_literals;

namespace {

// Sends the bytes on a fresh connection; returns the answer and whether the server
// closed the connection after it.
std::pair<RawResponse, bool> exchange(Edge& edge, const std::string& bytes) {
  RawSocket s = edge.connect();
  REQUIRE(s.send(bytes));
  RawResponse r = s.response(5s);
  return {r, s.closed_within(5s)};
}

void check_refused(Edge& edge, const std::string& bytes, int status, const std::string& why) {
  INFO(bytes);
  auto [r, closed] = exchange(edge, bytes);
  CHECK(r.status == status);
  CHECK(r.body.find(why) != std::string::npos);
  CHECK(r.header("Connection") == "close");
  CHECK(closed);
}

}  // namespace

TEST_CASE("Pipelined requests are answered in order, each exactly once", "[http][framing]") {
  Edge edge;
  RawSocket s = edge.connect();
  REQUIRE(s.send(get("/one") + "POST /two HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello" +
                 "HEAD /three HTTP/1.1\r\nHost: t\r\n\r\n" +
                 "POST /four HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n" +
                 get("/five")));
  auto first = s.responses(2, 5s);
  RawResponse head = s.response(5s, true);
  auto rest = s.responses(2, 5s);
  REQUIRE(first.size() == 2);
  REQUIRE(rest.size() == 2);
  CHECK(first[0].body == "GET /one 0\n");
  CHECK(first[1].body == "POST /two 5\nhello");
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == std::to_string(std::string("HEAD /three 0\n").size()));
  CHECK(rest[0].body == "POST /four 5\nabcde");
  CHECK(rest[1].body == "GET /five 0\n");
  CHECK(s.pending().empty());
  CHECK_FALSE(s.peer_closed());
}

TEST_CASE("A request split across many small writes is read whole", "[http][framing]") {
  Edge edge;
  RawSocket s = edge.connect();
  std::string bytes = "POST /split HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nabcd";
  for (char c : bytes) REQUIRE(s.send(std::string(1, c)));
  CHECK(s.response(5s).body == "POST /split 4\nabcd");
  std::string chunked =
      "POST /chunks HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "A;name=\"v\"\r\n0123456789\r\n1\r\nx\r\n0\r\nX-Sum: 1\r\n\r\n";
  for (char c : chunked) REQUIRE(s.send(std::string(1, c)));
  CHECK(s.response(5s).body == "POST /chunks 11\n0123456789x");
}

TEST_CASE("Empty lines before a request line are skipped", "[http][framing]") {
  Edge edge;
  RawSocket s = edge.connect();
  REQUIRE(s.send("\r\n\r\n" + get("/after")));
  CHECK(s.response(5s).body == "GET /after 0\n");
}

TEST_CASE("An absolute-form target is served as its path", "[http][framing]") {
  Edge edge;
  RawSocket s = edge.connect();
  REQUIRE(s.send("GET http://t/feeds/atom?lang=en HTTP/1.1\r\nHost: t\r\n\r\n"));
  CHECK(s.response(5s).body == "GET /feeds/atom?lang=en 0\n");
}

TEST_CASE("Ambiguous lengths get 400 and the connection closes", "[http][framing]") {
  Edge edge;
  std::string post = "POST /x HTTP/1.1\r\nHost: t\r\n";
  check_refused(edge, post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400,
                "Content-Length");
  check_refused(edge, post + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400,
                "Content-Length");
  check_refused(edge, post + "Content-Length: 3, 3\r\n\r\nabc", 400, "Content-Length");
  check_refused(edge, post + "Content-Length: -1\r\n\r\n", 400, "Content-Length");
  check_refused(edge, post + "Content-Length: +3\r\n\r\nabc", 400, "Content-Length");
  check_refused(edge, post + "Content-Length: 99999999999999999999999\r\n\r\n", 400,
                "Content-Length");
  check_refused(
      edge, post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      400, "malformed");
  check_refused(
      edge, post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      400, "malformed");
  check_refused(edge, post + "Transfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc", 400,
                "Content-Length and Transfer-Encoding");
  check_refused(edge, post + "Transfer-Encoding: gzip\r\n\r\nabc", 400, "chunked");
  check_refused(edge, post + "Transfer-Encoding: chunked, identity\r\n\r\n", 400, "chunked");
  check_refused(edge, post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, "chunked");
  check_refused(edge, post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                400, "Transfer-Encoding");
  check_refused(edge, "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                "HTTP/1.0");
  CHECK(edge.reported().size() == 14);
  for (const auto& r : edge.reported()) CHECK(r.status != 200);
}

TEST_CASE("Invalid chunk sizes get 400 and the connection closes", "[http][framing]") {
  Edge edge;
  std::string chunked = "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  check_refused(edge, chunked + "zz\r\nabc\r\n0\r\n\r\n", 400, "malformed body");
  check_refused(edge, chunked + "-3\r\nabc\r\n0\r\n\r\n", 400, "malformed body");
  check_refused(edge, chunked + "1ffffffffffffffff\r\nabc\r\n0\r\n\r\n", 400, "malformed body");
  check_refused(edge, chunked + "3\r\nabcX\r\n0\r\n\r\n", 400, "malformed body");
  check_refused(edge, chunked + "3\nabc\n0\n\n", 400, "malformed body");
}

TEST_CASE("Bare CR, bare LF and folded lines get 400 and the connection closes",
          "[http][framing]") {
  Edge edge;
  check_refused(edge, "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n", 400, "bare CR");
  check_refused(edge, "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\nX-B: b\r\n\r\n", 400, "bare LF");
  check_refused(edge, "GET / HTTP/1.1\nHost: t\n\n", 400, "bare LF");
  check_refused(edge, "GET /\r HTTP/1.1\r\nHost: t\r\n\r\n", 400, "bare CR");
  check_refused(edge, "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n", 400, "folded");
  check_refused(edge, "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n"s, 400, "malformed");
  check_refused(edge, "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400, "malformed");
  check_refused(edge, "GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400, "malformed");
  check_refused(edge, "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 400, "malformed");
  check_refused(edge, "GET foo HTTP/1.1\r\nHost: t\r\n\r\n", 400, "target");
  check_refused(edge, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"s, 400, "malformed");
}

TEST_CASE("HTTP/1.1 needs exactly one Host header", "[http][framing]") {
  Edge edge;
  check_refused(edge, "GET / HTTP/1.1\r\n\r\n", 400, "Host");
  check_refused(edge, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "Host");
  auto [r, closed] = exchange(edge, "GET /old HTTP/1.0\r\n\r\n");
  CHECK(r.status == 200);
  CHECK(r.header("Connection") == "close");
  CHECK(closed);
}

TEST_CASE("Headers of the same name reach the handler joined with commas", "[http][framing]") {
  Edge edge({quick_options()},
            [](const http::Request& r) { return http::Response::text(200, r.header("Accept")); });
  RawSocket s = edge.connect();
  REQUIRE(s.send(get("/", "Accept: text/html\r\naccept: application/json\r\n")));
  CHECK(s.response(5s).body == "text/html, application/json");
}
