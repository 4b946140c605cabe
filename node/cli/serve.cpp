// sicnode serve: the HTTP server until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <mutex>

#include "node/app/app.h"
#include "node/app/translation.h"
#include "node/cli/common.h"
#include "node/http/server.h"

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

int serve(const GlobalOptions& global) {
  sigset_t stop_signals = block_stop_signals();
  auto config = load(global);
  if (!config) return kUsage;
  auto app = App::create(*config, system_clock());
  if (!app.ok()) return fail(app.error().message);
  std::mutex log_mutex;
  App& handler = **app;
  auto write_log = [&log_mutex](const std::string& text) {
    std::string line = format_rfc3339(now_seconds()) + " " + text + "\n";
    std::lock_guard lock(log_mutex);
    std::fputs(line.c_str(), stderr);
  };
  auto log = [&](const http::Request& req, const http::Response& resp,
                 std::chrono::microseconds elapsed) {
    handler.observe(req, resp, elapsed);
    write_log(log_line(req, resp, elapsed));
  };
  auto translation = translation::BackgroundTranslation::start(handler.context(), write_log);
  if (!translation.ok()) return fail(translation.error().message);
  auto server = http::Server::start(
      {config->server.host, config->server.port},
      [&handler](const http::Request& r) { return handler.handle(r); }, log);
  if (!server.ok()) return fail(server.error().message);
  std::fprintf(stderr, "sicnode %s: node %s serving %s (catalogue %s)\n", SIC_VERSION,
               config->node.id.c_str(), (*server)->url().c_str(), config->catalogue_path().c_str());
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::fprintf(stderr, "sicnode: %s received, stopping\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
  (*translation)->stop();  // after the text in flight; its transaction completes
  (*server)->stop();       // waits for the requests in flight; their transactions complete
  std::fprintf(stderr, "sicnode: stopped\n");
  return kOk;
}

}  // namespace

void add_serve(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("serve", "Serve the node's feeds, pages and API over HTTP");
  cmd->callback([&] { run = [&] { return serve(global); }; });
}

}  // namespace sic::cli
