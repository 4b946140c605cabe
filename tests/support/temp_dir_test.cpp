#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace sic::test;

TEST_CASE("A temporary folder is created and removed with its content", "[support][tempdir]") {
  std::filesystem::path kept;
  {
    TempDir dir("sic-tempdir-test");
    kept = dir.path();
    CHECK(std::filesystem::is_directory(kept));
    CHECK(kept.filename().string().starts_with("sic-tempdir-test-"));
    auto file = dir.write("a/b/c.txt", "content");
    CHECK(file == dir.file("a/b/c.txt"));
    CHECK(read_text_file(file) == "content");
  }
  CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("Two temporary folders are distinct", "[support][tempdir]") {
  TempDir a, b;
  CHECK(a.path() != b.path());
}

TEST_CASE("Reading a missing file gives an empty string", "[support][tempdir]") {
  TempDir dir;
  CHECK(read_text_file(dir.file("missing")).empty());
}
