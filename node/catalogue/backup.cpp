#include "node/catalogue/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "node/catalogue/catalogue.h"
#include "node/catalogue/migrations.h"

namespace sic {
namespace {

namespace fs = std::filesystem;

Error fail(const std::string& what) { return Error{"catalogue: " + what}; }

// One SQLite connection, closed at the end of its scope.
class Connection {
 public:
  static Result<Connection> open(const std::string& path, int flags) {
    Connection c;
    int rc = sqlite3_open_v2(path.c_str(), &c.db_, flags, nullptr);
    if (rc != SQLITE_OK)
      return fail("cannot open " + path + ": " +
                  (c.db_ ? sqlite3_errmsg(c.db_) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(c.db_, 10000);
    return c;
  }
  Connection() = default;
  Connection(Connection&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  ~Connection() { sqlite3_close(db_); }
  sqlite3* get() const { return db_; }

  // The first column of the first row as text (nullopt: no row), or the error with
  // SQLite's result code.
  Result<std::optional<std::string>> first(const char* sql, int* code = nullptr) const {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    std::optional<std::string> out;
    if (rc == SQLITE_ROW) {
      auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out = text ? text : "";
    }
    std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (code) *code = rc;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error{message};
    return out;
  }
  // Runs one statement with one bound integer (?1).
  Status run(const char* sql, std::int64_t value) const {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(stmt, 1, value);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return Error{message};
    return {};
  }
  Status exec(const std::string& sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
    Error e{message ? message : sqlite3_errmsg(db_)};
    sqlite3_free(message);
    return e;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::int64_t number(const std::optional<std::string>& text) {
  return text ? std::strtoll(text->c_str(), nullptr, 10) : 0;
}

Status check_integrity(const Connection& c, const std::string& path) {
  auto result = c.first("PRAGMA integrity_check");
  if (!result.ok()) return fail(path + " is damaged: " + result.error().message);
  if (*result != "ok") return fail(path + " is damaged: " + result->value_or("no answer"));
  return {};
}

// The numbers of a connection's catalogue, or why it is not one this program reads;
// with `check`, PRAGMA integrity_check must pass too.
Result<CatalogueFile> describe(const Connection& c, const std::string& path, bool check = false) {
  int code = 0;
  auto user_version = c.first("PRAGMA user_version", &code);
  if (!user_version.ok())
    return fail(path + ((code & 0xff) == SQLITE_NOTADB ? " is not a SQLite database"
                                                       : ": " + user_version.error().message));
  auto tables = c.first(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
      "AND name IN ('meta', 'articles', 'peers', 'api_tokens')");
  if (!tables.ok()) return fail(path + ": " + tables.error().message);
  CatalogueFile file;
  file.schema_version = int(number(*user_version));
  if (number(*tables) != 4 || file.schema_version < 1)
    return fail(path + " is not a sicnode catalogue");
  auto known = catalogue::migrations().size();
  if (file.schema_version > int(known))
    return fail(path + " has schema version " + std::to_string(file.schema_version) +
                ", newer than this sicnode knows (" + std::to_string(known) + ")");
  if (check)
    if (Status st = check_integrity(c, path); !st.ok()) return st.error();
  auto version = c.first("SELECT value FROM meta WHERE key = 'version'");
  auto articles = c.first("SELECT count(*) FROM articles");
  if (!version.ok()) return fail(path + ": " + version.error().message);
  if (!articles.ok()) return fail(path + ": " + articles.error().message);
  file.version = number(*version);
  file.articles = number(*articles);
  return file;
}

// Copies the whole of from's main database into to's, in one step (one read
// transaction on from, one write transaction on to), waiting while either is locked.
Status copy(const Connection& from, const Connection& to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!b) return fail(what + ": " + sqlite3_errmsg(to.get()));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 300; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(100);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return fail(what + ": " + sqlite3_errstr(rc));
  return {};
}

// Flushes a file (or a folder's entries) to the disk.
Status sync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  if (fd < 0) return fail("cannot open " + path + " to sync it");
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return fail("cannot sync " + path + " to the disk");
  return {};
}

std::string folder_of(const std::string& path) {
  std::string folder = fs::path(path).parent_path().string();
  return folder.empty() ? "." : folder;
}

// A copy of the catalogue at source in a new file `temporary`, self-contained, checked
// and synced.
Result<CatalogueFile> copy_to_new_file(const Connection& source, const std::string& temporary,
                                       const std::string& what) {
  std::error_code ec;
  fs::remove(temporary, ec);
  auto out = Connection::open(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!out.ok()) return out.error();
  Status st = copy(source, *out, what);
  if (st.ok()) st = out->exec("PRAGMA journal_mode=DELETE");
  auto file = st.ok() ? describe(*out, temporary, true) : Result<CatalogueFile>(st.error());
  if (file.ok()) st = sync_path(temporary, false);
  if (!st.ok() || !file.ok()) {
    fs::remove(temporary, ec);
    return st.ok() ? file.error() : st.error();
  }
  return file;
}

bool is_catalogue_file(const std::string& path) {
  auto c = Connection::open(path, SQLITE_OPEN_READONLY);
  return c.ok() && describe(*c, path).ok();
}

void remove_with_journals(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// Keeps the content of target in previous: a checked copy when target is a catalogue
// this program reads; else (a damaged file, a newer schema) target itself and its
// journals are moved there. Returns target's change counter (0 when unknown).
Result<std::int64_t> keep_previous(const std::string& target, const std::string& previous) {
  if (!fs::exists(target)) return std::int64_t(0);
  remove_with_journals(previous);
  if (is_catalogue_file(target))
    if (auto kept = backup_catalogue(target, previous); kept.ok()) return kept->version;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    if (fs::exists(target + suffix)) fs::rename(target + suffix, previous + suffix, ec);
    if (ec) return fail("cannot move " + target + suffix + " aside: " + ec.message());
  }
  return std::int64_t(0);
}

// Migrates the catalogue file `staged`, sets its change counter to `version`, then
// copies it into target in one write transaction.
Result<CatalogueFile> replace_content(const std::string& staged, const std::string& target,
                                      std::int64_t version) {
  {
    auto migrated = Catalogue::open(staged);
    if (!migrated.ok()) return migrated.error();
  }
  auto from = Connection::open(staged, SQLITE_OPEN_READWRITE);
  if (!from.ok()) return from.error();
  Status st = from->run("UPDATE meta SET value = CAST(?1 AS TEXT) WHERE key = 'version'", version);
  if (!st.ok()) return fail(staged + ": " + st.message());
  auto into = Connection::open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!into.ok()) return into.error();
  st = into->exec("PRAGMA journal_mode=WAL");
  if (st.ok()) st = copy(*from, *into, "cannot write " + target);
  if (!st.ok()) return st.error();
  return describe(*into, target);
}

}  // namespace

Result<CatalogueFile> backup_catalogue(const std::string& source, const std::string& destination) {
  if (!fs::exists(source)) return fail("no catalogue at " + source);
  if (fs::exists(destination) && !is_catalogue_file(destination))
    return fail(destination + " exists and is not a sicnode catalogue; it is not replaced");
  auto from = Connection::open(source, SQLITE_OPEN_READWRITE);
  if (!from.ok()) return from.error();
  std::string temporary = destination + ".tmp";
  auto file = copy_to_new_file(*from, temporary, "cannot back " + source + " up");
  if (!file.ok()) return file.error();
  std::error_code ec;
  fs::rename(temporary, destination, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return fail("cannot write " + destination + ": " + ec.message());
  }
  if (Status st = sync_path(folder_of(destination), true); !st.ok()) return st.error();
  return file;
}

Result<CatalogueFile> inspect_catalogue(const std::string& path) {
  if (!fs::is_regular_file(path)) return fail("no file " + path);
  auto c = Connection::open(path, SQLITE_OPEN_READONLY);
  if (!c.ok()) return c.error();
  return describe(*c, path, true);
}

Result<CatalogueFile> restore_catalogue(const std::string& source, const std::string& target,
                                        const std::string& previous) {
  auto restored = inspect_catalogue(source);
  if (!restored.ok()) return restored.error();
  auto old_version = keep_previous(target, previous);
  if (!old_version.ok()) return old_version.error();
  // The backup, beside target, brought up to this program's schema and version.
  std::string temporary = target + ".restore";
  {
    auto from = Connection::open(source, SQLITE_OPEN_READONLY);
    if (!from.ok()) return from.error();
    auto copied = copy_to_new_file(*from, temporary, "cannot read " + source);
    if (!copied.ok()) return copied.error();
  }
  auto file = replace_content(temporary, target, std::max(*old_version, restored->version) + 1);
  remove_with_journals(temporary);
  return file;
}

}  // namespace sic
