// The HTTP server (cpprestsdk's http_listener underneath).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "feeds/model/result.h"
#include "node/http/http.h"

namespace sic::http {

using Handler = std::function<Response(const Request&)>;
// Called once per request, when its response has been handed to the network, with the
// time to answer it (from the request's arrival to that hand-off).
using Observer =
    std::function<void(const Request&, const Response&, std::chrono::microseconds elapsed)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t max_request_body = 5 * 1024 * 1024;  // larger bodies get 413
};

class Server {
 public:
  // Starts listening. The handler and observer run on the server's threads,
  // concurrently: they must be thread-safe. A handler that throws yields a 500.
  // For HEAD requests the handler sees Method::kHead and its body is not sent.
  // Error: the address cannot be bound ("http: cannot listen on 127.0.0.1:8080: ...").
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options, Handler handler,
                                               Observer observer = {});
  virtual ~Server() = default;
  // Stops accepting and waits for requests in flight. Idempotent.
  virtual void stop() = 0;
  virtual std::string url() const = 0;  // "http://127.0.0.1:8080"
};

}  // namespace sic::http
