#include "node/catalogue/search_query.h"

#include <catch2/catch.hpp>

using namespace sic;

namespace {

std::string words(std::string_view input) {
  return to_fts5_words(parse_search_query(input).value());
}

std::string error_of(std::string_view input) {
  auto q = parse_search_query(input);
  REQUIRE_FALSE(q.ok());
  return q.error().message;
}

}  // namespace

TEST_CASE("Words are each quoted and all required", "[catalogue][search]") {
  CHECK(words("sextortion help") == "\"sextortion\" AND \"help\"");
  CHECK(words("  grooming\t") == "\"grooming\"");
}

TEST_CASE("A phrase in quotation marks is one quoted term", "[catalogue][search]") {
  CHECK(words("\"safer internet\" day") == "\"safer internet\" AND \"day\"");
}

TEST_CASE("OR joins the terms on either side into one group", "[catalogue][search]") {
  CHECK(words("grooming OR sextortion help") == "(\"grooming\" OR \"sextortion\") AND \"help\"");
  CHECK(words("a OR b OR c") == "(\"a\" OR \"b\" OR \"c\")");
  CHECK(words("or") == "\"or\"");  // only capitals make the operator
}

TEST_CASE("A minus excludes a word or a phrase", "[catalogue][search]") {
  auto q = parse_search_query("bullying -cyber -\"online game\"").value();
  CHECK(to_fts5_words(q) == "(\"bullying\") NOT \"cyber\" NOT \"online game\"");
  CHECK(to_fts5_excluded(q) == "(\"cyber\" OR \"online game\")");
  CHECK(to_fts5_grams(q) == "\"bullying\"");
}

TEST_CASE("A star after a word looks for its prefix", "[catalogue][search]") {
  auto q = parse_search_query("mobb* groom**").value();
  CHECK(to_fts5_words(q) == "\"mobb\" * AND \"groom\" *");
  CHECK(to_fts5_grams(q) == "\"mobb\" AND \"groom\"");
}

TEST_CASE("FTS5 syntax in a query is only text", "[catalogue][search]") {
  CHECK(words("NEAR(a b)") == "\"NEAR(a\" AND \"b)\"");
  CHECK(words("title:x") == "\"title:x\"");
  CHECK(words("^start") == "\"^start\"");
  CHECK(words("a AND b NOT c") == "\"a\" AND \"AND\" AND \"b\" AND \"NOT\" AND \"c\"");
  CHECK(words("{title summary}: x") == "\"{title\" AND \"summary}:\" AND \"x\"");
}

TEST_CASE("Punctuation alone is dropped and leaves nothing to look for", "[catalogue][search]") {
  CHECK(words("^ help * ( )") == "\"help\"");
  CHECK(error_of("^ * () :-") == "search: the query has no letters or digits to look for");
  CHECK(error_of("") == "search: the query has no letters or digits to look for");
  CHECK(error_of("\"  \"") == "search: the query has no letters or digits to look for");
}

TEST_CASE("Words in other scripts count as words", "[catalogue][search]") {
  CHECK(words("Kinderschutz ΑΣΦΑΛΕΙΑ") == "\"Kinderschutz\" AND \"ΑΣΦΑΛΕΙΑ\"");
}

TEST_CASE("An unbalanced quotation mark is an error", "[catalogue][search]") {
  CHECK(error_of("\"safer internet") ==
        "search: a quotation mark is not closed; remove it or add its pair");
  CHECK(error_of("a\"b") == "search: a quotation mark is not closed; remove it or add its pair");
}

TEST_CASE("OR without a term on each side is an error", "[catalogue][search]") {
  const std::string message =
      "search: OR needs a word or phrase on each side (and cannot join an excluded one)";
  CHECK(error_of("OR a") == message);
  CHECK(error_of("a OR") == message);
  CHECK(error_of("a OR OR b") == message);
  CHECK(error_of("a OR -b") == message);
}

TEST_CASE("A query of only exclusions is an error", "[catalogue][search]") {
  CHECK(error_of("-a -b") == "search: the query only excludes words; add a word to look for");
}

TEST_CASE("Long queries are refused by characters and by terms", "[catalogue][search]") {
  CHECK(error_of(std::string(10 * 1024, 'a')) == "search: the query is longer than 256 characters");
  CHECK(parse_search_query(std::string(256, 'a')).ok());
  std::string many;
  for (int i = 0; i < 17; ++i) many += "w" + std::to_string(i) + " ";
  CHECK(error_of(many) == "search: the query has more than 16 words or phrases");
  // Characters, not bytes: 128 two-byte letters fit.
  std::string greek;
  for (int i = 0; i < 128; ++i) greek += "α";
  CHECK(parse_search_query(greek).ok());
}
