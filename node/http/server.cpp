// The listening side of the server: the acceptor and its cap on open connections, the
// deadline sweep, the threads and stop(). Boost.Asio and Beast stay inside node/http.
#include "node/http/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <thread>
#include <vector>

#include "node/http/connection.h"

namespace sic::http {
namespace {

using boost::system::error_code;
using detail::ConnectionBase;
using detail::Core;
using detail::SteadyClock;
using detail::tcp;
namespace net = boost::asio;
namespace errc = boost::system::errc;

// Said to a connection past the cap, without reading its request (docs/http.md).
constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 34\r\n"
    "Retry-After: 5\r\n"
    "Connection: close\r\n"
    "\r\n"
    "too many open connections; retry\r\n";

// How often deadlines are checked: a tenth of the shortest timeout, within 10-250 ms.
std::chrono::milliseconds sweep_interval(const ServerOptions& o) {
  auto shortest = std::min({o.header_timeout, o.body_timeout, o.idle_timeout, o.write_timeout});
  return std::clamp<std::chrono::milliseconds>(shortest / 10, std::chrono::milliseconds(10),
                                               std::chrono::milliseconds(250));
}

Result<std::unique_ptr<net::ssl::context>> tls_context(const ServerOptions& o) {
  if (o.tls_certificate.empty() && o.tls_key.empty()) return std::unique_ptr<net::ssl::context>();
  if (o.tls_certificate.empty() || o.tls_key.empty())
    return Error{"http: TLS needs both tls_certificate and tls_key"};
  auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                   net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                   net::ssl::context::no_tlsv1_1);
  error_code ec;
  ctx->use_certificate_chain_file(o.tls_certificate, ec);
  if (ec) return Error{"http: tls_certificate " + o.tls_certificate + ": " + ec.message()};
  ctx->use_private_key_file(o.tls_key, net::ssl::context::pem, ec);
  bool mismatch =
      ec && ec.category() == net::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH;
  if (mismatch || (!ec && SSL_CTX_check_private_key(ctx->native_handle()) != 1))
    return Error{"http: tls_key " + o.tls_key + " does not match tls_certificate " +
                 o.tls_certificate};
  if (ec) return Error{"http: tls_key " + o.tls_key + ": " + ec.message()};
  return ctx;
}

class AsioServer final : public Server {
 public:
  AsioServer(const ServerOptions& options, Handler handler, Observer observer)
      : workers_(std::size_t(std::max(1, options.worker_threads))) {
    core_.options = options;
    core_.handler = std::move(handler);
    core_.observer = std::move(observer);
    core_.workers = &workers_;
  }
  ~AsioServer() override {
    stop();
    if (spare_fd_ >= 0) ::close(spare_fd_);
  }

  Status open() {
    auto tls = tls_context(core_.options);
    if (!tls.ok()) return tls.error();
    tls_ = std::move(*tls);
    core_.tls = tls_.get();
    const ServerOptions& o = core_.options;
    bool v6 = o.host.find(':') != std::string::npos;
    std::string authority = (v6 ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port);
    url_ = (tls_ ? "https://" : "http://") + authority;
    error_code ec;
    tcp::endpoint endpoint;
    auto address = net::ip::make_address(o.host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, static_cast<unsigned short>(o.port));
    } else {
      tcp::resolver resolver(io_);
      auto found = resolver.resolve(o.host, std::to_string(o.port), ec);
      if (ec || found.empty())
        return Error{"http: cannot listen on " + authority + ": " + ec.message()};
      endpoint = found.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return Error{"http: cannot listen on " + authority + ": " + ec.message()};
    spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    accept();
    sweep();
    int threads =
        o.io_threads > 0 ? o.io_threads : std::max(2, int(std::thread::hardware_concurrency()));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
    return Status::Ok();
  }

  void stop() override {
    if (stopped_.exchange(true)) return;
    core_.stopping = true;
    if (!threads_.empty()) {
      run_on(acceptor_.get_executor(), [this] {
        error_code ec;
        acceptor_.close(ec);
      });
      run_on(timer_.get_executor(), [this] { timer_.cancel(); });
      for (auto& c : connections()) c->shut_down();
      // Requests being answered finish; a client that does not read is not waited for
      // longer than write_timeout, and never more than 10 s.
      auto grace = std::min<std::chrono::milliseconds>(core_.options.write_timeout,
                                                       std::chrono::seconds(10));
      if (!wait_empty(grace)) {
        for (auto& c : connections()) c->abort();
        wait_empty(std::chrono::seconds(1));
      }
    }
    work_.reset();
    io_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.join();
  }

  std::string url() const override { return url_; }
  std::size_t open_connections() const override { return core_.size(); }

 private:
  template <class Executor, class F>
  static void run_on(const Executor& executor, F f) {
    std::promise<void> done;
    net::post(executor, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  std::vector<std::shared_ptr<ConnectionBase>> connections() {
    std::vector<std::shared_ptr<ConnectionBase>> out;
    std::lock_guard lock(core_.mutex);
    for (auto& [raw, weak] : core_.connections)
      if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
  }

  bool wait_empty(std::chrono::milliseconds timeout) {
    std::unique_lock lock(core_.mutex);
    return core_.emptied.wait_for(lock, timeout, [&] { return core_.connections.empty(); });
  }

  void accept() {
    acceptor_.async_accept(net::make_strand(io_), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || core_.stopping) return;
      if (ec == errc::too_many_files_open || ec == errc::too_many_files_open_in_system)
        return shed();
      if (!ec) {
        if (core_.size() >= core_.options.max_connections)
          refuse(socket);
        else
          detail::serve_connection(core_, std::move(socket));
      }
      accept();
    });
  }

  // Past the cap: a 503 sent without reading, and the connection closed.
  static void refuse(tcp::socket& socket) {
    int fd = socket.native_handle();
    (void)::send(fd, kBusy.data(), kBusy.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    error_code ec;
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
  }

  // Out of file descriptors: accept the waiting connection on a descriptor kept spare
  // for this and close it at once, so that it does not wait in the backlog; then try
  // again a little later.
  void shed() {
    if (spare_fd_ >= 0) {
      ::close(spare_fd_);
      int fd = ::accept4(acceptor_.native_handle(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        (void)::send(fd, kBusy.data(), kBusy.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::close(fd);
      }
      spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    backoff_.expires_after(std::chrono::milliseconds(10));
    backoff_.async_wait([this](error_code ec) {
      if (!ec && !core_.stopping) accept();
    });
  }

  void sweep() {
    timer_.expires_after(sweep_interval(core_.options));
    timer_.async_wait([this](error_code ec) {
      if (ec || core_.stopping) return;
      std::int64_t now = detail::steady_nanos(SteadyClock::now());
      std::vector<std::shared_ptr<ConnectionBase>> due;
      {
        std::lock_guard lock(core_.mutex);
        for (auto& [raw, weak] : core_.connections)
          if (raw->deadline.load(std::memory_order_relaxed) <= now)
            if (auto c = weak.lock()) due.push_back(std::move(c));
      }
      for (auto& c : due) c->expire();
      sweep();
    });
  }

  // Destroyed in reverse: the threads are joined by stop(); then the acceptor and the
  // timers, then io_ (whose pending handlers may hold the last reference to a
  // connection, which then leaves core_), then the workers, then core_.
  Core core_;
  std::unique_ptr<net::ssl::context> tls_;
  net::thread_pool workers_;
  net::io_context io_;
  net::executor_work_guard<net::io_context::executor_type> work_{io_.get_executor()};
  tcp::acceptor acceptor_{net::make_strand(io_)};
  net::steady_timer backoff_{acceptor_.get_executor()};
  net::steady_timer timer_{net::make_strand(io_)};
  std::vector<std::thread> threads_;
  std::string url_;
  int spare_fd_ = -1;
  std::atomic<bool> stopped_{false};
};

}  // namespace

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options, Handler handler,
                                              Observer observer) {
  auto server = std::make_unique<AsioServer>(options, std::move(handler), std::move(observer));
  if (Status st = server->open(); !st.ok()) return st.error();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace sic::http
