// The connection pool's version and the CommitWatch it rests on: a commit by another
// connection or another process is seen by the next version() call, without waiting,
// even when the version was read while that commit was being written.
#include "node/catalogue/pool.h"

#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "node/catalogue/articles.h"
#include "node/catalogue/commit_watch.h"
#include "tests/node/catalogue/commit_spy.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using namespace sic::testing;

namespace {

std::int64_t version_of(Catalogue& cat) { return cat.version().value(); }

}  // namespace

TEST_CASE("The pool's version follows every commit of another connection at once",
          "[catalogue][pool]") {
  CatalogueDir d;
  auto pool = std::move(CataloguePool::open(d.file(), d.clock).value());
  auto other = d.open();
  std::int64_t first = pool->version().value();
  CHECK(pool->version().value() == first);  // nothing written: the same
  for (int i = 0; i < 20; ++i) {
    INFO(i);
    REQUIRE(other->articles().put(make_article(std::to_string(i))).ok());
    std::int64_t now = version_of(*other);
    CHECK(now > first);
    CHECK(pool->version().value() == now);
    CHECK(pool->version().value() == now);
  }
}

TEST_CASE("The pool's version follows a commit made by another process", "[catalogue][pool]") {
  CatalogueDir d;
  auto pool = std::move(CataloguePool::open(d.file(), d.clock).value());
  std::int64_t before = pool->version().value();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // another process: its own connection, one commit, gone
    auto cat = Catalogue::open(d.file(), d.clock);
    bool ok = cat.ok() && (*cat)->articles().put(make_article("from-elsewhere")).ok();
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::int64_t after = pool->version().value();
  CHECK(after > before);
  CHECK(after == version_of(*d.open()));
}

TEST_CASE("The pool's version read in the middle of a commit does not hide the commit",
          "[catalogue][pool]") {
  // The version is read after each of the commit's writes, before the commit is
  // visible: it is the old one then, and the next call must see the new one.
  CatalogueDir d;
  auto pool = std::move(CataloguePool::open(d.file(), d.clock).value());
  std::int64_t before = pool->version().value();
  std::optional<std::int64_t> during;
  {
    CommitSpy spy([&] {
      auto v = pool->version();
      if (!v.ok()) FAIL(v.error().message);
      during = *v;
    });
    auto writer = d.open();
    spy.arm();
    REQUIRE(writer->articles().put(make_article("1")).ok());
    spy.arm(false);
    REQUIRE(spy.calls() > 0);
  }
  CHECK(during == before);
  std::int64_t now = version_of(*d.open());
  CHECK(now > before);
  CHECK(pool->version().value() == now);
}

TEST_CASE("A CommitWatch's mark moves with every commit, and only then", "[catalogue][pool]") {
  CatalogueDir d;
  auto cat = d.open();
  auto watch = CommitWatch::open(d.file());
  REQUIRE(watch);
  auto first = watch->mark();
  REQUIRE(first);
  REQUIRE(cat->version().ok());  // a read
  CHECK(watch->mark() == first);
  REQUIRE(cat->articles().put(make_article("1")).ok());
  auto second = watch->mark();
  REQUIRE(second);
  CHECK(second != first);
  CHECK(watch->mark() == second);
  REQUIRE(d.open()->articles().put(make_article("2")).ok());  // another connection
  CHECK(watch->mark() != second);
}

TEST_CASE("A catalogue not in WAL mode has no CommitWatch, and none is made for it",
          "[catalogue][pool]") {
  CatalogueDir d;
  std::string path = (d.dir / "rollback.db").string();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr,
                     nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_FALSE(CommitWatch::open(path));
  CHECK_FALSE(std::filesystem::exists(path + "-shm"));
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  CHECK_FALSE(CommitWatch::open((d.dir / "missing.db").string()));
  CHECK_FALSE(std::filesystem::exists(d.dir / "missing.db"));
}
