// The request's log line: level, the client through trusted proxies, JSON fields.
#include <cpprest/json.h>
#include <catch2/catch.hpp>

#include "node/app/app.h"
#include "tests/support/pipe.h"

using namespace sic;
using sic::test::Pipe;

namespace {

http::Request request(const std::string& target) {
  http::Request r;
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  r.remote = "127.0.0.1";
  r.headers["x-forwarded-for"] = "203.0.113.7";
  return r;
}

http::Response response(int status, const std::string& route, const std::string& body) {
  http::Response r{status, {}, body};
  r.route = route;
  return r;
}

}  // namespace

TEST_CASE("A request is logged with the client a trusted proxy names", "[app][log]") {
  Pipe p;
  log::Logger logger(log::Level::kInfo, log::Format::kText, p.out());
  std::vector<IpNetwork> trusted = {IpNetwork::parse("127.0.0.1").value()};
  log_request(logger, trusted, request("/feeds/atom?lang=pt"),
              response(200, "/feeds/{format}", "<feed/>"), std::chrono::microseconds(1234));
  std::string line = p.read();
  CHECK(line.substr(line.find(' ')) ==
        " info 203.0.113.7 \"GET /feeds/atom?lang=pt\" 200 7 1.2ms\n");
  log_request(logger, {}, request("/"), response(200, "/", ""), std::chrono::microseconds(50));
  line = p.read();
  CHECK(line.substr(line.find(' ')) == " info 127.0.0.1 \"GET /\" 200 0 0.1ms\n");
}

TEST_CASE("Server errors are logged as errors and health checks only at debug", "[app][log]") {
  Pipe p;
  log::Logger info(log::Level::kInfo, log::Format::kText, p.out());
  log_request(info, {}, request("/healthz"), response(200, "/healthz", "ok\n"), {});
  CHECK(p.read().empty());
  log_request(info, {}, request("/healthz"), response(503, "/healthz", "down\n"), {});
  CHECK(p.read().find(" error 127.0.0.1 \"GET /healthz\" 503 ") != std::string::npos);
  log::Logger debug(log::Level::kDebug, log::Format::kText, p.out());
  log_request(debug, {}, request("/healthz"), response(200, "/healthz", "ok\n"), {});
  CHECK(p.read().find(" debug 127.0.0.1 \"GET /healthz\" 200 ") != std::string::npos);
}

TEST_CASE("A JSON request line carries the request's fields", "[app][log]") {
  Pipe p;
  log::Logger logger(log::Level::kInfo, log::Format::kJson, p.out());
  std::vector<IpNetwork> trusted = {IpNetwork::parse("127.0.0.0/8").value()};
  log_request(logger, trusted, request("/api/articles"), response(404, "", "no\n"),
              std::chrono::microseconds(2500));
  std::string line = p.read();
  auto json = web::json::value::parse(line.substr(0, line.size() - 1));
  CHECK(json["level"].as_string() == "info");
  CHECK(json["client"].as_string() == "203.0.113.7");
  CHECK(json["remote"].as_string() == "127.0.0.1");
  CHECK(json["method"].as_string() == "GET");
  CHECK(json["target"].as_string() == "/api/articles");
  CHECK(json["status"].as_integer() == 404);
  CHECK(json["bytes"].as_integer() == 3);
  CHECK(json["duration_seconds"].as_double() == Approx(0.0025));
  CHECK(json["msg"].as_string() == "203.0.113.7 \"GET /api/articles\" 404 3 2.5ms");
}
