#include "tests/support/test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <random>
#include <stdexcept>

#include "sync/http_client/status.h"

namespace sic::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kIoTimeout = std::chrono::seconds(10);  // per read of a request, per write
constexpr std::size_t kMaxHeadBytes = 1 << 20;
constexpr std::size_t kMaxBodyBytes = std::size_t{64} << 20;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A reason phrase for every status line (a status the table does not know gets "Status").
std::string reason_of(int status) {
  std::string_view known = http_status::reason_phrase(status);
  return known.empty() ? "Status" : std::string(known);
}

// "W/\"x\"" and "\"x\"" are the same for If-None-Match (weak comparison).
std::string_view opaque_tag(std::string_view etag) {
  etag = trim(etag);
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  return etag;
}

bool etag_listed(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view item = if_none_match.substr(0, comma);
    if (opaque_tag(item) == opaque_tag(etag)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

bool is_not_modified(const Reply& reply, const RecordedRequest& request) {
  if (reply.status != 200 || (request.method != "GET" && request.method != "HEAD")) return false;
  std::string if_none_match = request.header("If-None-Match");
  if (!if_none_match.empty()) return !reply.etag.empty() && etag_listed(if_none_match, reply.etag);
  return !reply.last_modified.empty() && request.header("If-Modified-Since") == reply.last_modified;
}

bool accepts_gzip(const RecordedRequest& request) {
  return lower(request.header("Accept-Encoding")).find("gzip") != std::string::npos;
}

void parse_head(std::string_view head, RecordedRequest& out) {
  auto line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  auto first = line.find(' '), second = line.rfind(' ');
  out.method = std::string(line.substr(0, first));
  if (first != std::string_view::npos && second > first) {
    out.target = std::string(line.substr(first + 1, second - first - 1));
  }
  out.path = out.target.substr(0, out.target.find('?'));
  head.remove_prefix(line_end == std::string_view::npos ? head.size() : line_end + 2);
  while (!head.empty()) {
    auto end = head.find("\r\n");
    std::string_view field = head.substr(0, end);
    auto colon = field.find(':');
    if (colon != std::string_view::npos) {
      out.headers.emplace_back(std::string(trim(field.substr(0, colon))),
                               std::string(trim(field.substr(colon + 1))));
    }
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + 2);
  }
}

}  // namespace

std::string find_header(const Headers& headers, std::string_view name) {
  std::string wanted = lower(name);
  for (const auto& [n, v] : headers) {
    if (lower(n) == wanted) return v;
  }
  return {};
}

Reply redirect(std::string location, int status) {
  Reply reply;
  reply.status = status;
  reply.headers = {{"Location", std::move(location)}};
  reply.body = "redirecting";
  return reply;
}

Reply retry_after(int status, std::string value) {
  Reply reply;
  reply.status = status;
  reply.headers = {{"Retry-After", std::move(value)}};
  reply.body = "slow down";
  return reply;
}

std::string random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(engine() & 0xff);
  return out;
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("test server: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw std::runtime_error("test server: deflate failed");
  return out;
}

// Bounded, stop-aware I/O on one connection's non-blocking socket.
class ConnectionIo {
 public:
  ConnectionIo(int fd, TestServer& server) : fd_(fd), server_(server) {}

  // Waits until the socket is ready for events; false on stop, timeout or error.
  bool wait(short events, Clock::time_point deadline) {
    while (Clock::now() < deadline) {
      pollfd fds[2] = {{fd_, events, 0}, {server_.wake_fds_[0], POLLIN, 0}};
      int rc = poll(fds, 2, 200);
      if (rc < 0 && errno != EINTR) return false;
      if (fds[1].revents) return false;
      if (fds[0].revents & (POLLERR | POLLNVAL)) return false;
      if (fds[0].revents) return true;
    }
    return false;
  }

  // Reads one request (head and Content-Length body); false when it cannot.
  bool read_request(RecordedRequest& out) {
    auto deadline = Clock::now() + kIoTimeout;
    std::string data;
    std::size_t head_end;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      if (data.size() > kMaxHeadBytes || !read_some(data, deadline)) return false;
    }
    parse_head(std::string_view(data).substr(0, head_end + 2), out);
    if (lower(out.header("Expect")) == "100-continue" &&
        !send_all("HTTP/1.1 100 Continue\r\n\r\n")) {
      return false;
    }
    std::size_t length = std::strtoull(out.header("Content-Length").c_str(), nullptr, 10);
    if (length > kMaxBodyBytes) return false;
    data.erase(0, head_end + 4);
    while (data.size() < length) {
      if (!read_some(data, deadline)) return false;
    }
    out.body = data.substr(0, length);
    return true;
  }

  bool send_all(std::string_view data) {
    auto deadline = Clock::now() + kIoTimeout;
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!wait(POLLOUT, deadline)) return false;
      } else {
        return false;  // the client went away
      }
    }
    return true;
  }

  // Sleeps for d; false when the server stops first.
  bool pause(std::chrono::milliseconds d) {
    std::unique_lock lock(server_.mutex_);
    return !server_.changed_.wait_for(lock, d, [&] { return server_.stopping_; });
  }

 private:
  bool read_some(std::string& data, Clock::time_point deadline) {
    char buffer[16384];
    while (true) {
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        data.append(buffer, static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0) return false;
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
      if (!wait(POLLIN, deadline)) return false;
    }
  }

  int fd_;
  TestServer& server_;
};

namespace {

std::string response_head(const Reply& reply, bool not_modified, bool gzipped,
                          std::size_t body_size) {
  int status = not_modified ? 304 : reply.status;
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason_of(status) + "\r\n";
  for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
  if (!reply.etag.empty()) head += "ETag: " + reply.etag + "\r\n";
  if (!reply.last_modified.empty()) head += "Last-Modified: " + reply.last_modified + "\r\n";
  if (!not_modified) {
    if (!reply.content_type.empty()) head += "Content-Type: " + reply.content_type + "\r\n";
    if (gzipped) head += "Content-Encoding: gzip\r\n";
    if (reply.send_content_length) {
      std::uint64_t length = reply.content_length.value_or(body_size);
      head += "Content-Length: " + std::to_string(length) + "\r\n";
    }
  }
  return head + "Connection: close\r\n\r\n";
}

bool send_body(ConnectionIo& io, const Reply& reply, std::string_view body) {
  if (reply.close_after) body = body.substr(0, std::min(*reply.close_after, body.size()));
  if (reply.trickle_bytes == 0) return io.send_all(body);
  while (!body.empty()) {
    std::size_t n = std::min(reply.trickle_bytes, body.size());
    if (!io.send_all(body.substr(0, n))) return false;
    body.remove_prefix(n);
    if (!body.empty() && !io.pause(reply.trickle_interval)) return false;
  }
  return true;
}

}  // namespace

TestServer::TestServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0 || ::pipe2(wake_fds_, O_CLOEXEC) != 0) {
    throw std::runtime_error("test server: cannot create sockets");
  }
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("test server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread(&TestServer::accept_loop, this);
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (wake_fds_[1] >= 0) {
    [[maybe_unused]] auto written = ::write(wake_fds_[1], "x", 1);
  }
  if (acceptor_.joinable()) acceptor_.join();
  std::list<Connection> connections;
  {
    std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& c : connections) {
    if (c.thread.joinable()) c.thread.join();
  }
  for (int* fd : {&listen_fd_, &wake_fds_[0], &wake_fds_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

void TestServer::route(std::string path, Reply reply) {
  route(std::move(path),
        Handler([reply = std::move(reply)](const RecordedRequest&) { return reply; }));
}

void TestServer::route(std::string path, Handler handler) {
  std::lock_guard lock(mutex_);
  routes_[std::move(path)] = std::move(handler);
}

void TestServer::fallback(Handler handler) {
  std::lock_guard lock(mutex_);
  fallback_ = std::move(handler);
}

std::string TestServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<RecordedRequest> TestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<RecordedRequest> TestServer::requests_to(std::string_view path) const {
  std::vector<RecordedRequest> out;
  for (auto& r : requests()) {
    if (r.path == path) out.push_back(std::move(r));
  }
  return out;
}

std::size_t TestServer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

bool TestServer::wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return requests_.size() >= n; });
}

void TestServer::accept_loop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fds_[0], POLLIN, 0}};
    int rc = ::poll(fds, 2, 1000);
    if (rc < 0 && errno != EINTR) break;
    if (fds[1].revents) break;
    reap_finished_connections();
    if (!(fds[0].revents & POLLIN)) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(fd);
      break;
    }
    Connection& c = connections_.emplace_back();
    c.thread = std::thread(&TestServer::serve, this, fd, &c);
  }
}

void TestServer::reap_finished_connections() {
  std::list<Connection> finished;
  {
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      auto next = std::next(it);
      if (it->finished) finished.splice(finished.end(), connections_, it);
      it = next;
    }
  }
  for (auto& c : finished) c.thread.join();
}

Reply TestServer::answer(const RecordedRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    auto it = routes_.find(request.path);
    handler = it != routes_.end() ? it->second : fallback_;
  }
  if (handler) return handler(request);
  Reply missing;
  missing.status = 404;
  missing.body = "no route for " + request.path;
  return missing;
}

void TestServer::serve(int fd, Connection* connection) {
  ConnectionIo io(fd, *this);
  RecordedRequest request;
  if (io.read_request(request)) {
    request.received = Clock::now();
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    changed_.notify_all();
    Reply reply = answer(request);
    if (reply.hang_up) return close_connection(fd, connection);
    bool not_modified = reply.status == 304 || is_not_modified(reply, request);
    bool gzipped = reply.gzip && !not_modified && accepts_gzip(request);
    std::string body = not_modified ? std::string() : gzipped ? gzip(reply.body) : reply.body;
    bool has_body =
        !not_modified && request.method != "HEAD" && reply.status >= 200 && reply.status != 204;
    if ((reply.delay.count() == 0 || io.pause(reply.delay)) &&
        io.send_all(response_head(reply, not_modified, gzipped, body.size())) && has_body) {
      send_body(io, reply, body);
    }
  }
  close_connection(fd, connection);
}

void TestServer::close_connection(int fd, Connection* connection) {
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
  std::lock_guard lock(mutex_);
  connection->finished = true;
}

}  // namespace sic::test
