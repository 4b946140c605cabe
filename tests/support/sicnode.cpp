#include "tests/support/sicnode.h"

#include <csignal>
#include <stdexcept>

#include "tests/support/net.h"
#include "tests/support/poll.h"

namespace sic::test {
namespace {

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out + "]";
}

}  // namespace

std::filesystem::path sicnode_binary() { return std::filesystem::path(SIC_BINARY_DIR) / "sicnode"; }

TestNode::TestNode(NodeOptions options)
    : options_(std::move(options)), dir_(std::make_unique<TempDir>("sic-node")) {
  port_ = free_loopback_port();
  dir_->write(
      "sicnode.toml",
      "[node]\nid = \"" + options_.id + "\"\nname = \"" + options_.name +
          "\"\nbase_url = \"http://127.0.0.1:" + std::to_string(port_) +
          "/\"\nlanguages = " + toml_list(options_.languages) +
          "\ndata_dir = \"data\"\n\n[server]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
          "\"\n" + options_.server_toml + "\n[sync]\nallow_private_addresses = true\n\n" +
          (options_.translation_engine.empty()
               ? std::string()
               : "[translation]\nengine = \"" + options_.translation_engine + "\"\n\n") +
          options_.extra_toml);
}

TestNode::~TestNode() {
  if (server_) server_->stop();
}

void TestNode::start() {
  if (server_ && server_->running()) return;
  std::vector<std::string> args = {"--config", config_path().string()};
  args.insert(args.end(), options_.serve_options.begin(), options_.serve_options.end());
  args.push_back("serve");
  ProcessOptions process{.program = sicnode_binary().string(),
                         .args = args,
                         .env = options_.serve_env,
                         .output_dir = dir(),
                         .name = "serve-" + std::to_string(port_)};
  if (options_.open_files_limit > 0) {
    // prlimit sets the limit and executes sicnode in its place (the same process).
    std::string n = std::to_string(options_.open_files_limit);
    process.args.insert(process.args.begin(), {"--nofile=" + n + ":" + n, process.program});
    process.program = "/usr/bin/prlimit";
  }
  server_ = std::make_unique<Process>(process);
  bool up = poll_for(std::chrono::seconds(30), [&] {
    if (!server_->running()) return true;
    if (options_.https) return loopback_port_accepts(port_);
    return http_get(url("/healthz")).status == 200;
  });
  if (!up || !server_->running())
    throw std::runtime_error("sicnode serve did not come up on port " + std::to_string(port_) +
                             ":\n" + server_log());
}

int TestNode::stop() { return server_ ? server_->stop() : 0; }

void TestNode::kill() {
  if (!server_ || !server_->running()) return;
  ::kill(server_->pid(), SIGKILL);
  server_->wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(10));
}

bool TestNode::running() { return server_ && server_->running(); }

pid_t TestNode::server_pid() const { return server_ ? server_->pid() : -1; }

CommandResult run_sicnode(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::vector<std::string> all = args;
  std::string program = sicnode_binary().string();
  TempDir scratch("sic-cmd");
  if (!stdin_text.empty()) {
    // Feed stdin through a file and a shell redirect; Process itself runs no shell.
    auto input = scratch.write("stdin.txt", stdin_text);
    std::string line = "exec '" + program + "'";
    for (const auto& a : all) line += " '" + a + "'";
    all = {"-c", line + " < '" + input.string() + "'"};
    program = "/bin/sh";
  }
  Process p(
      ProcessOptions{.program = program, .args = all, .output_dir = scratch.path(), .name = "cmd"});
  auto status = p.wait_for(std::chrono::steady_clock::now() + std::chrono::minutes(2));
  CommandResult r;
  r.status = status ? *status : p.stop();
  r.out = p.stdout_text();
  r.err = p.stderr_text();
  return r;
}

CommandResult TestNode::run(const std::vector<std::string>& args,
                            const std::string& stdin_text) const {
  std::vector<std::string> all = {"--config", config_path().string()};
  all.insert(all.end(), args.begin(), args.end());
  return run_sicnode(all, stdin_text);
}

std::string TestNode::create_token(const std::string& name) const {
  CommandResult r = run({"token", "create", name});
  if (r.status != 0) throw std::runtime_error("token create failed: " + r.err);
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out.substr(out.find_last_of(" \n") + 1);
}

std::string TestNode::url(std::string_view path) const {
  return (options_.https ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) +
         std::string(path);
}

std::string TestNode::server_log() const { return server_ ? server_->stderr_text() : ""; }

}  // namespace sic::test
