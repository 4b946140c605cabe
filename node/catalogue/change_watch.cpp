#include "node/catalogue/change_watch.h"

#include <errno.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>

namespace sic {

std::unique_ptr<ChangeWatch> ChangeWatch::open(const std::string& database_path) {
  std::filesystem::path path(database_path);
  std::string folder = path.has_parent_path() ? path.parent_path().string() : ".";
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return nullptr;
  constexpr uint32_t kEvents = IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                               IN_DELETE_SELF | IN_MOVE_SELF;
  if (inotify_add_watch(fd, folder.c_str(), kEvents) < 0) {
    close(fd);
    return nullptr;
  }
  return std::unique_ptr<ChangeWatch>(new ChangeWatch(fd, path.filename().string()));
}

ChangeWatch::~ChangeWatch() { close(fd_); }

bool ChangeWatch::changed() {
  std::lock_guard lock(mutex_);
  bool seen = false;
  alignas(inotify_event) char buffer[4096];
  for (;;) {
    ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n <= 0) {  // an error inotify does not document: stop trusting it
      broken_ = true;
      break;
    }
    for (char* at = buffer; at < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT))
        broken_ = true;
      else if (event->len > 0 && std::string_view(event->name).starts_with(prefix_))
        seen = true;
    }
  }
  return seen || broken_;
}

}  // namespace sic
