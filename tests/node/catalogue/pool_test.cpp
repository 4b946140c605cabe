// The connection pool's version and the ChangeWatch it rests on: a commit by another
// connection or another process is seen by the next version() call, without waiting.
#include "node/catalogue/pool.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "node/catalogue/articles.h"
#include "node/catalogue/change_watch.h"
#include "tests/node/catalogue/catalogue_test_util.h"

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

TEST_CASE("A ChangeWatch sees writes to the catalogue's files, once, and nothing else",
          "[catalogue][pool]") {
  CatalogueDir d;
  auto cat = d.open();
  auto watch = ChangeWatch::open(d.file());
  REQUIRE(watch);
  CHECK_FALSE(watch->changed());
  REQUIRE(cat->articles().put(make_article("1")).ok());
  CHECK(watch->changed());
  CHECK_FALSE(watch->changed());
  std::ofstream(d.dir / "notes.txt") << "not the catalogue";
  CHECK_FALSE(watch->changed());
  REQUIRE(cat->articles().put(make_article("2")).ok());
  CHECK(watch->changed());
}

TEST_CASE("A ChangeWatch whose folder is gone always answers changed", "[catalogue][pool]") {
  CatalogueDir d;
  std::filesystem::create_directory(d.dir / "data");
  auto watch = ChangeWatch::open((d.dir / "data" / Catalogue::kFileName).string());
  REQUIRE(watch);
  CHECK_FALSE(watch->changed());
  std::filesystem::remove_all(d.dir / "data");
  CHECK(watch->changed());
  CHECK(watch->changed());
}
