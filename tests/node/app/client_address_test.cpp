#include "node/app/client_address.h"

#include <catch2/catch.hpp>

using namespace sic;

namespace {

std::vector<IpNetwork> networks(std::initializer_list<const char*> texts) {
  std::vector<IpNetwork> out;
  for (const char* t : texts) out.push_back(IpNetwork::parse(t).value());
  return out;
}

std::string client(const std::string& remote, const std::string& forwarded,
                   const std::vector<IpNetwork>& trusted) {
  http::Request r;
  r.remote = remote;
  if (!forwarded.empty()) r.headers["x-forwarded-for"] = forwarded;
  return client_address(r, trusted);
}

}  // namespace

TEST_CASE("Without trusted proxies the client is the connection's address", "[app][proxy]") {
  CHECK(client("203.0.113.7", "198.51.100.1", {}) == "203.0.113.7");
  CHECK(client("127.0.0.1", "198.51.100.1", networks({"10.0.0.0/8"})) == "127.0.0.1");
}

TEST_CASE("Through a trusted proxy the client is the right-most untrusted forwarded address",
          "[app][proxy]") {
  auto trusted = networks({"127.0.0.1", "10.0.0.0/8"});
  CHECK(client("127.0.0.1", "203.0.113.7", trusted) == "203.0.113.7");
  // What a client claims sits left of what the proxies recorded: it is not believed.
  CHECK(client("127.0.0.1", "198.51.100.66, 203.0.113.7", trusted) == "203.0.113.7");
  // A chain of trusted proxies (a load balancer in 10/8 before nginx on 127.0.0.1).
  CHECK(client("127.0.0.1", "198.51.100.66, 203.0.113.7, 10.1.2.3", trusted) == "203.0.113.7");
  CHECK(client("127.0.0.1", " 203.0.113.7 ,10.1.2.3 ", trusted) == "203.0.113.7");
  CHECK(client("::ffff:127.0.0.1", "2001:db8::7", trusted) == "2001:db8::7");
  CHECK(client("127.0.0.1", "[2001:db8::7]", trusted) == "[2001:db8::7]");
}

TEST_CASE("When every forwarded address is trusted, the left-most one is the client",
          "[app][proxy]") {
  auto trusted = networks({"127.0.0.1", "10.0.0.0/8"});
  CHECK(client("127.0.0.1", "10.9.9.9, 10.1.2.3", trusted) == "10.9.9.9");
  CHECK(client("127.0.0.1", "", trusted) == "127.0.0.1");
}

TEST_CASE("A malformed forwarded entry ends the walk at the last proxy seen", "[app][proxy]") {
  auto trusted = networks({"127.0.0.1", "10.0.0.0/8"});
  CHECK(client("127.0.0.1", "203.0.113.7, unknown, 10.1.2.3", trusted) == "10.1.2.3");
  CHECK(client("127.0.0.1", "203.0.113.7:5555", trusted) == "127.0.0.1");
  CHECK(client("127.0.0.1", "203.0.113.7,,10.1.2.3", trusted) == "10.1.2.3");
}
