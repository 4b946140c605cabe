#include "node/catalogue/db.h"

#include <sqlite3.h>

namespace sic::db {

Error error(std::string_view what, std::string_view detail) {
  return Error{"catalogue: " + std::string(what) + ": " + std::string(detail)};
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_real(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind_named(const char* name, std::string_view text) {
  if (int index = sqlite3_bind_parameter_index(stmt_, name); index > 0) bind(index, text);
  return *this;
}

Statement& Statement::bind_named(const char* name, std::int64_t value) {
  if (int index = sqlite3_bind_parameter_index(stmt_, name); index > 0) bind(index, value);
  return *this;
}

Statement& Statement::bind_named_real(const char* name, double value) {
  if (int index = sqlite3_bind_parameter_index(stmt_, name); index > 0) bind_real(index, value);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return error(sqlite3_sql(stmt_), sqlite3_errmsg(db_));
}

Status Statement::run() {
  while (true) {
    auto r = step();
    if (!r.ok()) return r.error();
    if (!*r) return Status::Ok();
  }
}

std::string Statement::text(int column) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, size_t(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return error("cannot open " + path, message);
  }
  std::unique_ptr<Database> db(new Database(raw, path));
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  Status s =
      db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  // The first statement reads the file's header: a file that is not SQLite fails here.
  if (!s.ok() && (sqlite3_errcode(raw) & 0xff) == SQLITE_NOTADB)
    return Error{"catalogue: " + path + " is not a SQLite catalogue"};
  if (!s.ok()) return error("cannot configure " + path, s.message());
  return db;
}

Database::~Database() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

Result<Statement*> Database::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK)
    return error("cannot prepare \"" + std::string(sql) + "\"", sqlite3_errmsg(db_));
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* out = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  return out;
}

Status Database::exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error e = error("cannot execute", message ? message : sqlite3_errmsg(db_));
    sqlite3_free(message);
    return e;
  }
  return Status::Ok();
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

}  // namespace sic::db
