// The [publish] section of the config (node/config), read as publishing uses it.
#include <catch2/catch.hpp>

#include "node/config/config.h"

using namespace sic;

namespace {

const std::string kNode = R"(
[node]
id = "sic-pt"
name = "Centro"
base_url = "https://sic.example.pt/"
languages = ["pt"]
data_dir = "/var/lib/sicnode"
)";

std::string error_of(const std::string& publish) {
  auto c = parse_config(kNode + "[publish]\n" + publish, "node.toml");
  return c.ok() ? "(no error)" : c.error().message;
}

}  // namespace

TEST_CASE("Publishing has documented defaults", "[publish][config]") {
  auto c = parse_config(kNode, "node.toml");
  REQUIRE(c.ok());
  CHECK(c->publish.page_size == 50);
  CHECK(c->publish.tombstone_days == std::chrono::days(30));
  CHECK(c->publish.cache_control == "public, max-age=300");
  CHECK(c->publish.archive_cache_control == "public, max-age=86400");
  CHECK(c->publish.render_cache_bytes == 64u * 1024 * 1024);
}

TEST_CASE("The [publish] keys are read and checked", "[publish][config]") {
  auto c = parse_config(kNode + R"([publish]
page_size = 20
tombstone_days = 7
cache_control = "public, max-age=60"
archive_cache_control = "public, max-age=604800, immutable"
render_cache_bytes = 2097152
)",
                        "node.toml");
  REQUIRE(c.ok());
  CHECK(c->publish.page_size == 20);
  CHECK(c->publish.tombstone_days == std::chrono::days(7));
  CHECK(c->publish.cache_control == "public, max-age=60");
  CHECK(c->publish.archive_cache_control == "public, max-age=604800, immutable");
  CHECK(c->publish.render_cache_bytes == 2097152);
  CHECK(error_of("page_size = 0\n") ==
        "node.toml:9: [publish] page_size: must be between 1 and 1000");
  CHECK(error_of("tombstone_days = \"30\"\n") ==
        "node.toml:9: [publish] tombstone_days: expected an integer, found a string");
  CHECK(error_of("cache_control = \"a\\nb\"\n") ==
        "node.toml:9: [publish] cache_control: \"a\nb\" is not an HTTP header value (1-200 "
        "printable ASCII characters)");
  CHECK(error_of("render_cache_bytes = 10\n").find("between 1048576") != std::string::npos);
  CHECK(error_of("pagesize = 3\n") ==
        "node.toml:9: [publish] pagesize: unknown key (see config/node.example.toml)");
}
