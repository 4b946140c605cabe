#include "node/catalogue/tokens.h"

#include <catch2/catch.hpp>

#include "tests/support/catalogue_dir.h"

using namespace sic;
using sic::testing::CatalogueDir;

TEST_CASE("A created token verifies, and only its hash is stored", "[catalogue][tokens]") {
  CatalogueDir d;
  auto cat = d.open();
  std::string token = cat->tokens().create("cms").value();
  CHECK(token.rfind("sic_", 0) == 0);
  CHECK(token.size() == 44);
  CHECK(cat->tokens().verify(token).value() == std::optional<std::string>("cms"));
  CHECK_FALSE(cat->tokens().verify(token.substr(0, 43) + "x").value().has_value());
  CHECK_FALSE(cat->tokens().verify("").value().has_value());
  auto list = cat->tokens().list().value();
  REQUIRE(list.size() == 1);
  CHECK(list[0].last_used.has_value());
  std::string cmd = "sqlite3 '" + d.file() + "' .dump | grep -c " + token.substr(4) + " >/dev/null";
  CHECK(std::system(cmd.c_str()) != 0);  // grep found nothing
}

TEST_CASE("Token names are unique and validated; revoking ends a token", "[catalogue][tokens]") {
  CatalogueDir d;
  auto cat = d.open();
  std::string token = cat->tokens().create("editor").value();
  CHECK(cat->tokens().create("editor").error().message.find("exists") != std::string::npos);
  CHECK(cat->tokens().create("bad name").error().message.find("invalid") != std::string::npos);
  CHECK_FALSE(cat->tokens().create("").ok());
  REQUIRE(cat->tokens().revoke("editor").ok());
  CHECK_FALSE(cat->tokens().verify(token).value().has_value());
  CHECK(cat->tokens().revoke("editor").message().find("no token") != std::string::npos);
}

TEST_CASE("A token created by another connection verifies at once", "[catalogue][tokens]") {
  CatalogueDir d;
  auto server = d.open();
  auto cli = d.open();
  CHECK(server->version().value() == 0);
  std::string token = cli->tokens().create("late").value();
  CHECK(server->tokens().verify(token).value() == std::optional<std::string>("late"));
}
