#include "node/config/network.h"

#include <catch2/catch.hpp>

using namespace sic;

namespace {

bool in(const char* network, const char* address) {
  auto n = IpNetwork::parse(network);
  auto a = IpAddress::parse(address);
  REQUIRE(n);
  REQUIRE(a);
  return n->contains(*a);
}

}  // namespace

TEST_CASE("An IPv4 network holds the addresses under its prefix", "[config][network]") {
  CHECK(in("10.0.0.0/8", "10.200.3.4"));
  CHECK_FALSE(in("10.0.0.0/8", "11.0.0.1"));
  CHECK(in("192.168.16.0/20", "192.168.31.255"));
  CHECK_FALSE(in("192.168.16.0/20", "192.168.32.0"));
  CHECK(in("127.0.0.1", "127.0.0.1"));
  CHECK_FALSE(in("127.0.0.1", "127.0.0.2"));
  CHECK(in("0.0.0.0/0", "203.0.113.9"));
  CHECK_FALSE(in("0.0.0.0/0", "::1"));
}

TEST_CASE("An IPv6 network holds its addresses, IPv4-mapped ones count as IPv4",
          "[config][network]") {
  CHECK(in("2001:db8::/32", "2001:db8:ffff::1"));
  CHECK_FALSE(in("2001:db8::/32", "2001:db9::1"));
  CHECK(in("::1", "[::1]"));
  CHECK(in("fd00::/8", "fdff::2"));
  CHECK(in("127.0.0.0/8", "::ffff:127.0.0.1"));
  CHECK(in("::ffff:10.0.0.1", "10.0.0.1"));
  CHECK_FALSE(in("::/0", "10.0.0.1"));
}

TEST_CASE("Text that is not an address or network is refused", "[config][network]") {
  for (const char* bad : {"", "localhost", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/8x", "10.0.0/8",
                          "::1/129", "/8", "10.0.0.0/-1", "1.2.3.4:80", "[::1]:80"})
    CHECK_FALSE(IpNetwork::parse(bad).has_value());
  CHECK(IpNetwork::parse("10.0.0.0/8")->text() == "10.0.0.0/8");
}
