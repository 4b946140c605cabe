#include "node/cli/data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sic::cli {

Result<std::unique_ptr<DataDirLock>> DataDirLock::acquire(const std::string& data_dir,
                                                          std::string_view holder) {
  std::string path = (std::filesystem::path(data_dir) / "sicnode.lock").string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot open " + path + ": " + std::strerror(errno)};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char text[128] = {};
    ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    ::close(fd);
    std::string who(text, n > 0 ? size_t(n) : 0);
    while (!who.empty() && who.back() == '\n') who.pop_back();
    return Error{"a sicnode " + (who.empty() ? std::string("process") : who) + " uses " + data_dir};
  }
  std::string who = std::string(holder) + " (pid " + std::to_string(::getpid()) + ")\n";
  bool noted = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, who.data(), who.size(), 0) >= 0;
  (void)noted;  // without the note the lock holds; only the message naming the holder is poorer
  return std::unique_ptr<DataDirLock>(new DataDirLock(fd));
}

DataDirLock::~DataDirLock() { ::close(fd_); }

}  // namespace sic::cli
