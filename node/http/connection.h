// One client connection of the server, plain or TLS (private to node/http; the rules
// it enforces are in docs/http.md). The server keeps a Core; each connection runs on a
// strand of its own and registers itself in the Core for the deadline sweep and stop().
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "node/http/server.h"

namespace sic::http::detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using Strand = net::strand<net::io_context::executor_type>;

// What the sweep and stop() may ask of a connection from any thread: each call posts
// to the connection's strand.
class ConnectionBase {
 public:
  virtual ~ConnectionBase();
  // The deadline has passed (the connection checks again on its strand).
  virtual void expire() = 0;
  // The server stops: close when idle or not yet answering; otherwise after the
  // response in progress.
  virtual void shut_down() = 0;
  // The server gives up waiting: close now.
  virtual void abort() = 0;

  // Steady-clock nanoseconds after which expire() is due; max: none.
  std::atomic<std::int64_t> deadline{INT64_MAX};

 protected:
  struct Core* core_ = nullptr;
};

// The state the server shares with its connections. Outlives them: Server::stop() waits
// for the registry to empty before the threads are joined and the Core goes.
struct Core {
  ServerOptions options;
  Handler handler;
  Observer observer;
  net::thread_pool* workers = nullptr;
  net::ssl::context* tls = nullptr;  // nullptr: plain HTTP
  std::atomic<bool> stopping{false};

  mutable std::mutex mutex;
  std::condition_variable emptied;
  std::unordered_map<ConnectionBase*, std::weak_ptr<ConnectionBase>> connections;

  // The handler's response; a 500 when it throws.
  Response handle(const Request& request) const;
  Admission admit(const Request& head) const;
  void finish(const Request& request, Response& response) const;
  void add(const std::shared_ptr<ConnectionBase>& connection);
  void remove(ConnectionBase* connection);
  std::size_t size() const;
};

// Starts serving an accepted socket (whose executor is a strand of its own).
void serve_connection(Core& core, tcp::socket socket);

inline std::int64_t steady_nanos(SteadyClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace sic::http::detail
