#include "sync/http_client/address.h"

#include <arpa/inet.h>

#include <array>
#include <string>
#include <vector>

namespace sic::fetch {
namespace {

struct PrefixText {
  const char* address;
  int bits;
};

// IPv4 ranges that are not globally reachable (IANA special-purpose registry).
constexpr PrefixText kPrivateV4[] = {
    {"0.0.0.0", 8},        // "this network"
    {"10.0.0.0", 8},       // RFC 1918
    {"100.64.0.0", 10},    // CGNAT shared address space
    {"127.0.0.0", 8},      // loopback
    {"169.254.0.0", 16},   // link-local
    {"172.16.0.0", 12},    // RFC 1918
    {"192.0.0.0", 24},     // IETF protocol assignments
    {"192.0.2.0", 24},     // documentation (TEST-NET-1)
    {"192.88.99.0", 24},   // deprecated 6to4 relay anycast
    {"192.168.0.0", 16},   // RFC 1918
    {"198.18.0.0", 15},    // benchmarking
    {"198.51.100.0", 24},  // documentation (TEST-NET-2)
    {"203.0.113.0", 24},   // documentation (TEST-NET-3)
    {"224.0.0.0", 4},      // multicast
    {"240.0.0.0", 4},      // reserved, and the broadcast address
};

// IPv6 ranges that are not globally reachable. Everything outside 2000::/3 is
// also refused (reserved by IANA, or one of the ranges listed for clarity).
constexpr PrefixText kPrivateV6[] = {
    {"::", 128},          // unspecified
    {"::1", 128},         // loopback
    {"100::", 64},        // discard-only
    {"64:ff9b:1::", 48},  // local-use NAT64
    {"2001::", 32},       // Teredo (the embedded addresses are obfuscated)
    {"2001:2::", 48},     // benchmarking
    {"2001:10::", 28},    // ORCHID
    {"2001:20::", 28},    // ORCHIDv2
    {"2001:db8::", 32},   // documentation
    {"3fff::", 20},       // documentation
    {"fc00::", 7},        // unique-local
    {"fe80::", 10},       // link-local
    {"fec0::", 10},       // deprecated site-local
    {"ff00::", 8},        // multicast
};

// IPv6 ranges that carry an IPv4 address, judged by that address.
struct EmbeddingText {
  const char* address;
  int bits;
  int ipv4_offset;  // where the IPv4 address starts, in bytes
};
constexpr EmbeddingText kEmbeddingV6[] = {
    {"::ffff:0:0", 96, 12},    // IPv4-mapped
    {"::ffff:0:0:0", 96, 12},  // IPv4-translated (SIIT)
    {"::", 96, 12},            // IPv4-compatible (deprecated)
    {"64:ff9b::", 96, 12},     // NAT64 well-known prefix
    {"2002::", 16, 2},         // 6to4
};

struct Prefix {
  std::array<unsigned char, 16> bytes{};
  int bits = 0;
  int ipv4_offset = -1;
};

Prefix parse_prefix(int family, const char* text, int bits, int ipv4_offset = -1) {
  Prefix p;
  p.bits = bits;
  p.ipv4_offset = ipv4_offset;
  inet_pton(family, text, p.bytes.data());  // the tables hold valid literals
  return p;
}

bool matches(const unsigned char* bytes, const Prefix& prefix) {
  int full = prefix.bits / 8, rest = prefix.bits % 8;
  for (int i = 0; i < full; ++i) {
    if (bytes[i] != prefix.bytes[i]) return false;
  }
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (bytes[full] & mask) == (prefix.bytes[full] & mask);
}

struct Tables {
  std::vector<Prefix> v4, v6, embedding;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables built;
    for (const auto& p : kPrivateV4) built.v4.push_back(parse_prefix(AF_INET, p.address, p.bits));
    for (const auto& p : kPrivateV6) built.v6.push_back(parse_prefix(AF_INET6, p.address, p.bits));
    for (const auto& p : kEmbeddingV6) {
      built.embedding.push_back(parse_prefix(AF_INET6, p.address, p.bits, p.ipv4_offset));
    }
    return built;
  }();
  return t;
}

bool any_matches(const unsigned char* bytes, const std::vector<Prefix>& prefixes) {
  for (const auto& p : prefixes) {
    if (matches(bytes, p)) return true;
  }
  return false;
}

bool is_private_v6(const unsigned char* bytes) {
  for (const auto& p : tables().embedding) {
    if (matches(bytes, p)) return any_matches(bytes + p.ipv4_offset, tables().v4);
  }
  bool global_unicast = (bytes[0] & 0xe0) == 0x20;  // 2000::/3
  return !global_unicast || any_matches(bytes, tables().v6);
}

}  // namespace

bool is_private_address(const unsigned char* bytes, std::size_t size) {
  if (size == 4) return any_matches(bytes, tables().v4);
  if (size == 16) return is_private_v6(bytes);
  return true;
}

std::optional<bool> is_private_address(std::string_view literal) {
  std::string text(literal);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return is_private_address(bytes, 4);
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return is_private_address(bytes, 16);
  return std::nullopt;
}

}  // namespace sic::fetch
