// A server a test starts: a child process that prints "port N" on its standard output
// once it listens on 127.0.0.1:N. It is stopped by its PID (SIGTERM, then SIGKILL)
// and reaped when the ServerProcess goes away, also when the test fails. Its standard
// input is a pipe from the test that is never written to: the servers here exit when
// it ends, so that even a test binary that crashes leaves no server behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "feeds/model/result.h"
#include "node/translate/apertium/process.h"

namespace sic::testing {

class ServerProcess {
 public:
  // Starts argv and waits, until `wait` has passed, for its "port N" line. Error
  // when it cannot start, exits, or says nothing in time (it is then stopped).
  static Result<std::unique_ptr<ServerProcess>> start(const std::vector<std::string>& argv,
                                                      std::chrono::milliseconds wait);
  ~ServerProcess();

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return child_.pid(); }

 private:
  ServerProcess() = default;
  translate::apertium::Child child_;
  translate::apertium::Fd lifeline_;
  translate::apertium::Fd output_;
  translate::apertium::Fd errors_;
  int port_ = 0;
};

// The path of a file under tests/node/translate/support.
std::string support_file(const std::string& name);

}  // namespace sic::testing
