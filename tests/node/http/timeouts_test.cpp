// Timeouts on a raw socket (all set to 1 s by quick_options): a head or body that does
// not arrive in time gets 408, a silent or idle connection is closed, and a trickle of
// bytes does not keep a request alive past its deadline.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/node/http/edge_fixture.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::test;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("A head that does not complete within the header timeout gets 408", "[http][timeouts]") {
  Edge edge;
  RawSocket s = edge.connect();
  auto start = Clock::now();
  REQUIRE(s.send("GET / HTTP/1.1\r\nHost: t\r\n"));
  RawResponse r = s.response(5s);
  CHECK(r.status == 408);
  CHECK(s.closed_within(5s));
  CHECK(seconds_since(start) >= 0.9);
  CHECK(seconds_since(start) < 3);
}

TEST_CASE("A connection that sends nothing is closed at the header timeout", "[http][timeouts]") {
  Edge edge;
  RawSocket s = edge.connect();
  auto start = Clock::now();
  CHECK(s.closed_within(5s));
  CHECK(s.pending().empty());
  CHECK(seconds_since(start) >= 0.9);
  CHECK(seconds_since(start) < 3);
}

TEST_CASE("A head trickled a byte at a time is cut off at the header timeout", "[http][timeouts]") {
  Edge edge;
  RawSocket s = edge.connect();
  auto start = Clock::now();
  std::string head = "GET / HTTP/1.1\r\nHost: t\r\nX-Slow: " + std::string(1000, 's');
  std::size_t sent = 0;
  // Slowloris: one byte every 50 ms, each well within any per-read timeout.
  bool closed = poll_for(
      5s,
      [&] {
        if (sent < head.size() && !s.send(head.substr(sent++, 1))) return true;
        return s.closed_within(0ms);
      },
      50ms);
  CHECK(closed);
  CHECK(seconds_since(start) < 3);
  RawResponse r;
  parse_raw_response(s.pending(), false, r);
  CHECK(r.status == 408);
}

TEST_CASE("A body that does not complete within the body timeout gets 408", "[http][timeouts]") {
  Edge edge;
  RawSocket s = edge.connect();
  REQUIRE(s.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"));
  auto start = Clock::now();
  CHECK(s.response(5s).status == 408);
  CHECK(s.closed_within(5s));
  CHECK(seconds_since(start) >= 0.9);
}

TEST_CASE("A kept-alive connection is served again, then closed after the idle timeout",
          "[http][timeouts]") {
  http::ServerOptions o = quick_options();
  o.idle_timeout = 1500ms;
  Edge edge(o);
  RawSocket s = edge.connect();
  REQUIRE(s.send(get("/a")));
  CHECK(s.response(5s).body == "GET /a 0\n");
  REQUIRE(s.send(get("/b")));
  CHECK(s.response(5s).body == "GET /b 0\n");
  auto start = Clock::now();
  // Not closed at the header timeout (1 s): idle time is measured by its own timeout.
  CHECK_FALSE(s.closed_within(1200ms));
  REQUIRE(s.send(get("/c")));
  CHECK(s.response(5s).body == "GET /c 0\n");
  start = Clock::now();
  CHECK(s.closed_within(5s));
  CHECK(s.pending().empty());  // closed silently
  CHECK(seconds_since(start) >= 1.3);
}

TEST_CASE("A client that does not read its response is dropped after the write timeout",
          "[http][timeouts]") {
  std::string big(64 << 20, 'x');
  Edge edge(quick_options(), [&](const http::Request&) {
    http::Response r;
    r.shared_body = std::shared_ptr<const std::string>(&big, [](const std::string*) {});
    return r;
  });
  RawSocket s = edge.connect();
  REQUIRE(s.send(get("/big")));
  // Nothing is read: the server's write stalls, then the connection goes away.
  CHECK(poll_for(5s, [&] { return edge.server().open_connections() == 0; }));
}
