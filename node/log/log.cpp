#include "node/log/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "feeds/model/datetime.h"
#include "feeds/text/utf8.h"

namespace sic::log {
namespace {

// One write(2) when the line fits in PIPE_BUF: such writes to a pipe are never
// interleaved with another thread's, so no lock is needed. Longer lines take a lock.
void write_all(int fd, std::string_view line) {
  static std::mutex long_lines;
  std::unique_lock lock(long_lines, std::defer_lock);
  if (line.size() > PIPE_BUF) lock.lock();
  while (!line.empty()) {
    ssize_t n = ::write(fd, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the log is gone: the line is lost, the work is not
    line.remove_prefix(size_t(n));
  }
}

// JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected to the journal.
bool is_journal(int fd) {
  const char* stream = std::getenv("JOURNAL_STREAM");
  struct stat st {};
  if (!stream || fstat(fd, &st) != 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  return dev == (unsigned long long)st.st_dev && ino == (unsigned long long)st.st_ino;
}

// syslog(3) priorities, as sd-daemon(3)'s prefixes use them.
char priority(Level level) {
  switch (level) {
    case Level::kError:
      return '3';
    case Level::kWarn:
      return '4';
    case Level::kInfo:
      return '6';
    case Level::kDebug:
      return '7';
  }
  return '6';
}

void append_json_string(std::string& out, std::string_view value) {
  std::string storage;
  value = text::valid_utf8_view(value, storage);
  out += '"';
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if ((unsigned char)c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", (unsigned)(unsigned char)c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char digits[32];
  auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  out.append(digits, end);
}

}  // namespace

std::optional<Level> parse_level(std::string_view text) {
  for (Level l : {Level::kError, Level::kWarn, Level::kInfo, Level::kDebug})
    if (text == to_string(l)) return l;
  return std::nullopt;
}

const char* to_string(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarn:
      return "warn";
    case Level::kInfo:
      return "info";
    case Level::kDebug:
      return "debug";
  }
  return "info";
}

std::optional<Format> parse_format(std::string_view text) {
  if (text == "text") return Format::kText;
  if (text == "json") return Format::kJson;
  return std::nullopt;
}

Logger::Logger(Level level, Format format, int fd)
    : level_(level), format_(format), fd_(fd), journal_(is_journal(fd)) {}

std::string Logger::line(Level level, std::string_view message,
                         std::initializer_list<Field> fields) const {
  const std::string& time = formatted_now<format_rfc3339>();
  std::string out;
  out.reserve(message.size() + time.size() + 32);
  if (format_ == Format::kText) {
    if (!journal_) out.append(time).append(" ");
    out.append(to_string(level)).append(" ").append(message).append("\n");
    return out;
  }
  out.append("{\"time\":\"").append(time).append("\",\"level\":\"").append(to_string(level));
  out.append("\",\"msg\":");
  append_json_string(out, message);
  for (const Field& f : fields) {
    out += ',';
    append_json_string(out, f.key);
    out += ':';
    if (f.is_number)
      append_json_number(out, f.number);
    else
      append_json_string(out, f.text);
  }
  out += "}\n";
  return out;
}

void Logger::write(Level level, std::string_view message,
                   std::initializer_list<Field> fields) const {
  if (!enabled(level)) return;
  std::string text = line(level, message, fields);
  if (journal_) text.insert(0, {'<', priority(level), '>'});
  write_all(fd_, text);
}

}  // namespace sic::log
