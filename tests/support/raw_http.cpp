#include "tests/support/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace sic::test {

RawSocket::RawSocket(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("RawSocket: no socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    throw std::runtime_error("RawSocket: cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

RawSocket::~RawSocket() {
  if (fd_ >= 0) ::close(fd_);
}

RawSocket::RawSocket(RawSocket&& other) noexcept
    : fd_(other.fd_), closed_(other.closed_), buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

bool RawSocket::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(std::size_t(n));
  }
  return true;
}

bool RawSocket::read_some(std::chrono::steady_clock::time_point deadline) {
  if (closed_) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, std::max(0, int(left.count())));
  if (ready <= 0) return false;
  char chunk[65536];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  buffer_.append(chunk, std::size_t(n));
  return true;
}

std::vector<RawResponse> RawSocket::responses(std::size_t count, std::chrono::milliseconds timeout,
                                              bool head) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<RawResponse> out;
  while (out.size() < count) {
    RawResponse r;
    std::size_t used = parse_raw_response(buffer_, head, r);
    if (used > 0) {
      buffer_.erase(0, used);
      out.push_back(std::move(r));
      continue;
    }
    if (!read_some(deadline)) break;
  }
  return out;
}

RawResponse RawSocket::response(std::chrono::milliseconds timeout, bool head) {
  auto got = responses(1, timeout, head);
  return got.empty() ? RawResponse{} : std::move(got.front());
}

bool RawSocket::closed_within(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    read_some(deadline);
  } while (!closed_ && std::chrono::steady_clock::now() < deadline);
  return closed_;
}

std::size_t parse_raw_response(std::string_view bytes, bool head, RawResponse& out) {
  std::size_t end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return 0;
  std::string_view text = bytes.substr(0, end);
  std::size_t line_end = text.find("\r\n");
  std::string_view status_line = text.substr(0, line_end);
  if (status_line.size() < 12 || status_line.substr(0, 5) != "HTTP/") return 0;
  RawResponse r;
  r.status = std::stoi(std::string(status_line.substr(9, 3)));
  std::size_t pos = line_end == std::string_view::npos ? text.size() : line_end + 2;
  while (pos < text.size()) {
    std::size_t next = text.find("\r\n", pos);
    if (next == std::string_view::npos) next = text.size();
    std::string_view line = text.substr(pos, next - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    pos = next + 2;
  }
  std::size_t body_start = end + 4;
  std::size_t length = 0;
  std::string declared = r.header("Content-Length");
  bool bodiless = head || r.status < 200 || r.status == 204 || r.status == 304;
  if (!bodiless && !declared.empty()) length = std::stoul(declared);
  if (bytes.size() < body_start + length) return 0;
  r.body = std::string(bytes.substr(body_start, length));
  out = std::move(r);
  return body_start + length;
}

}  // namespace sic::test
