// The HTTP server on a real loopback socket: what it sends for bodies it does not own
// past the handler, for empty and bodiless replies, and what it reports.
#include "node/http/server.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/net.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::test;

namespace {

struct Reported {
  std::string target;
  int status;
  std::size_t size;
};

}  // namespace

TEST_CASE("The server sends shared, empty and bodiless replies, and reports each request once",
          "[http]") {
  // A body the handler gives away: only the Response keeps it alive while it is sent.
  std::string big(3 << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = char('a' + (i / 4096) % 26);
  std::mutex mutex;
  std::vector<Reported> reported;
  auto server = http::Server::start(
      {"127.0.0.1", free_loopback_port()},
      [&](const http::Request& r) {
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
        return http::Response::text(404, "no\n");
      },
      [&](const http::Request& r, const http::Response& out, std::chrono::microseconds) {
        std::lock_guard lock(mutex);
        reported.push_back({r.target, out.status, out.payload().size()});
      });
  REQUIRE(server.ok());
  std::string base = (*server)->url();

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
  HttpResult head = http_request("HEAD", base + "/big");
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == std::to_string(big.size()));
  CHECK(head.body.empty());

  auto count = [&] {
    std::lock_guard lock(mutex);
    return reported.size();
  };
  REQUIRE(poll_for(std::chrono::seconds(10), [&] { return count() >= 6; }));
  (*server)->stop();
  std::lock_guard lock(mutex);
  REQUIRE(reported.size() == 6);
  CHECK(reported[0].target == "/big");
  CHECK(reported[0].size == big.size());
  CHECK(reported[3].target == "/empty");
  CHECK(reported[4].status == 304);
  CHECK(reported[5].target == "/big");  // the HEAD
}
