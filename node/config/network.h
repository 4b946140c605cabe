// IP networks in the config ([server] trusted_proxies): an address ("10.1.2.3",
// "::1") or a CIDR block ("10.0.0.0/8", "2001:db8::/32").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace sic {

// An IPv4 or IPv6 address; an IPv4-mapped IPv6 address (::ffff:10.1.2.3) is the IPv4
// address it maps, so that a server listening on [::] sees IPv4 clients as such.
struct IpAddress {
  std::array<unsigned char, 16> bytes{};  // IPv4: the first 4
  bool v4 = false;

  // nullopt when text is not an IP literal. IPv6 may be in brackets ("[::1]").
  static std::optional<IpAddress> parse(std::string_view text);
};

class IpNetwork {
 public:
  // nullopt when text is neither an address nor ADDRESS/PREFIX with a prefix length
  // the address family allows (0-32, 0-128).
  static std::optional<IpNetwork> parse(std::string_view text);

  bool contains(const IpAddress& address) const;
  const std::string& text() const { return text_; }  // as written in the config

 private:
  IpAddress base_;
  int prefix_ = 0;
  std::string text_;
};

}  // namespace sic
