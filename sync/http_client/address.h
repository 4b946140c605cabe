// Which IP addresses count as "private" for Limits::allow_private_addresses
// (docs/sync.md, "Fetching").
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sic::fetch {

// True when the address is not a globally reachable unicast address: loopback,
// "this network" (0/8, ::), RFC 1918, CGNAT 100.64/10, link-local, IETF protocol
// assignments, documentation and benchmarking ranges, multicast, reserved and
// broadcast (IPv4); loopback, unspecified, unique-local fc00::/7, link-local,
// site-local, multicast, documentation, discard (IPv6). IPv6 forms that embed an
// IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64
// 64:ff9b::/96, 6to4 2002::/16) are judged by the embedded address.
//
// bytes is the address in network order: 4 bytes (IPv4) or 16 bytes (IPv6).
// Any other size counts as private.
bool is_private_address(const unsigned char* bytes, std::size_t size);

// The same for a textual IPv4 or IPv6 literal ("10.0.0.1", "::ffff:127.0.0.1");
// nullopt when the text is not an IP literal.
std::optional<bool> is_private_address(std::string_view literal);

}  // namespace sic::fetch
