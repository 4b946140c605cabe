#include "node/translate/apertium/modes.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace sic;
using namespace sic::translate;
using namespace sic::translate::apertium;

namespace {

std::string pair_text(const std::optional<Pair>& pair) {
  return pair ? pair->from.str() + ">" + pair->to.str() : "none";
}

// A folder under the test binary's folder, emptied first.
std::filesystem::path scratch(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(SIC_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "modes");
  return dir;
}

void touch(const std::filesystem::path& file) { std::ofstream(file) << "lt-proc x\n"; }

}  // namespace

TEST_CASE("Mode names give their direction", "[translate][apertium][modes]") {
  CHECK(pair_text(parse_mode_name("spa-eng")) == "es>en");
  CHECK(pair_text(parse_mode_name("es-pt")) == "es>pt");
  CHECK(pair_text(parse_mode_name("eng-cat")) == "en>ca");
  CHECK(pair_text(parse_mode_name("spa-ita")) == "es>it");
}

TEST_CASE("Variant and helper modes are not directions", "[translate][apertium][modes]") {
  for (const char* name : {"spa-eng_US", "es-pt_BR", "eng-cat_valencia", "eco-es-fr", "spa",
                           "spa-spa", "spa-eng-morph", ""}) {
    INFO(name);
    CHECK_FALSE(parse_mode_name(name));
  }
}

TEST_CASE("The installed modes are found, one per direction", "[translate][apertium][modes]") {
  auto dir = scratch("modes-found");
  for (const char* name : {"spa-eng.mode", "spa-eng_US.mode", "es-pt.mode", "spa-por.mode",
                           "eco-es-fr.mode", "README"})
    touch(dir / "modes" / name);
  auto modes = find_modes(dir);
  REQUIRE(modes.ok());
  REQUIRE(modes->size() == 2);
  CHECK((*modes)[0].name == "spa-eng");
  CHECK((*modes)[1].name == "spa-por");  // the ISO 639-3 name wins over es-pt
  CHECK(pair_text((*modes)[1].pair) == "es>pt");
}

TEST_CASE("A missing modes folder is an error naming it", "[translate][apertium][modes]") {
  auto modes = find_modes("/nonexistent/apertium");
  REQUIRE_FALSE(modes.ok());
  CHECK_THAT(modes.error().message, Catch::StartsWith("apertium: cannot read /nonexistent/"));
}

TEST_CASE("A wblank-mode pipeline splits into stages with the -u options",
          "[translate][apertium][modes]") {
  auto stages = parse_pipeline(
      "lt-proc -z '/usr/share/a b/x.bin' | apertium-tagger -z -g $2 'p.prob' | "
      "lt-proc -z $1 'gen.bin'\n");
  REQUIRE(stages.ok());
  REQUIRE(stages->size() == 3);
  CHECK((*stages)[0] == std::vector<std::string>{"lt-proc", "-z", "/usr/share/a b/x.bin"});
  CHECK((*stages)[1] == std::vector<std::string>{"apertium-tagger", "-z", "-g", "p.prob"});
  CHECK((*stages)[2] == std::vector<std::string>{"lt-proc", "-z", "-n", "gen.bin"});
}

TEST_CASE("Shell syntax beyond words, quotes and pipes is refused",
          "[translate][apertium][modes]") {
  for (const char* script : {"lt-proc x > out", "lt-proc $(rm -rf /)", "a; b", "a && b",
                             "lt-proc \"x\"", "lt-proc 'x", "a | | b", "", "lt-proc $HOME"}) {
    INFO(script);
    CHECK_FALSE(parse_pipeline(script).ok());
  }
}
