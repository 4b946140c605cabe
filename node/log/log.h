// The node's log (docs/operations.md, "Logs"): one line per event on stderr, each
// with its level, as text or as one JSON object per line. Under systemd, when stderr
// is the journal, each line starts with the journal's priority prefix ("<6>") so that
// `journalctl -p` filters by level, and text lines leave the time to the journal.
//
// Thread-safe: a line is written with one write(2), so lines of different threads
// never interleave.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace sic::log {

enum class Level { kError, kWarn, kInfo, kDebug };
enum class Format { kText, kJson };

// "error", "warn", "info", "debug"; nullopt for anything else.
std::optional<Level> parse_level(std::string_view text);
const char* to_string(Level level);
// "text", "json"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view text);

// A structured field of a JSON line (text lines carry only the message): a string,
// escaped when written, or a number.
struct Field {
  Field(std::string_view key, std::string_view text) : key(key), text(text) {}
  Field(std::string_view key, double number) : key(key), number(number), is_number(true) {}
  std::string_view key;
  std::string_view text;
  double number = 0;
  bool is_number = false;
};

class Logger {
 public:
  // Writes to fd (stderr by default). Whether fd is the journal is found out here.
  explicit Logger(Level level = Level::kInfo, Format format = Format::kText, int fd = 2);

  bool enabled(Level level) const { return level <= level_; }
  Level level() const { return level_; }

  // One line, when the level is enabled: text "2026-11-28T16:04:05Z info MESSAGE"; JSON
  // {"time":"2026-11-28T16:04:05Z","level":"info","msg":"MESSAGE",FIELDS...}.
  void write(Level level, std::string_view message, std::initializer_list<Field> fields = {}) const;
  void error(std::string_view message) const { write(Level::kError, message); }
  void warn(std::string_view message) const { write(Level::kWarn, message); }
  void info(std::string_view message) const { write(Level::kInfo, message); }

  // The line write() would write (without the journal's prefix), for tests.
  std::string line(Level level, std::string_view message,
                   std::initializer_list<Field> fields = {}) const;

 private:
  Level level_;
  Format format_;
  int fd_;
  bool journal_;  // fd is connected to systemd's journal (JOURNAL_STREAM)
};

}  // namespace sic::log
