#include "node/catalogue/backup.h"

#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "node/catalogue/articles.h"
#include "node/catalogue/migrations.h"
#include "tests/support/catalogue_dir.h"
#include "tests/support/temp_dir.h"

using namespace sic;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

namespace {

// Runs one statement on a file with plain SQLite (what another tool would do).
void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

std::string path_in(const CatalogueDir& d, const std::string& name) {
  return (d.dir / name).string();
}

}  // namespace

TEST_CASE("A backup holds every article committed before it, while a writer goes on",
          "[catalogue][backup]") {
  CatalogueDir d;
  auto cat = d.open();
  for (int i = 0; i < 50; ++i) REQUIRE(cat->articles().put(make_article(std::to_string(i))).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> written{50};
  std::thread writer([&] {
    auto other = d.open();
    while (!stop && written < 2000)
      if (other->articles().put(make_article(std::to_string(written))).ok()) ++written;
  });
  int before = written;
  auto file = backup_catalogue(d.file(), path_in(d, "backup.db"));
  stop = true;
  writer.join();
  REQUIRE(file.ok());
  CHECK(file->articles >= before);
  CHECK(file->articles <= written);
  CHECK(file->schema_version == int(catalogue::migrations().size()));
  auto inspected = inspect_catalogue(path_in(d, "backup.db"));
  REQUIRE(inspected.ok());
  CHECK(inspected->articles == file->articles);
  // One self-contained file: no journal beside it.
  CHECK_FALSE(std::filesystem::exists(path_in(d, "backup.db-wal")));
  CHECK_FALSE(std::filesystem::exists(path_in(d, "backup.db.tmp")));
}

TEST_CASE("A backup replaces an earlier backup but no other file", "[catalogue][backup]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->articles().put(make_article("1")).ok());
  REQUIRE(backup_catalogue(d.file(), path_in(d, "b.db")).ok());
  REQUIRE(cat->articles().put(make_article("2")).ok());
  CHECK(backup_catalogue(d.file(), path_in(d, "b.db")).value().articles == 2);
  std::ofstream(path_in(d, "notes.txt")) << "keep me";
  auto refused = backup_catalogue(d.file(), path_in(d, "notes.txt"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "catalogue: " + path_in(d, "notes.txt") +
            " exists and is not a sicnode catalogue; it is not replaced");
  CHECK(sic::test::read_text_file(path_in(d, "notes.txt")) == "keep me");
  CHECK_FALSE(backup_catalogue(path_in(d, "missing.db"), path_in(d, "c.db")).ok());
  CHECK_FALSE(std::filesystem::exists(path_in(d, "missing.db")));
}

TEST_CASE("Files that are not catalogues this sicnode reads are refused with their reason",
          "[catalogue][backup]") {
  CatalogueDir d;
  d.open();
  std::ofstream(path_in(d, "text.db")) << "not a database at all, just some text to read";
  CHECK(inspect_catalogue(path_in(d, "text.db")).error().message ==
        "catalogue: " + path_in(d, "text.db") + " is not a SQLite database");
  sql(path_in(d, "other.db"), "CREATE TABLE t (x)");
  CHECK(inspect_catalogue(path_in(d, "other.db")).error().message ==
        "catalogue: " + path_in(d, "other.db") + " is not a sicnode catalogue");
  REQUIRE(backup_catalogue(d.file(), path_in(d, "newer.db")).ok());
  sql(path_in(d, "newer.db"), "PRAGMA user_version = 99");
  CHECK(inspect_catalogue(path_in(d, "newer.db")).error().message ==
        "catalogue: " + path_in(d, "newer.db") + " has schema version 99, newer than this " +
            "sicnode knows (" + std::to_string(catalogue::migrations().size()) + ")");
  CHECK(inspect_catalogue(path_in(d, "missing.db")).error().message ==
        "catalogue: no file " + path_in(d, "missing.db"));
}

TEST_CASE("A damaged backup is refused", "[catalogue][backup]") {
  CatalogueDir d;
  auto cat = d.open();
  for (int i = 0; i < 200; ++i) REQUIRE(cat->articles().put(make_article(std::to_string(i))).ok());
  REQUIRE(backup_catalogue(d.file(), path_in(d, "b.db")).ok());
  {  // overwrite a page in the middle of the file
    std::fstream f(path_in(d, "b.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 5 + 100);
    std::string junk(2000, '\x5a');
    f.write(junk.data(), std::streamsize(junk.size()));
  }
  auto refused = inspect_catalogue(path_in(d, "b.db"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find(" is damaged: ") != std::string::npos);
}

TEST_CASE("A restore replaces the content, keeps the old one and moves the version forward",
          "[catalogue][backup]") {
  CatalogueDir d;
  auto cat = d.open();
  REQUIRE(cat->articles().put(make_article("old")).ok());
  REQUIRE(backup_catalogue(d.file(), path_in(d, "b.db")).ok());
  for (int i = 0; i < 5; ++i)
    REQUIRE(cat->articles().put(make_article("new" + std::to_string(i))).ok());
  std::int64_t version = cat->version().value();
  cat.reset();

  auto restored = restore_catalogue(path_in(d, "b.db"), d.file(), path_in(d, "before.db"));
  REQUIRE(restored.ok());
  CHECK(restored->articles == 1);
  CHECK(restored->version == version + 1);
  auto reopened = d.open();
  CHECK(reopened->articles().find(make_article("old").id).value().has_value());
  CHECK_FALSE(reopened->articles().find(make_article("new0").id).value().has_value());
  CHECK(reopened->version().value() == version + 1);
  CHECK(inspect_catalogue(path_in(d, "before.db")).value().articles == 6);
  CHECK_FALSE(std::filesystem::exists(d.file() + ".restore"));
}

TEST_CASE("A backup of an older schema is migrated when it is restored", "[catalogue][backup]") {
  CatalogueDir d;
  std::string old = path_in(d, "old.db");
  sql(old, std::string(catalogue::migrations().at(0)) + "; PRAGMA user_version = 1;");
  auto restored = restore_catalogue(old, d.file(), path_in(d, "before.db"));
  REQUIRE(restored.ok());
  CHECK(restored->schema_version == int(catalogue::migrations().size()));
  CHECK(d.open()->articles().put(make_article("1")).ok());
  CHECK_FALSE(std::filesystem::exists(path_in(d, "before.db")));  // there was nothing to keep
}

TEST_CASE("A damaged catalogue is moved aside by a restore", "[catalogue][backup]") {
  CatalogueDir d;
  REQUIRE(d.open()->articles().put(make_article("1")).ok());
  REQUIRE(backup_catalogue(d.file(), path_in(d, "b.db")).ok());
  std::ofstream(d.file(), std::ios::trunc) << "garbage where the catalogue was";
  REQUIRE(restore_catalogue(path_in(d, "b.db"), d.file(), path_in(d, "before.db")).ok());
  CHECK(d.open()->articles().find(make_article("1").id).value().has_value());
  CHECK(sic::test::read_text_file(path_in(d, "before.db")) == "garbage where the catalogue was");
}
