// HTTP fetching for the node: peers' feeds, import sources, translation engines.
// libcurl lives behind this header only (docs/sync.md, "Fetching").
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sic::fetch {

struct Limits {
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};
  std::size_t max_body_bytes = 20 * 1024 * 1024;  // after decompression
  int max_redirects = 5;
  // When false, a URL whose host resolves to a loopback, private, link-local or
  // unique-local address (IPv4 or IPv6) is refused before connecting.
  bool allow_private_addresses = false;
};

// HTTP validators of a previous response (RFC 9110 ETag / Last-Modified).
struct Validators {
  std::string etag;
  std::string last_modified;
  friend bool operator==(const Validators&, const Validators&) = default;
};

struct Request {
  std::string url;
  std::string method = "GET";  // "GET", "POST" or "HEAD"
  Validators validators;       // sent as If-None-Match / If-Modified-Since when not empty
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // for POST
};

enum class Outcome {
  kOk,            // 2xx: body holds the (decompressed) content
  kNotModified,   // 304
  kRateLimited,   // 429 or 503; retry_after set when the peer sent Retry-After
  kHttpError,     // any other status >= 300 after redirects
  kTooLarge,      // the body exceeded Limits::max_body_bytes; body is empty
  kTimeout,       // connect or total timeout
  kRefused,       // a private address while allow_private_addresses is false
  kNetworkError,  // DNS, connection, TLS, protocol errors
};
const char* to_string(Outcome outcome);

struct Response {
  Outcome outcome = Outcome::kNetworkError;
  int status = 0;    // the HTTP status, 0 when none was received
  std::string body;  // only for kOk (and error statuses, for messages)
  std::string content_type;
  Validators validators;  // from this response (kOk and kNotModified)
  std::optional<std::chrono::seconds> retry_after;
  std::string final_url;       // after redirects
  std::size_t wire_bytes = 0;  // bytes received on the wire (headers + body, compressed)
  // One line for people: "peer answered 500 Internal Server Error", "timed out after 60 s".
  std::string error;
};

// Called as transfers finish: (finished, total).
using Progress = std::function<void(std::size_t, std::size_t)>;

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Performs every request in parallel and returns one Response per request, in
  // the same order, when all have finished or failed. Never throws. Thread-safe:
  // concurrent calls do not share transfers.
  virtual std::vector<Response> fetch_all(const std::vector<Request>& requests,
                                          const Progress& progress = {}) = 0;
  Response fetch(const Request& request) { return fetch_all({request}).front(); }
};

// The real fetcher (libcurl multi interface). user_agent is sent on every request,
// e.g. "sicnode/0.1.0 (+https://sic.example.pt/)". Requests ask for gzip.
std::unique_ptr<Fetcher> make_curl_fetcher(const Limits& limits, std::string user_agent);

}  // namespace sic::fetch
