#include "sync/http_client/address.h"

#include <catch2/catch.hpp>

using sic::fetch::is_private_address;

TEST_CASE("Loopback, RFC 1918, link-local and CGNAT IPv4 addresses are private",
          "[sync][fetcher][address]") {
  for (const char* ip : {"127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1",
                         "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                         "100.127.255.255", "0.0.0.0", "0.1.2.3"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == true);
  }
}

TEST_CASE("Documentation, benchmarking, multicast and reserved IPv4 ranges are private",
          "[sync][fetcher][address]") {
  for (const char* ip :
       {"192.0.2.10", "198.51.100.7", "203.0.113.99", "198.18.0.1", "198.19.255.255", "192.0.0.8",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == true);
  }
}

TEST_CASE("Public IPv4 addresses next to the private ranges are allowed",
          "[sync][fetcher][address]") {
  for (const char* ip :
       {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "169.253.255.255",
        "126.255.255.255", "128.0.0.0", "223.255.255.255", "198.20.0.0"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == false);
  }
}

TEST_CASE("IPv6 loopback, unspecified, unique-local, link-local and multicast are private",
          "[sync][fetcher][address]") {
  for (const char* ip :
       {"::1", "::", "fc00::1", "fd12:3456:789a::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
        "2001:db8::1", "100::1", "64:ff9b:1::1", "2001::1", "3fff::1", "4000::1", "::2"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == true);
  }
}

TEST_CASE("IPv6 forms that embed an IPv4 address are judged by it", "[sync][fetcher][address]") {
  // IPv4-mapped, IPv4-compatible, SIIT, NAT64 and 6to4 forms of private addresses.
  for (const char* ip :
       {"::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.1.2.3", "::ffff:192.168.0.1", "::127.0.0.1",
        "::ffff:0:10.0.0.1", "64:ff9b::192.168.1.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
        "2002:c0a8:101::"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == true);
  }
  // The same forms of public addresses.
  for (const char* ip : {"::ffff:8.8.8.8", "64:ff9b::1.1.1.1", "2002:808:808::1"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == false);
  }
}

TEST_CASE("Global unicast IPv6 addresses are allowed", "[sync][fetcher][address]") {
  for (const char* ip : {"2a00:1450:4001:80b::200e", "2606:4700:4700::1111", "2001:4860::8888",
                         "2c0f:fb50:4003::1"}) {
    INFO(ip);
    CHECK(is_private_address(ip) == false);
  }
}

TEST_CASE("Text that is not an IP literal is not judged", "[sync][fetcher][address]") {
  for (const char* text :
       {"", "localhost", "example.org", "127.1", "1.2.3.4.5", "::g", "[::1]", "10.0.0.1:80"}) {
    INFO(text);
    CHECK_FALSE(is_private_address(text).has_value());
  }
}

TEST_CASE("An address of an unknown size counts as private", "[sync][fetcher][address]") {
  const unsigned char bytes[8] = {8, 8, 8, 8, 0, 0, 0, 0};
  CHECK(is_private_address(bytes, 8));
  CHECK_FALSE(is_private_address(bytes, 4));
}
