#include "tests/node/translate/support/server_process.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

namespace sic::testing {

namespace apertium = translate::apertium;

Result<std::unique_ptr<ServerProcess>> ServerProcess::start(const std::vector<std::string>& argv,
                                                            std::chrono::milliseconds wait) {
  auto lifeline = apertium::input_channel();
  auto out = apertium::output_channel();
  auto errors = apertium::error_log();
  if (!lifeline.ok()) return lifeline.error();
  if (!out.ok()) return out.error();
  if (!errors.ok()) return errors.error();
  auto child =
      apertium::Child::spawn(argv, lifeline->theirs.get(), out->theirs.get(), errors->get());
  if (!child.ok()) return child.error();
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->child_ = std::move(*child);
  server->lifeline_ = std::move(lifeline->ours);
  server->output_ = std::move(out->ours);
  server->errors_ = std::move(*errors);
  out->theirs.reset();

  auto deadline = std::chrono::steady_clock::now() + wait;
  std::string line;
  while (line.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{server->output_.get(), POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, int(left.count())) <= 0)
      return Error{"test: " + argv[0] + " did not print its port in time"};
    char buffer[256];
    ssize_t n = read(server->output_.get(), buffer, sizeof buffer);
    if (n <= 0)
      return Error{"test: " + argv[0] +
                   " stopped: " + apertium::last_error_line(server->errors_.get())};
    line.append(buffer, std::size_t(n));
  }
  if (!line.starts_with("port ")) return Error{"test: unexpected first line: " + line};
  server->port_ = std::atoi(line.c_str() + 5);
  return server;
}

ServerProcess::~ServerProcess() {
  if (child_.running()) ::kill(child_.pid(), SIGTERM);
  if (!child_.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(3))) child_.kill();
}

std::string support_file(const std::string& name) {
  return std::string(SIC_SOURCE_DIR) + "/tests/node/translate/support/" + name;
}

}  // namespace sic::testing
