#include "node/app/client_address.h"

#include <algorithm>

namespace sic {
namespace {

bool is_trusted(std::string_view address, const std::vector<IpNetwork>& trusted) {
  auto ip = IpAddress::parse(address);
  return ip && std::any_of(trusted.begin(), trusted.end(),
                           [&](const IpNetwork& n) { return n.contains(*ip); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string client_address(const http::Request& request,
                           const std::vector<IpNetwork>& trusted_proxies) {
  if (trusted_proxies.empty() || !is_trusted(request.remote, trusted_proxies))
    return request.remote;
  std::string forwarded = request.header("x-forwarded-for");
  std::string_view rest = forwarded;
  std::string client = request.remote;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (!IpAddress::parse(entry)) break;
    client = std::string(entry);
    if (!is_trusted(entry, trusted_proxies)) break;
  }
  return client;
}

}  // namespace sic
