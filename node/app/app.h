// A node's request handling, without the network: every route of the public
// interface behind one thread-safe handle(). `sicnode serve` puts it behind the
// HTTP server; tests can call it directly.
#pragma once

#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "node/app/edge.h"
#include "node/context/context.h"
#include "node/http/http.h"
#include "node/http/router.h"
#include "node/http/server.h"
#include "node/log/log.h"

namespace sic {
namespace websub {
class Hub;
}
namespace sync {
struct SyncSettings;
class VerificationCache;
}  // namespace sync

class App {
 public:
  // Opens the catalogue (creating data_dir if needed) and the node's key (creating it
  // at the first start), and signs what is not signed yet. Errors name the problem.
  static Result<std::unique_ptr<App>> create(const Config& config, const Clock& clock);
  ~App();

  http::Response handle(const http::Request& request) const;
  // What a request may send, from its head: its route's body limit; for a write
  // route (one that takes more than the default), a 401 before the body when the head
  // has no valid bearer token, unless the route checks its callers itself
  // (RouteOptions::admit: the translation callbacks' secret). docs/http.md, "Limits".
  http::Admission admit(const http::Request& head);
  // Completes every response at the edge, the server's own ones too: security headers,
  // CORS, error bodies in the shape of their path (EdgePolicy).
  void finish(const http::Request& request, http::Response& response) const {
    edge_->apply(request, response);
  }
  // Records a handled request in the metrics (route, status, latency).
  void observe(const http::Request& request, const http::Response& response,
               std::chrono::microseconds elapsed);
  NodeContext& context() { return context_; }
  // The WebSub hub of the node's documents (null when [websub] hub = false); `serve`
  // starts and stops its threads.
  websub::Hub* hub() { return hub_.get(); }
  const http::Router& router() const { return router_; }

 private:
  // A route's metric series, resolved once (Registry::counter_series): recording a
  // request then takes no registry lock and formats no labels.
  struct RouteSeries {
    metrics::Registry::HistogramSeries* duration;
    struct Requests {
      http::Method method;
      int status;
      std::atomic<double>* count;
    };
    std::vector<Requests> requests;  // one per (method, status) seen, few
  };
  struct RouteHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The request counter of (route, method, status) and the route's duration histogram.
  std::pair<std::atomic<double>*, metrics::Registry::HistogramSeries*> series_of(
      std::string_view route, http::Method method, int status);

  App() = default;
  NodeContext context_;
  http::Router router_;
  // How pushed documents are merged (the peers' hubs' deliveries); its cache is theirs.
  std::unique_ptr<sync::VerificationCache> push_cache_;
  std::unique_ptr<sync::SyncSettings> push_settings_;
  std::unique_ptr<websub::Hub> hub_;
  std::unique_ptr<EdgePolicy> edge_;
  std::shared_mutex series_mutex_;
  std::unordered_map<std::string, RouteSeries, RouteHash, std::equal_to<>> series_;  // by route
};

// Signs what the node vouches for and has not signed yet (keys::sign_catalogue): the
// step that brings a catalogue from before signatures up to date, at every start.
Status sign_own_catalogue(CataloguePool& pool, const keys::NodeKeys& keys);

// The request log line: `203.0.113.7 "GET /feeds/atom" 200 5123 0.8ms`, with the
// client's address as client_address() finds it.
std::string log_line(std::string_view client, const http::Request& request,
                     const http::Response& response, std::chrono::microseconds elapsed);

// Logs a handled request: at error for a 5xx, at debug for a /healthz answered with 200
// (health checks every few seconds), else at info. A JSON line also carries the
// fields client, remote (the connection's address), method, target, route, status,
// bytes and duration_seconds.
void log_request(const log::Logger& logger, const std::vector<IpNetwork>& trusted_proxies,
                 const http::Request& request, const http::Response& response,
                 std::chrono::microseconds elapsed);

}  // namespace sic
