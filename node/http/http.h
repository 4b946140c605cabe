// The HTTP edge of the node, independent of the server library: requests and
// responses as plain values. Boost.Beast and Asio stay inside node/http's .cpp files.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sic::http {

enum class Method { kGet, kHead, kPost, kPut, kDelete, kOptions, kOther };
const char* to_string(Method method);

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: "/articles/tag%3Ax?lang=en"
  std::string path;    // target without the query, still percent-encoded
  std::vector<std::pair<std::string, std::string>> query;  // decoded ('+' is a space)
  std::map<std::string, std::string> headers;              // names in lower case
  std::string body;
  std::string remote;  // the client's address

  // The header's value, or "" (name in any case).
  std::string header(std::string_view name) const;
  // The first value of a query parameter, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  // The path split at '/', each segment percent-decoded ("%2F" stays inside its
  // segment). nullopt when a segment has a malformed escape.
  std::optional<std::vector<std::string>> segments() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body shared with a cache, sent instead of `body` when set: a cached document goes
  // out without being copied for each request.
  std::shared_ptr<const std::string> shared_body;
  // The route pattern that answered ("/feeds/{format}"), set by the Router for the logs
  // and metrics; never sent.
  std::string route;

  // The body to send: *shared_body when set, else body.
  std::string_view payload() const { return shared_body ? std::string_view(*shared_body) : body; }

  Response& header(std::string name, std::string value);
  std::string header_value(std::string_view name) const;  // "" when absent
  static Response text(int status, std::string body);     // text/plain; charset=utf-8
  static Response json(int status, std::string body);     // application/json; charset=utf-8
  static Response html(int status, std::string body);     // text/html; charset=utf-8
};

// Parses "a=1&b=x%20y" into decoded pairs; nullopt on a malformed escape.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view q);

// The credentials of `Authorization: Bearer TOKEN`, the scheme in any case (RFC 9110
// 11.1); nullopt when there is no such header, another scheme or no token.
std::optional<std::string> bearer_token(const Request& request);

// The reason phrase for a status ("Not Found"; "" when unknown), from the one table
// in sync/http_client/status.h.
const char* reason(int status);

}  // namespace sic::http
