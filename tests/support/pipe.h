// A pipe for tests: code under test writes to out(), the test reads what arrived.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace sic::test {

class Pipe {
 public:
  Pipe() {
    if (::pipe(fds_) != 0) throw std::runtime_error("pipe() failed");
    ::fcntl(fds_[0], F_SETFL, O_NONBLOCK);
  }
  ~Pipe() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int out() const { return fds_[1]; }
  // Everything written since the last read (never waits).
  std::string read() const {
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds_[0], buf, sizeof buf)) > 0;) text.append(buf, size_t(n));
    return text;
  }

 private:
  int fds_[2] = {-1, -1};
};

}  // namespace sic::test
