#include "tests/node/translate/support/loopback_fetcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <string>

namespace sic::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Url {
  int port = 0;
  std::string target;  // path and query
};

bool parse_url(const std::string& url, Url& out) {
  const std::string prefix = "http://127.0.0.1:";
  if (!url.starts_with(prefix)) return false;
  std::size_t slash = url.find('/', prefix.size());
  out.port = std::atoi(url.substr(prefix.size(), slash - prefix.size()).c_str());
  out.target = slash == std::string::npos ? "/" : url.substr(slash);
  return out.port > 0;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int wait_ms(Clock::time_point deadline) {
  return int(std::max<long long>(
      0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count()));
}

// Sends the request and reads the whole response (the server closes the connection).
bool exchange(int fd, const std::string& request, std::string& response,
              Clock::time_point deadline) {
  std::size_t sent = 0;
  while (sent < request.size()) {
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, wait_ms(deadline)) <= 0) return false;
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += std::size_t(n);
  }
  char buffer[16384];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, wait_ms(deadline)) <= 0) return false;
    ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n < 0) return false;
    if (n == 0) return true;
    response.append(buffer, std::size_t(n));
  }
}

std::string dechunk(const std::string& body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) break;
    std::size_t size = std::stoul(body.substr(at, eol - at), nullptr, 16);
    if (size == 0) break;
    out += body.substr(eol + 2, size);
    at = eol + 2 + size + 2;
  }
  return out;
}

fetch::Response parse_response(const std::string& raw, const std::string& url) {
  fetch::Response response;
  response.final_url = url;
  response.wire_bytes = raw.size();
  std::size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.size() < 12) {
    response.error = "malformed response";
    return response;
  }
  response.status = std::atoi(raw.substr(9, 3).c_str());
  std::string body = raw.substr(head_end + 4);
  bool chunked = false;
  std::size_t line = raw.find("\r\n") + 2;
  while (line < head_end) {
    std::size_t eol = raw.find("\r\n", line);
    std::string header = raw.substr(line, eol - line);
    std::size_t colon = header.find(':');
    std::string name = lower(header.substr(0, colon));
    std::string value = header.substr(std::min(colon + 2, header.size()));
    if (name == "content-type") response.content_type = value;
    if (name == "retry-after")
      response.retry_after = std::chrono::seconds(std::atoi(value.c_str()));
    if (name == "transfer-encoding" && lower(value) == "chunked") chunked = true;
    line = eol + 2;
  }
  response.body = chunked ? dechunk(body) : body;
  if (response.status >= 200 && response.status < 300) {
    response.outcome = fetch::Outcome::kOk;
  } else {
    response.outcome = response.status == 429 || response.status == 503
                           ? fetch::Outcome::kRateLimited
                           : fetch::Outcome::kHttpError;
    response.error = "peer answered " + std::to_string(response.status);
  }
  return response;
}

class LoopbackFetcher final : public fetch::Fetcher {
 public:
  explicit LoopbackFetcher(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  std::vector<fetch::Response> fetch_all(const std::vector<fetch::Request>& requests,
                                         const fetch::Progress& progress) override {
    std::vector<fetch::Response> responses;
    for (const fetch::Request& request : requests) {
      responses.push_back(fetch_one(request));
      if (progress) progress(responses.size(), requests.size());
    }
    return responses;
  }

 private:
  fetch::Response fetch_one(const fetch::Request& request) {
    fetch::Response failed;
    Url url;
    if (!parse_url(request.url, url)) {
      failed.outcome = fetch::Outcome::kRefused;
      failed.error = "the test fetcher only reaches http://127.0.0.1:PORT/";
      return failed;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(url.port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      if (fd >= 0) close(fd);
      failed.error = "cannot connect to 127.0.0.1:" + std::to_string(url.port);
      return failed;
    }
    std::string raw = request.method + " " + url.target +
                      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(url.port) +
                      "\r\nConnection: close\r\n";
    for (const auto& [name, value] : request.headers) raw += name + ": " + value + "\r\n";
    if (request.method == "POST")
      raw += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    raw += "\r\n" + request.body;
    std::string response;
    bool complete = exchange(fd, raw, response, Clock::now() + timeout_);
    close(fd);
    if (!complete) {
      failed.outcome = fetch::Outcome::kTimeout;
      failed.error = "timed out";
      return failed;
    }
    return parse_response(response, request.url);
  }

  std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<fetch::Fetcher> make_loopback_fetcher(std::chrono::milliseconds timeout) {
  return std::make_unique<LoopbackFetcher>(timeout);
}

}  // namespace sic::testing
