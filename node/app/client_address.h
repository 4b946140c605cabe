// Who sent a request: the connection's address, or, when that is a trusted reverse
// proxy ([server] trusted_proxies), the address the proxies recorded in
// X-Forwarded-For (docs/operations.md, "Behind nginx").
#pragma once

#include <string>
#include <vector>

#include "node/config/network.h"
#include "node/http/http.h"

namespace sic {

// The connection's address when it is not a trusted proxy (or none is configured).
// Otherwise X-Forwarded-For is read from the right, skipping trusted proxies: the
// first untrusted address is the client; when every address is trusted, the left-most
// one. A malformed entry ends the walk: the client is then the last proxy seen, since
// nothing before it can be believed.
std::string client_address(const http::Request& request,
                           const std::vector<IpNetwork>& trusted_proxies);

}  // namespace sic
