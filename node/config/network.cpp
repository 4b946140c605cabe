#include "node/config/network.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace sic {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buf[INET6_ADDRSTRLEN] = {};
  std::memcpy(buf, text.data(), text.size());
  IpAddress a;
  if (inet_pton(AF_INET, buf, a.bytes.data()) == 1) {
    a.v4 = true;
    return a;
  }
  if (inet_pton(AF_INET6, buf, a.bytes.data()) != 1) return std::nullopt;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a.bytes.data(), kMapped, sizeof kMapped) == 0) {
    std::memmove(a.bytes.data(), a.bytes.data() + 12, 4);
    std::memset(a.bytes.data() + 4, 0, 12);
    a.v4 = true;
  }
  return a;
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  std::string_view address = text;
  std::optional<int> prefix;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || digits.size() > 3 || ec != std::errc() ||
        end != digits.data() + digits.size())
      return std::nullopt;
    prefix = n;
  }
  auto base = IpAddress::parse(address);
  if (!base) return std::nullopt;
  int bits = base->v4 ? 32 : 128;
  if (prefix && (*prefix < 0 || *prefix > bits)) return std::nullopt;
  IpNetwork network;
  network.base_ = *base;
  network.prefix_ = prefix.value_or(bits);
  network.text_ = std::string(text);
  return network;
}

bool IpNetwork::contains(const IpAddress& address) const {
  if (address.v4 != base_.v4) return false;
  int full = prefix_ / 8, rest = prefix_ % 8;
  if (std::memcmp(address.bytes.data(), base_.bytes.data(), size_t(full)) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = (unsigned char)(0xff << (8 - rest));
  return (address.bytes[size_t(full)] & mask) == (base_.bytes[size_t(full)] & mask);
}

}  // namespace sic
