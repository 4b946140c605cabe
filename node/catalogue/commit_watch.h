// Which commit of the catalogue is the latest visible one, read from SQLite's WAL
// index header in shared memory: a test far cheaper than a read transaction, made
// before reading the catalogue's version (docs/catalogue.md, "Knowing the version").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct sqlite3;

namespace sic {

class CommitWatch {
 public:
  // The two copies of the WAL index header (https://sqlite.org/walformat.html, 2.1).
  // Every commit writes a new header (its change counter and frame count move), and a
  // commit becomes visible to readers only when its header is written: so an unchanged
  // mark means no commit became visible in between, whatever process made it.
  using Mark = std::array<std::uint64_t, 12>;

  // Opens a connection of its own to `database_path`, which must be in WAL mode, and
  // keeps it open so that the WAL index stays mapped. nullptr when that cannot be done
  // (no WAL, a VFS without shared memory, an unknown header version): callers then
  // read the version every time.
  static std::unique_ptr<CommitWatch> open(const std::string& database_path);
  ~CommitWatch();
  CommitWatch(const CommitWatch&) = delete;
  CommitWatch& operator=(const CommitWatch&) = delete;

  // The header now; nullopt when it does not look like one (callers then read the
  // version). No system call, no lock. Thread-safe.
  std::optional<Mark> mark() const;

 private:
  explicit CommitWatch(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  const volatile std::uint64_t* header_ = nullptr;  // in the mapping db_ keeps alive
};

}  // namespace sic
