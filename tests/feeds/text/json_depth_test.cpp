#include "feeds/text/json_depth.h"

#include <catch2/catch.hpp>
#include <string>

using namespace sic;

TEST_CASE("JSON nesting depth counts arrays and objects, not brackets in strings",
          "[feeds][json]") {
  CHECK(json_nesting_depth("") == 0);
  CHECK(json_nesting_depth("42") == 0);
  CHECK(json_nesting_depth("{}") == 1);
  CHECK(json_nesting_depth("[1, 2, 3]") == 1);
  CHECK(json_nesting_depth("[{\"a\": [1]}, {}]") == 3);
  CHECK(json_nesting_depth(R"({"a": "[[[{{{"})") == 1);
  CHECK(json_nesting_depth(R"({"a": "\"[[", "b": [[]]})") == 3);
  CHECK(json_nesting_depth(std::string(10000, '[')) == 10000);
}

TEST_CASE("JSON nesting depth takes malformed text as it comes", "[feeds][json]") {
  CHECK(json_nesting_depth("]]]][[") == 0);  // stray closers lower the depth
  CHECK(json_nesting_depth("[[[") == 3);
  CHECK(json_nesting_depth("\"[[[") == 0);  // an unclosed string hides the rest
}
