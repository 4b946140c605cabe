// HTTP status codes and their reason phrases (RFC 9110, section 15): the one table the
// client (its messages, for servers that send no phrase, as HTTP/2 never does), the
// node's server (node/http) and the tests' server use. Header-only, constexpr.
#pragma once

#include <string_view>

namespace sic::http_status {

struct Reason {
  int status;
  std::string_view phrase;
};

inline constexpr Reason kReasons[] = {
    {100, "Continue"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {204, "No Content"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {417, "Expectation Failed"},
    {422, "Unprocessable Content"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

// The reason phrase of a status ("Not Found"); "" for a status not in the table.
constexpr std::string_view reason_phrase(int status) {
  for (const Reason& r : kReasons)
    if (r.status == status) return r.phrase;
  return "";
}

}  // namespace sic::http_status
