// sicnode serve: the HTTP server until SIGINT or SIGTERM.
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>

#include "node/app/app.h"
#include "node/app/federation.h"
#include "node/app/translation.h"
#include "node/cli/common.h"
#include "node/cli/data_lock.h"
#include "node/http/server.h"
#include "node/log/log.h"
#include "node/service/systemd.h"
#include "node/websub/websub.h"
#include "sync/scheduler/scheduler.h"

namespace sic::cli {
namespace {

// Blocks SIGINT and SIGTERM in this thread and every thread started after, so that
// only the main thread's sigwait receives them.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// One line per round: "2026-11-28T16:04:05Z sync: 3 peers in 0.4 s: 2 ok, 1 not ok; 5 new..."
std::string round_line(const sync::RoundReport& report) {
  std::size_t ok = 0;
  std::string failures;
  for (const auto& p : report.peers) {
    if (p.status == sync::PeerStatus::kOk || p.status == sync::PeerStatus::kNotModified)
      ++ok;
    else
      failures += "; " + p.peer + ": " + p.error;
  }
  sync::MergeStats total = report.total();
  char buf[160];
  std::snprintf(
      buf, sizeof buf,
      "sync: %zu peers in %.1f s: %zu ok, %zu not ok; %lld new, %lld updated, %lld deleted",
      report.peers.size(), double(report.elapsed.count()) / 1000.0, ok, report.peers.size() - ok,
      (long long)total.added, (long long)total.updated, (long long)total.deleted);
  return buf + failures;
}

// Background work (sync rounds, translation) runs below the priority of the threads
// that answer requests: on 2 cores a 10,000-entry merge would otherwise take a core
// from them (docs/performance.md, "While a merge runs").
void lower_thread_priority() { (void)::setpriority(PRIO_PROCESS, ::gettid(), 10); }

// The background rounds (docs/sync.md, "Rounds"); they log (warn when a peer failed)
// and count into the metrics.
// The first round waits for `listening`: it subscribes to the peers' hubs, which verify
// at once by calling this node back (docs/websub.md).
std::unique_ptr<sync::Scheduler> start_sync(App& app, const log::Logger& logger,
                                            std::shared_future<void> listening) {
  NodeContext& ctx = app.context();
  {
    auto cat = ctx.catalogue->lease();
    if (!cat.ok()) return nullptr;
    if (Status st = federation::apply_config_peers(**cat, ctx.config); !st.ok()) {
      logger.error("sync: " + st.message());
      return nullptr;
    }
  }
  sync::SchedulerOptions options;
  options.settings = federation::sync_settings(ctx.config, ctx.keys.get(), ctx.sanitize);
  options.key_fetcher = federation::make_key_fetcher(ctx.config);
  options.on_round = [&ctx, &logger](const sync::RoundReport& report) {
    federation::record_round(ctx.metrics, report);
    logger.write(report.all_ok() ? log::Level::kInfo : log::Level::kWarn, round_line(report));
  };
  options.on_error = [&logger](const std::string& line) { logger.error(line); };
  options.on_start = [listening] {
    lower_thread_priority();
    listening.wait();
  };
  if (ctx.config.websub.subscribe) {
    options.push = push::SubscriberSettings{websub::callback_base(ctx), ctx.config.websub.lease};
    options.push_fallback = ctx.config.sync.push_fallback;
    options.on_push_failure = [&logger](const std::string& line) {
      logger.warn("websub: subscribing to " + line);
    };
  }
  auto scheduler = std::make_unique<sync::Scheduler>(*ctx.catalogue,
                                                     federation::make_fetcher(ctx.config), options);
  ctx.request_sync = [s = scheduler.get()] { s->trigger(); };
  ctx.push_changed = [s = scheduler.get()] { s->reschedule(); };
  return scheduler;
}

// The server's options from [server] and the node's routes (docs/http.md).
http::ServerOptions server_options(const Config& config, App& app) {
  const ServerSection& s = config.server;
  http::ServerOptions o;
  o.host = s.host;
  o.port = s.port;
  o.header_timeout = s.header_timeout;
  o.body_timeout = s.body_timeout;
  o.idle_timeout = s.idle_timeout;
  o.write_timeout = s.write_timeout;
  o.max_connections = s.max_connections;
  o.io_threads = s.threads;
  o.tls_certificate = s.tls_certificate;
  o.tls_key = s.tls_key;
  o.admit = [&app](const http::Request& head) { return app.admit(head); };
  o.finish = [&app](const http::Request& r, http::Response& out) { app.finish(r, out); };
  return o;
}

// Open connections need a file descriptor each, and the node needs some of its own
// (catalogue, logs, fetches). Raises the soft limit towards the hard one when
// max_connections would not fit; otherwise lowers the cap and says so in the log.
void fit_open_files(http::ServerOptions& o, const log::Logger& logger) {
  constexpr rlim_t kOwn = 128;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  rlim_t wanted = rlim_t(o.max_connections) + kOwn;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    std::size_t cap = limit.rlim_cur > 2 * kOwn ? std::size_t(limit.rlim_cur - kOwn)
                                                : std::size_t(limit.rlim_cur / 2);
    logger.warn("sicnode: [server] max_connections " + std::to_string(o.max_connections) +
                " does not fit the open files limit " + std::to_string(limit.rlim_cur) +
                "; serving at most " + std::to_string(cap) + " connections");
    o.max_connections = cap;
  }
}

// The URL at which the node's own /healthz answers, from the listen address.
std::string health_url(const ServerSection& server) {
  std::string host = server.host == "0.0.0.0" ? "127.0.0.1"
                     : server.host == "::"    ? "::1"
                                              : server.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(server.port) + "/healthz";
}

// systemd's watchdog, when the unit asks for one: pinged while the node's own HTTP
// server answers /healthz with 200 (the listener, a worker thread and the catalogue
// all work).
std::unique_ptr<service::Watchdog> start_watchdog(const Config& config) {
  auto interval = service::watchdog_interval();
  if (!interval) return nullptr;
  auto quarter = std::chrono::duration_cast<std::chrono::seconds>(*interval / 4);
  fetch::Limits limits;
  limits.connect_timeout = limits.total_timeout = std::max(quarter, std::chrono::seconds(1));
  limits.max_body_bytes = 1024;
  limits.allow_private_addresses = true;
  std::shared_ptr<fetch::Fetcher> fetcher =
      fetch::make_curl_fetcher(limits, federation::user_agent(config) + " watchdog");
  return service::Watchdog::start(*interval, [fetcher, url = health_url(config.server)] {
    return fetcher->fetch({.url = url}).status == 200;
  });
}

log::Logger make_logger(const GlobalOptions& global, const Config& config) {
  log::Level level = config.log.level;
  if (!global.log_level.empty()) level = log::parse_level(global.log_level).value_or(level);
  return log::Logger(level, config.log.format);
}

int serve(const GlobalOptions& global) {
  sigset_t stop_signals = block_stop_signals();
  auto config = load(global);
  if (!config) return kUsage;
  const log::Logger logger = make_logger(global, *config);
  std::error_code ec;
  std::filesystem::create_directories(config->node.data_dir, ec);
  auto lock = DataDirLock::acquire(config->node.data_dir, "serve");
  if (!lock.ok()) return fail("serve: " + lock.error().message);
  auto app = App::create(*config, system_clock());
  if (!app.ok()) return fail(app.error().message);
  App& handler = **app;
  auto observe = [&](const http::Request& req, const http::Response& resp,
                     std::chrono::microseconds elapsed) {
    handler.observe(req, resp, elapsed);
    log_request(logger, config->server.trusted_proxies, req, resp, elapsed);
  };
  // Opened once the server listens, or when serve returns before (so that the
  // scheduler's thread, waiting on it, can stop).
  auto listening = std::make_shared<std::promise<void>>();
  auto open = [listening] {
    try {
      listening->set_value();
    } catch (const std::future_error&) {  // opened already
    }
  };
  std::unique_ptr<sync::Scheduler> scheduler;
  if (config->sync.background) {
    scheduler = start_sync(handler, logger, listening->get_future().share());
    if (!scheduler) return fail("sync: cannot start (see the message above)");
  }
  struct OpenOnExit {
    std::function<void()> open;
    ~OpenOnExit() { open(); }
  } open_on_exit{open};
  auto translation = translation::BackgroundTranslation::start(
      handler.context(),
      [&logger](log::Level level, const std::string& line) { logger.write(level, line); },
      lower_thread_priority);
  if (!translation.ok()) return fail(translation.error().message);
  if (handler.hub()) handler.hub()->start();
  http::ServerOptions options = server_options(*config, handler);
  fit_open_files(options, logger);
  auto server = http::Server::start(
      options, [&handler](const http::Request& r) { return handler.handle(r); }, observe);
  if (!server.ok()) return fail(server.error().message);
  open();
  std::string serving = "node " + config->node.id + " serving " + (*server)->url() +
                        " (catalogue " + config->catalogue_path() + ")";
  logger.info(std::string("sicnode ") + SIC_VERSION + ": " + serving);
  service::notify_ready(serving);
  auto watchdog = start_watchdog(*config);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  service::notify_stopping();
  logger.info(std::string("sicnode: ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
              " received, stopping");
  if (watchdog) watchdog->stop();
  (*translation)->stop();  // cancels HTTP engines' requests; a transaction in progress completes
  if (scheduler) scheduler->stop();  // cancels fetches in flight; a merge in progress completes
  (*server)->stop();  // waits for the requests in flight; their transactions complete
  if (handler.hub()) handler.hub()->stop();  // cancels deliveries in flight
  logger.info("sicnode: stopped");
  return kOk;
}

}  // namespace

void add_serve(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("serve", "Serve the node's feeds, pages and API over HTTP");
  cmd->callback([&] { run = [&] { return serve(global); }; });
}

}  // namespace sic::cli
