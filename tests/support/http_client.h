// A tiny blocking HTTP client for tests (libcurl inside, nothing else shared).
// It does not follow redirects and does not decompress: tests see what was sent.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "tests/support/test_server.h"

namespace sic::test {

struct HttpResult {
  int status = 0;   // 0 when no response arrived (error says why)
  Headers headers;  // of the response, in order
  std::string body;
  std::string error;  // curl's message when the request failed
  std::string header(std::string_view name) const { return find_header(headers, name); }
};

constexpr std::chrono::milliseconds kHttpTimeout{10000};

// One request with method (GET, POST, PUT, DELETE, HEAD...), extra headers and a
// body (sent when not empty, or always for POST and PUT).
HttpResult http_request(std::string_view method, const std::string& url, std::string_view body = {},
                        const Headers& headers = {},
                        std::chrono::milliseconds timeout = kHttpTimeout);

HttpResult http_get(const std::string& url, const Headers& headers = {});
HttpResult http_post(const std::string& url, std::string_view body, const Headers& headers = {});
HttpResult http_put(const std::string& url, std::string_view body, const Headers& headers = {});
HttpResult http_delete(const std::string& url, const Headers& headers = {});

}  // namespace sic::test
