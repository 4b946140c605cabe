// Private to node/catalogue: the connection shared by the stores, and the write
// helper that keeps every mutation atomic and bumps the change counter.
#pragma once

#include <functional>
#include <memory>

#include "feeds/model/datetime.h"
#include "feeds/model/language.h"
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
  // Deletes the one row whose key is `key` (bound to ?1 of `sql`) in a write;
  // `missing` when no row had it.
  Status delete_one(std::string_view sql, const std::string& key, Error missing);
};

// Shorthand for stores: prepare or return the error; the statement is reset when
// the enclosing scope ends.
#define SIC_TRY_PREPARE(var, session, sql)   \
  auto var##_r = (session).db->prepare(sql); \
  if (!var##_r.ok()) return var##_r.error(); \
  db::Statement& var = **var##_r;            \
  db::ResetOnExit var##_reset(var)

// Reads the four columns lang, title, summary, content_html, from `first` on, into an
// Article or a Translation; a lang that is not a language tag leaves it empty.
template <typename Text>
void read_text_columns(const db::Statement& q, int first, Text& text) {
  if (auto lang = LanguageTag::parse(q.text(first)); lang.ok()) text.lang = *lang;
  text.title = q.text(first + 1);
  text.summary = q.text(first + 2);
  text.content_html = q.text(first + 3);
}

}  // namespace sic::catalogue
