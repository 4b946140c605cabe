// A raw TCP client for tests of an HTTP server's framing, limits and timeouts: it sends
// exactly the bytes it is given (malformed ones too) and reads what comes back, every
// wait bounded by a deadline.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/test_server.h"

namespace sic::test {

struct RawResponse {
  int status = 0;
  Headers headers;
  std::string body;
  std::string header(std::string_view name) const { return find_header(headers, name); }
};

class RawSocket {
 public:
  // Connects to 127.0.0.1:port. Throws std::runtime_error when it cannot.
  explicit RawSocket(int port);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  RawSocket(RawSocket&& other) noexcept;

  // Sends all the bytes; false when the peer has gone (reset, closed).
  bool send(std::string_view bytes);
  // Reads responses until `count` of them are complete, the peer closes or the timeout
  // passes; returns those that are complete (parsed as they arrive: a 1xx is one, a
  // response to HEAD has no body when `head` is true). Kept bytes carry over.
  std::vector<RawResponse> responses(std::size_t count, std::chrono::milliseconds timeout,
                                     bool head = false);
  // One response (status 0 when none came within the timeout).
  RawResponse response(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                       bool head = false);
  // Reads until the peer closes (EOF or reset) or the timeout passes; true when closed.
  // A timeout of 0 looks once without waiting.
  bool closed_within(std::chrono::milliseconds timeout);
  // Bytes received and not yet parsed as a response.
  const std::string& pending() const { return buffer_; }
  bool peer_closed() const { return closed_; }
  int fd() const { return fd_; }

 private:
  // Reads once (waiting at most until deadline, or only looking when it has passed);
  // false on EOF, error or nothing to read.
  bool read_some(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  bool closed_ = false;
  std::string buffer_;
};

// Parses one complete response at the start of bytes; returns the bytes it took, or 0
// when it is not complete yet.
std::size_t parse_raw_response(std::string_view bytes, bool head, RawResponse& out);

}  // namespace sic::test
