// A server on a free loopback port for the node/http tests, with short timeouts and an
// echoing handler: "METHOD TARGET BODY-SIZE\nBODY". /slow waits for the test's signal.
#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "node/http/server.h"
#include "tests/support/net.h"
#include "tests/support/raw_http.h"

namespace sic::test {

using namespace std::chrono_literals;

inline http::Response echo(const http::Request& r) {
  return http::Response::text(200, std::string(http::to_string(r.method)) + " " + r.target + " " +
                                       std::to_string(r.body.size()) + "\n" + r.body);
}

// Options with every timeout short, so that tests of timeouts are fast.
inline http::ServerOptions quick_options() {
  http::ServerOptions o;
  o.port = free_loopback_port();
  o.header_timeout = 1000ms;
  o.body_timeout = 1000ms;
  o.idle_timeout = 1000ms;
  o.write_timeout = 1000ms;
  o.max_request_body = 1000;
  return o;
}

struct Reported {
  std::string target;
  int status;
};

class Edge {
 public:
  explicit Edge(http::ServerOptions options = quick_options(), http::Handler handler = echo)
      : options_(options) {
    auto started = http::Server::start(
        options, std::move(handler),
        [this](const http::Request& r, const http::Response& out, std::chrono::microseconds) {
          std::lock_guard lock(mutex_);
          reported_.push_back({r.target, out.status});
        });
    REQUIRE(started.ok());
    server_ = std::move(*started);
  }
  ~Edge() { server_->stop(); }

  RawSocket connect() const { return RawSocket(options_.port); }
  http::Server& server() { return *server_; }
  int port() const { return options_.port; }
  const http::ServerOptions& options() const { return options_; }
  std::vector<Reported> reported() {
    std::lock_guard lock(mutex_);
    return reported_;
  }

 private:
  http::ServerOptions options_;
  std::unique_ptr<http::Server> server_;
  std::mutex mutex_;
  std::vector<Reported> reported_;
};

// "GET /x HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n"
inline std::string get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

}  // namespace sic::test
