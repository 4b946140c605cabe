// The cap on open connections, stopping, and what the server reports and sends for
// shared, empty and bodiless replies.
#include <catch2/catch.hpp>
#include <condition_variable>
#include <thread>

#include "tests/node/http/edge_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::test;

TEST_CASE("Past the connection cap new connections get 503 at once; open ones keep working",
          "[http][connections]") {
  http::ServerOptions o = quick_options();
  o.max_connections = 4;
  o.idle_timeout = 60s;
  o.header_timeout = 60s;
  Edge edge(o);
  std::vector<RawSocket> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(edge.connect());
    REQUIRE(open.back().send(get("/hello")));
    REQUIRE(open.back().response(5s).status == 200);
  }
  REQUIRE(edge.server().open_connections() == 4);
  for (int i = 0; i < 3; ++i) {
    RawSocket extra = edge.connect();
    auto start = std::chrono::steady_clock::now();
    extra.send(get("/hello"));
    CHECK(extra.closed_within(2s));
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    RawResponse busy;
    parse_raw_response(extra.pending(), false, busy);
    CHECK((busy.status == 503 || extra.pending().empty()));
  }
  for (auto& s : open) {
    REQUIRE(s.send(get("/still")));
    CHECK(s.response(5s).body == "GET /still 0\n");
  }
  // One goes away: a new connection is served again.
  open.pop_back();
  CHECK(poll_for(5s, [&] { return edge.server().open_connections() == 3; }));
  RawSocket next = edge.connect();
  REQUIRE(next.send(get("/again")));
  CHECK(next.response(5s).status == 200);
}

TEST_CASE("Stopping closes idle connections and finishes the request in flight",
          "[http][connections]") {
  std::mutex mutex;
  std::condition_variable cv;
  bool entered = false, release = false;
  http::ServerOptions o = quick_options();
  o.idle_timeout = 60s;
  o.header_timeout = 60s;
  auto started = http::Server::start(o, [&](const http::Request& r) {
    if (r.path == "/slow") {
      std::unique_lock lock(mutex);
      entered = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    }
    return echo(r);
  });
  REQUIRE(started.ok());
  auto& server = **started;
  RawSocket idle(o.port);
  REQUIRE(idle.send(get("/warm")));
  REQUIRE(idle.response(5s).status == 200);
  RawSocket half(o.port);
  REQUIRE(half.send("GET / HTTP/1.1\r\n"));
  RawSocket slow(o.port);
  REQUIRE(slow.send(get("/slow")));
  {
    std::unique_lock lock(mutex);
    REQUIRE(cv.wait_for(lock, 5s, [&] { return entered; }));
  }
  std::thread stopper([&] { server.stop(); });
  CHECK(idle.closed_within(5s));
  CHECK(half.closed_within(5s));
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  cv.notify_all();
  RawResponse r = slow.response(5s);
  CHECK(r.body == "GET /slow 0\n");
  CHECK(r.header("Connection") == "close");
  stopper.join();
  CHECK_FALSE(loopback_port_accepts(o.port));
}

TEST_CASE("Writes run beside reads: a slow POST does not hold up GETs", "[http][connections]") {
  std::mutex mutex;
  std::condition_variable cv;
  bool release = false;
  http::ServerOptions o = quick_options();
  o.io_threads = 1;
  o.worker_threads = 1;
  Edge edge(o, [&](const http::Request& r) {
    if (r.method == http::Method::kPost) {
      std::unique_lock lock(mutex);
      cv.wait_for(lock, 10s, [&] { return release; });
    }
    return echo(r);
  });
  RawSocket writer = edge.connect();
  REQUIRE(writer.send("POST /w HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  RawSocket reader = edge.connect();
  REQUIRE(reader.send(get("/r")));
  CHECK(reader.response(5s).body == "GET /r 0\n");
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  cv.notify_all();
  CHECK(writer.response(5s).body == "POST /w 0\n");
}

TEST_CASE("The server sends shared, empty and bodiless replies, and reports each request once",
          "[http][connections]") {
  // A body the handler gives away: only the Response keeps it alive while it is sent.
  std::string big(3 << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = char('a' + (i / 4096) % 26);
  Edge edge(quick_options(), [&](const http::Request& r) {
    if (r.path == "/big") {
      // Its owner scribbles over it when it lets go, so that a body released before
      // it was sent arrives corrupted.
      http::Response out;
      out.shared_body =
          std::shared_ptr<const std::string>(new std::string(big), [](const std::string* body) {
            const_cast<std::string*>(body)->assign(body->size(), '#');
            delete body;
          });
      return out;
    }
    if (r.path == "/empty") return http::Response::text(200, "");
    if (r.path == "/unchanged") return http::Response{304, {{"ETag", "\"v1\""}}, ""};
    if (r.path == "/throws") throw std::runtime_error("boom");
    return http::Response::text(404, "no\n");
  });
  std::string base = "http://127.0.0.1:" + std::to_string(edge.port());
  for (int i = 0; i < 3; ++i) {
    HttpResult r = http_get(base + "/big");
    REQUIRE(r.status == 200);
    CHECK(r.body == big);
  }
  HttpResult empty = http_get(base + "/empty");
  CHECK(empty.status == 200);
  CHECK(empty.body.empty());
  CHECK(empty.header("Content-Length") == "0");
  HttpResult unchanged = http_get(base + "/unchanged");
  CHECK(unchanged.status == 304);
  CHECK(unchanged.header("ETag") == "\"v1\"");
  CHECK(unchanged.header("Content-Length").empty());
  HttpResult head = http_request("HEAD", base + "/big");
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == std::to_string(big.size()));
  CHECK(head.body.empty());
  HttpResult thrown = http_get(base + "/throws");
  CHECK(thrown.status == 500);
  CHECK(thrown.body.find("boom") != std::string::npos);

  REQUIRE(poll_for(10s, [&] { return edge.reported().size() >= 7; }));
  auto reported = edge.reported();
  REQUIRE(reported.size() == 7);
  CHECK(reported[0].target == "/big");
  CHECK(reported[3].target == "/empty");
  CHECK(reported[4].status == 304);
  CHECK(reported[5].target == "/big");  // the HEAD
  CHECK(reported[6].status == 500);
}

TEST_CASE("A server that cannot bind says which address", "[http][connections]") {
  Edge edge;
  http::ServerOptions o = quick_options();
  o.port = edge.port();
  auto second = http::Server::start(o, echo);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message.find("http: cannot listen on 127.0.0.1:" +
                                    std::to_string(edge.port())) == 0);
}
