// The project's HTTP client. Every request the node sends goes through a
// fetch::Fetcher: peers' feeds (sync/round), import sources (`sicnode import`,
// `sicnode parse URL`), the translation engines behind HTTP (node/translate/remote).
// It sits under sync/ because reading peers is its first use, but nothing in it is
// about feeds. libcurl lives behind this header only (docs/sync.md, "Fetching").
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feeds/model/datetime.h"

namespace sic::fetch {

// Timeouts under 1 s count as 1 s and a negative max_redirects as 0: no value
// turns a limit off.
struct Limits {
  std::chrono::seconds connect_timeout{10};       // per connection attempt (also after a redirect)
  std::chrono::seconds total_timeout{60};         // the whole transfer, redirects included
  std::size_t max_body_bytes = 20 * 1024 * 1024;  // after decompression
  int max_redirects = 5;
  // When false, a URL whose host resolves to a loopback, private, link-local,
  // CGNAT, unique-local, multicast or reserved address (IPv4 or IPv6, IPv4-mapped
  // forms included; see address.h) is refused before connecting. The check is made
  // on the address actually connected to, so redirects and DNS answers cannot
  // bypass it. Environment proxies (http_proxy...) are never used.
  bool allow_private_addresses = false;
};

// HTTP validators of a previous response (RFC 9110 ETag / Last-Modified), kept
// verbatim (a weak ETag keeps its W/ prefix).
struct Validators {
  std::string etag{};
  std::string last_modified{};
  friend bool operator==(const Validators&, const Validators&) = default;
};

// HTTP Digest authentication (RFC 7616): the request goes out, the server's 401
// challenge is answered with these credentials, and the request goes out again.
struct DigestCredentials {
  std::string user;
  std::string password;
};

struct Request {
  std::string url{};           // http:// or https:// only
  std::string method = "GET";  // "GET", "POST" or "HEAD"; anything else is a kNetworkError
  Validators validators{};     // sent as If-None-Match / If-Modified-Since when not empty
  // Extra request headers. A name or value containing CR or LF makes the request
  // fail (kNetworkError) without being sent.
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};  // for POST
  // When set, the server's Digest challenge is answered (a 401 without one stays a 401).
  std::optional<DigestCredentials> digest{};
};

enum class Outcome {
  kOk,            // 2xx: body holds the (decompressed) content
  kNotModified,   // 304
  kRateLimited,   // 429 or 503; retry_after set when the peer sent Retry-After
  kHttpError,     // any other status >= 300 after redirects (also: too many redirects)
  kTooLarge,      // the body exceeded Limits::max_body_bytes; body is empty
  kTimeout,       // connect or total timeout
  kRefused,       // a private address while allow_private_addresses is false
  kNetworkError,  // DNS, connection, TLS, protocol, unsupported scheme, bad request
};
// "ok", "not modified", "rate limited", "http error", "too large", "timeout",
// "refused", "network error".
const char* to_string(Outcome outcome);

struct Response {
  Outcome outcome = Outcome::kNetworkError;
  int status = 0;  // the last HTTP status received (after redirects), 0 when none
  // kOk: the whole decompressed body. kHttpError / kRateLimited: at most the first
  // 64 KB of the error body, for messages. Empty otherwise.
  std::string body;
  std::string content_type;  // the final response's Content-Type, verbatim
  // kOk: the validators the server sent (empty fields when it sent none), so the
  // caller stores them every time, even when the body did not change.
  // kNotModified: the validators the server sent; a field it did not resend is
  // carried over from Request::validators, so the caller can store them as they are.
  // Empty for every other outcome.
  Validators validators;
  // Retry-After of the final response (delta-seconds or HTTP-date, see
  // parse_retry_after), whatever its status; nullopt when absent or unreadable.
  std::optional<std::chrono::seconds> retry_after;
  std::string final_url;       // after redirects
  std::size_t wire_bytes = 0;  // bytes received on the wire (headers + body, compressed)
  // One line for people, empty for kOk and kNotModified: "server answered 500
  // Internal Server Error", "timed out after 60 s". It does not repeat the URL.
  std::string error;
};

// Called as transfers finish: (finished, total), on the thread that called fetch_all.
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
  // Makes every fetch_all in progress return soon (within about 100 ms), its
  // unfinished transfers ending as kNetworkError "cancelled", and every later call
  // return at once the same way. For stopping a node; it cannot be undone.
  // Thread-safe. The default does nothing (for fetchers that never block).
  virtual void cancel() {}
};

// The real fetcher (libcurl multi interface). user_agent is sent on every request,
// e.g. "sicnode/0.1.0 (+https://sic.example.pt/)". Requests ask for gzip. TLS
// certificates and host names are always verified.
std::unique_ptr<Fetcher> make_curl_fetcher(const Limits& limits, std::string user_agent);

// Reads a Retry-After value (RFC 9110 section 10.2.3): delta-seconds, or an
// HTTP-date (IMF-fixdate, or the obsolete RFC 850 / asctime forms) taken relative
// to now; a date in the past gives 0 s. Returns nullopt for anything else.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, TimePoint now);

}  // namespace sic::fetch
