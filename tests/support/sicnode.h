// Real `sicnode` processes for end-to-end tests: a node with its own config and
// data folder on a free loopback port, always stopped by PID when the test ends.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace sic::test {

// The sicnode binary of this build.
std::filesystem::path sicnode_binary();

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

struct NodeOptions {
  std::string id = "sic-test";
  std::string name = "Test Safer Internet Centre";
  std::vector<std::string> languages = {"en"};
  // [translation] engine = "..."; empty: no [translation] section is written (for
  // [[translation.engines]] tables in extra_toml).
  std::string translation_engine = "none";
  std::string extra_toml;   // appended to the config (e.g. [[peers]] tables)
  std::string server_toml;  // more [server] keys (e.g. "header_timeout_seconds = 2\n")
  // Serves HTTPS (server_toml then names tls_certificate and tls_key): url() says https
  // and start() waits for the port only, since the test client does not trust the
  // certificate.
  bool https = false;
  // The open files limit `serve` runs under (prlimit --nofile); 0: inherited.
  int open_files_limit = 0;
  // For `serve`: options before the subcommand (e.g. --log-level) and environment.
  std::vector<std::string> serve_options;
  std::vector<std::pair<std::string, std::string>> serve_env;
};

// Runs `sicnode args...` to completion (bounded to 2 minutes) with optional stdin.
CommandResult run_sicnode(const std::vector<std::string>& args, const std::string& stdin_text = "");

class TestNode {
 public:
  // Writes NODE/sicnode.toml in a fresh temporary folder and picks a free port. Does
  // not start the server.
  explicit TestNode(NodeOptions options = {});
  ~TestNode();  // stops the server when it runs

  // Starts `sicnode serve` and waits (bounded) until /healthz answers 200. Throws
  // std::runtime_error with the server's stderr when it does not come up.
  void start();
  // SIGTERM, then SIGKILL after a grace period; returns the exit status.
  int stop();
  // Kills the server with SIGKILL (a crash), returns once it is reaped.
  void kill();
  bool running();
  pid_t server_pid() const;  // -1 when not started

  // Runs `sicnode --config CONFIG args...` to completion (bounded) with optional stdin.
  CommandResult run(const std::vector<std::string>& args, const std::string& stdin_text = "") const;
  // `sicnode token create NAME`: returns the token (the last word of the output).
  std::string create_token(const std::string& name = "tests") const;

  std::string url(std::string_view path = "/") const;  // http://127.0.0.1:PORT + path
  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_->path(); }
  std::filesystem::path config_path() const { return dir_->file("sicnode.toml"); }
  const NodeOptions& options() const { return options_; }
  std::string server_log() const;  // the server's stderr so far

 private:
  NodeOptions options_;
  std::unique_ptr<TempDir> dir_;
  int port_ = 0;
  std::unique_ptr<Process> server_;
};

}  // namespace sic::test
