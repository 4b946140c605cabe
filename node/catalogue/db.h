// A thin RAII layer over SQLite, private to node/catalogue. SQL is written as
// literals and every value is bound, never spliced into the text.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sic::db {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position. Returns *this for chaining.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::optional<std::int64_t> value);  // NULL when empty
  Statement& bind_real(int index, double value);
  Statement& bind_null(int index);
  // Binds a named parameter (":name"); a name the statement does not use is ignored.
  Statement& bind_named(const char* name, std::string_view text);
  Statement& bind_named(const char* name, std::int64_t value);
  Statement& bind_named_real(const char* name, double value);

  // Steps once: true when a row is available, false when done. Errors as values.
  Result<bool> step();
  // Steps to the end, ignoring rows.
  Status run();
  // Steps to the end, calling on_row for each row.
  template <typename F>
  Status each(F&& on_row) {
    while (true) {
      auto row = step();
      if (!row.ok()) return row.error();
      if (!*row) return Status::Ok();
      on_row();
    }
  }

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

  // Resets for reuse and clears bindings.
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// Resets a statement when the scope ends, so that no statement keeps a read
// transaction open (which would pin an old snapshot of the WAL for the connection).
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ~ResetOnExit() { statement_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& statement_;
};

class Database {
 public:
  // Opens or creates the file, with WAL, synchronous=NORMAL, foreign keys and a busy
  // timeout. A file that is not a SQLite database: "catalogue: PATH is not a SQLite
  // catalogue".
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A cached prepared statement for this SQL text, reset and with no bindings. The
  // reference stays valid until the Database is destroyed; do not use one statement
  // from two places at once (prepare the same SQL text twice → the same object).
  Result<Statement*> prepare(std::string_view sql);
  // Executes one or more statements without parameters (migrations, pragmas).
  Status exec(std::string_view sql);

  std::int64_t changes() const;
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// Builds an Error from a statement failure: "catalogue: <what>: <sqlite message>".
Error error(std::string_view what, std::string_view detail);

}  // namespace sic::db
