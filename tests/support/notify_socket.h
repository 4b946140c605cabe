// What systemd listens on for sd_notify(3): a datagram socket in a temporary folder.
// A process told its path in NOTIFY_SOCKET sends its notifications there.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace sic::test {

class NotifySocket {
 public:
  NotifySocket() : path_(dir_.file("notify").string()) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (fd_ < 0 || path_.size() >= sizeof addr.sun_path)
      throw std::runtime_error("cannot make a notify socket at " + path_);
    path_.copy(addr.sun_path, path_.size());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot bind " + path_);
  }
  ~NotifySocket() { ::close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }
  // Every message received so far, in order (never waits).
  const std::vector<std::string>& messages() {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;)
      messages_.emplace_back(buf, size_t(n));
    return messages_;
  }
  // How many messages so far start with prefix.
  long count(const std::string& prefix) {
    const auto& all = messages();
    return std::count_if(all.begin(), all.end(),
                         [&](const std::string& m) { return m.rfind(prefix, 0) == 0; });
  }

 private:
  TempDir dir_{"sic-notify"};
  std::string path_;
  int fd_ = -1;
  std::vector<std::string> messages_;
};

}  // namespace sic::test
