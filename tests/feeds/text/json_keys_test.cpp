#include "feeds/text/json_keys.h"

#include <catch2/catch.hpp>

using sic::json_duplicate_key;

TEST_CASE("A key given twice in one object is found, with where it is", "[feeds][json]") {
  CHECK(json_duplicate_key(R"({"a": 1, "b": 2, "a": 3})") == "\"a\"");
  CHECK(json_duplicate_key(R"({"items": [{"id": 1}, {"id": 2, "url": "x", "url": "y"}]})") ==
        "\"url\" in items[1]");
  CHECK(json_duplicate_key(R"({"a": {"b": {"c": 1, "c": 2}}})") == "\"c\" in a.b");
}

TEST_CASE("Keys are compared as the strings they denote", "[feeds][json]") {
  CHECK(json_duplicate_key(R"({"title": 1, "t\u0069tle": 2})") == "\"title\"");
  CHECK(json_duplicate_key(R"({"\ud83d\ude00": 1, "😀": 2})") == "\"😀\"");
  CHECK(json_duplicate_key(R"({"a\"b": 1, "a\"b": 2})") == "\"a\"b\"");
}

TEST_CASE("Distinct keys, the same key in two objects, and strings that look like keys pass",
          "[feeds][json]") {
  CHECK(json_duplicate_key(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})") ==
        std::nullopt);
  CHECK(json_duplicate_key(R"({"a": "b", "c": ["a", "a"], "d": "a"})") == std::nullopt);
  CHECK(json_duplicate_key(R"({"a": "{\"a\": 1, \"a\": 2}"})") == std::nullopt);
  CHECK(json_duplicate_key("") == std::nullopt);
  CHECK(json_duplicate_key("{\"a\": 1, \"a") == "\"a\"");  // unterminated: still seen
  CHECK(json_duplicate_key("]]}}{") == std::nullopt);
}
