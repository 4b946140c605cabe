// The HTTP/1.1 server (Boost.Beast's parser and Asio underneath; docs/http.md). It
// holds against hostile clients on its own: size limits, timeouts, strict framing and
// a cap on open connections, with optional TLS (OpenSSL).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "feeds/model/result.h"
#include "node/http/http.h"

namespace sic::http {

using Handler = std::function<Response(const Request&)>;
// Called once per request, when its response has been handed to the network, with the
// time to answer it (from the request's arrival to that hand-off). Also called for the
// answers the server makes itself (400, 408, 413, 414, 431...), with as much of the
// request as was read.
using Observer =
    std::function<void(const Request&, const Response&, std::chrono::microseconds elapsed)>;
// What a request may send, decided from its head (method, target, headers; no body
// yet): the largest body it may carry (a larger one gets 413 before any of it is read),
// or an answer sent at once instead of reading the body (e.g. a 401 for a write
// without a valid token), after which the connection closes.
struct Admission {
  std::size_t max_body = 1024;
  std::optional<Response> answer;
};
using Admit = std::function<Admission(const Request& head)>;
// Applied to every response before it is sent, the handler's and the server's own
// (a 413, a 400 for bad framing): headers for all, error bodies in the right shape.
using Finisher = std::function<void(const Request&, Response&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;

  std::size_t max_request_line = 8 * 1024;   // a longer request line gets 414
  std::size_t max_header_bytes = 16 * 1024;  // a larger header block (after it) gets 431
  std::size_t max_request_body = 1024;       // when admit is unset
  Admit admit;

  // From a connection's first byte (or a request's) until its header block is complete:
  // else 408 and the connection closes. The first byte must come within it too.
  std::chrono::milliseconds header_timeout{10'000};
  // From a request's header block until its body is complete: else 408, closed.
  std::chrono::milliseconds body_timeout{60'000};
  // A kept-alive connection waiting for its next request; then it is closed silently.
  std::chrono::milliseconds idle_timeout{60'000};
  // Sending one response (a client that does not read); then the connection is closed.
  std::chrono::milliseconds write_timeout{60'000};

  // Open connections at most; a connection past it gets a 503 and is closed at once,
  // while those already open keep being served.
  std::size_t max_connections = 512;

  // Threads reading and writing, and running the handlers of GET, HEAD and OPTIONS
  // (which must not wait long). 0: one per core, at least 2.
  int io_threads = 0;
  // Threads running the handlers of other methods (writes, which may wait for a lock).
  int worker_threads = 4;

  // PEM files: the certificate chain and its private key. Both empty: plain HTTP.
  std::string tls_certificate;
  std::string tls_key;

  Finisher finish;
};

class Server {
 public:
  // Starts listening and serving. The handler, observer, admit and finish run on
  // the server's threads, concurrently: they must be thread-safe. A handler that throws
  // yields a 500. For HEAD requests the handler sees Method::kHead and its body is not
  // sent. Errors: the address cannot be bound ("http: cannot listen on 127.0.0.1:8080:
  // ..."), the TLS files cannot be read or do not match ("http: tls_key ...: ...").
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options, Handler handler,
                                               Observer observer = {});
  virtual ~Server() = default;
  // Stops accepting, closes idle connections, lets the requests in flight finish (their
  // responses are sent, bounded by write_timeout) and joins the threads. Idempotent.
  virtual void stop() = 0;
  virtual std::string url() const = 0;  // "http://127.0.0.1:8080" (https with TLS)
  // Connections open right now (for tests and metrics).
  virtual std::size_t open_connections() const = 0;
};

}  // namespace sic::http
