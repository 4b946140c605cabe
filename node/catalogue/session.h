// Private to node/catalogue: the connection shared by the stores, and the write
// helper that keeps every mutation atomic and bumps the change counter.
#pragma once

#include <functional>
#include <memory>

#include "feeds/model/datetime.h"
#include "node/catalogue/db.h"

namespace sic::catalogue {

struct Session {
  std::unique_ptr<db::Database> db;
  const Clock* clock = nullptr;
  int depth = 0;       // open transactions/savepoints
  bool dirty = false;  // a write happened in the current outermost transaction
  int schema_version = 0;

  // Runs fn atomically (BEGIN IMMEDIATE at the outermost level, a SAVEPOINT inside).
  Status write(const std::function<Status()>& fn);
  // Marks the current transaction as changing the catalogue; the counter bumps on commit.
  void touch() { dirty = true; }
  // The version a write in progress will commit as.
  Result<std::int64_t> next_version();
};

// Shorthand for stores: prepare or return the error; the statement is reset when
// the enclosing scope ends.
#define SIC_TRY_PREPARE(var, session, sql)   \
  auto var##_r = (session).db->prepare(sql); \
  if (!var##_r.ok()) return var##_r.error(); \
  db::Statement& var = **var##_r;            \
  db::ResetOnExit var##_reset(var)

}  // namespace sic::catalogue
