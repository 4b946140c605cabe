// A node's request handling, without the network: every route of the public
// interface behind one thread-safe handle(). `sicnode serve` puts it behind the
// HTTP server; tests can call it directly.
#pragma once

#include <memory>

#include "node/app/context.h"
#include "node/http/http.h"
#include "node/http/router.h"

namespace sic {

class App {
 public:
  // Opens the catalogue (creating data_dir if needed). Errors name the problem.
  static Result<std::unique_ptr<App>> create(const Config& config, const Clock& clock);

  http::Response handle(const http::Request& request) const;
  // Records a handled request in the metrics (route, status, latency).
  void observe(const http::Request& request, const http::Response& response,
               std::chrono::microseconds elapsed);
  NodeContext& context() { return context_; }
  const http::Router& router() const { return router_; }

 private:
  App() = default;
  NodeContext context_;
  http::Router router_;
};

// The request log line: `127.0.0.1 "GET /feeds/atom" 200 5123 0.8ms`.
std::string log_line(const http::Request& request, const http::Response& response,
                     std::chrono::microseconds elapsed);

}  // namespace sic
