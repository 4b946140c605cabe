#include "node/catalogue/commit_watch.h"

#include <sqlite3.h>

#include <cstring>

namespace sic {
namespace {

constexpr int kRegionSize = 32768;                 // WALINDEX_PGSZ: the unit SQLite maps
constexpr std::uint32_t kHeaderVersion = 3007000;  // WalIndexHdr.iVersion since 3.7.0

std::string first_text(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace

std::unique_ptr<CommitWatch> CommitWatch::open(const std::string& database_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<CommitWatch> watch(new CommitWatch(db));
  // Asking the mode changes nothing; the read that follows maps the WAL index.
  if (first_text(db, "PRAGMA journal_mode") != "wal") return nullptr;
  if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
      SQLITE_OK)
    return nullptr;
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
      !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap)
    return nullptr;
  // Region 0 is mapped already (bExtend = 0 maps nothing new): the same memory SQLite
  // reads, valid while a connection of this process keeps the WAL index open.
  volatile void* region = nullptr;
  if (file->pMethods->xShmMap(file, 0, kRegionSize, 0, &region) != SQLITE_OK || !region)
    return nullptr;
  watch->header_ = static_cast<const volatile std::uint64_t*>(region);
  if (!watch->mark()) return nullptr;
  return watch;
}

CommitWatch::~CommitWatch() { sqlite3_close(db_); }

std::optional<CommitWatch::Mark> CommitWatch::mark() const {
  Mark mark;
  for (std::size_t i = 0; i < mark.size(); ++i)
    mark[i] = __atomic_load_n(&header_[i], __ATOMIC_ACQUIRE);
  // In the host's byte order: iVersion (u32) at byte 0, isInit (u8) at byte 12.
  std::uint32_t version;
  std::memcpy(&version, mark.data(), sizeof version);
  unsigned char is_init;
  std::memcpy(&is_init, reinterpret_cast<const char*>(mark.data()) + 12, 1);
  if (version != kHeaderVersion || is_init != 1) return std::nullopt;
  return mark;
}

}  // namespace sic
