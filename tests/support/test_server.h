// A small real HTTP/1.1 server on 127.0.0.1 for tests, scriptable per path.
//
// Each connection is served by its own thread and closed after one response
// ("Connection: close"). Every wait inside the server is bounded and ends early
// when the server stops; the destructor stops it and joins every thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace sic::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named name (case-insensitive); "" when absent.
std::string find_header(const Headers& headers, std::string_view name);

struct RecordedRequest {
  std::string method;
  std::string target;  // as sent: path and query
  std::string path;    // target without the query
  Headers headers;
  std::string body;
  std::chrono::steady_clock::time_point received;
  std::string header(std::string_view name) const { return find_header(headers, name); }
};

// What the server answers on a path. The defaults give "200 OK" with the body.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain; charset=utf-8";  // not sent when empty
  Headers headers;                                         // sent as given, after the status line

  // Validators, sent with the 200 and with the 304. A request whose If-None-Match
  // lists etag (or is "*") gets 304 without a body; so does one without
  // If-None-Match whose If-Modified-Since equals last_modified.
  std::string etag;
  std::string last_modified;

  bool gzip = false;  // compress the body when the request accepts gzip

  std::chrono::milliseconds delay{0};  // before the status line
  // When trickle_bytes > 0, the body goes out in pieces of that size with a pause
  // of trickle_interval between them.
  std::size_t trickle_bytes = 0;
  std::chrono::milliseconds trickle_interval{0};

  // Faults.
  bool hang_up = false;                         // close the connection without answering
  std::optional<std::size_t> close_after;       // close after this many body bytes
  std::optional<std::uint64_t> content_length;  // announce this instead of the real length
  bool send_content_length = true;              // false: the body ends when the connection closes
};

// Builds a reply for a request; called on the connection's thread. It may block,
// for a bounded time, to coordinate with other connections.
using Handler = std::function<Reply(const RecordedRequest&)>;

// A redirect to location (absolute or relative).
Reply redirect(std::string location, int status = 302);
// A status (429, 503...) with a Retry-After header holding value.
Reply retry_after(int status, std::string value);
// n pseudo-random bytes, the same for the same seed.
std::string random_bytes(std::size_t n, std::uint64_t seed = 1);
// data compressed as a gzip stream (zlib).
std::string gzip(std::string_view data);

class TestServer {
 public:
  // Listens on 127.0.0.1 on a free port chosen by the kernel; throws
  // std::runtime_error when it cannot.
  TestServer();
  // Stops the server: see stop().
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // What a path (without query) answers; replaces an earlier route. Thread-safe,
  // also while the server runs. Paths without a route answer 404, or fallback.
  void route(std::string path, Reply reply);
  void route(std::string path, Handler handler);
  void fallback(Handler handler);

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string url(std::string_view path = "/") const;

  // Every request received so far, in arrival order (complete requests only).
  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedRequest> requests_to(std::string_view path) const;
  std::size_t request_count() const;
  // Waits until at least n requests have arrived; false on timeout.
  bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const;

  // Stops accepting, wakes every connection (trickles and delays end at once,
  // their sockets are closed) and joins every thread. Idempotent.
  void stop();

 private:
  struct Connection {
    std::thread thread;
    bool finished = false;  // guarded by mutex_
  };

  void accept_loop();
  void serve(int fd, Connection* connection);
  void close_connection(int fd, Connection* connection);
  Reply answer(const RecordedRequest& request);
  void reap_finished_connections();

  int listen_fd_ = -1;
  int wake_fds_[2] = {-1, -1};  // a pipe: written once by stop()
  int port_ = 0;
  std::thread acceptor_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  std::map<std::string, Handler, std::less<>> routes_;
  Handler fallback_;
  std::vector<RecordedRequest> requests_;
  std::list<Connection> connections_;

  friend class ConnectionIo;
};

}  // namespace sic::test
