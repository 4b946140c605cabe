#include "node/publish/query.h"

#include <catch2/catch.hpp>

#include "node/config/taxonomy.h"

using namespace sic;
using namespace sic::publish;

namespace {

Result<FeedQuery> parse(QueryParams params, Accepts accepts = Accepts::kFiltersAndPage) {
  return parse_query(params, builtin_taxonomy(), accepts);
}

std::string error_of(QueryParams params, Accepts accepts = Accepts::kFiltersAndPage) {
  auto q = parse(std::move(params), accepts);
  return q.ok() ? "(no error)" : q.error().message;
}

}  // namespace

TEST_CASE("Feed parameters combine into one filter", "[publish][query]") {
  auto q = parse({{"lang", "PT-br"},
                  {"tag", "cyberbullying"},
                  {"section", "helplines"},
                  {"origin", "sic-es"}});
  REQUIRE(q.ok());
  CHECK(q->lang.str() == "pt-BR");
  ArticleFilter f = q->filter();
  CHECK(f.available_in.str() == "pt-BR");
  CHECK(f.lang.empty());  // lang selects a reading language, not the original's
  CHECK(f.tag == "cyberbullying");
  CHECK(f.section == "helplines");
  CHECK(f.origin == "sic-es");
  CHECK(q->filtered());
  CHECK_FALSE(parse({})->filtered());
}

TEST_CASE("Unknown, repeated and malformed parameters are errors naming the parameter",
          "[publish][query]") {
  CHECK(error_of({{"q", "x"}}) ==
        "unknown parameter \"q\" (known: lang, tag, section, origin, page)");
  CHECK(error_of({{"page", "x"}}, Accepts::kFilters) ==
        "unknown parameter \"page\" (known: lang, tag, section, origin, q)");
  CHECK(error_of({{"q", "\"x"}}, Accepts::kSearchAndPage) ==
        "q: search: a quotation mark is not closed; remove it or add its pair");
  CHECK(error_of({{"tag", "x"}}, Accepts::kLangOnly) == "unknown parameter \"tag\" (known: lang)");
  CHECK(error_of({{"lang", "en"}, {"lang", "pt"}}) == "lang: given more than once");
  CHECK(error_of({{"lang", "en_GB"}}) == "lang: \"en_GB\" is not a BCP 47 language tag");
  CHECK(error_of({{"lang", ""}}) == "lang: \"\" is not a BCP 47 language tag");
  CHECK(error_of({{"section", "gossip"}}) ==
        "section: \"gossip\" is not a section of the taxonomy");
  CHECK(error_of({{"origin", "SIC PT"}}) == "origin: \"SIC PT\" is not a node id");
  CHECK(error_of({{"origin", std::string(65, 'a')}}).rfind("origin:", 0) == 0);
  CHECK(error_of({{"tag", ""}}).rfind("tag: must be 1-64 characters", 0) == 0);
  CHECK(error_of({{"tag", " padded"}}).rfind("tag:", 0) == 0);
  CHECK(error_of({{"tag", "a\x01z"}}).rfind("tag:", 0) == 0);
  CHECK(error_of({{"tag", std::string(65, 'x')}}).rfind("tag:", 0) == 0);
  CHECK(error_of({{"page", "yesterday"}}) == "page: not a cursor from a next link");
  CHECK(error_of({{"page", "2026-01-01T00:00:00Z|not an iri"}}) ==
        "page: not a cursor from a next link");
}

TEST_CASE("Free topic keywords are accepted as tags", "[publish][query]") {
  auto q = parse({{"tag", "media literacy/education"}});
  REQUIRE(q.ok());
  CHECK(q->tag == "media literacy/education");
}

TEST_CASE("The canonical query has a fixed order and encodes every value", "[publish][query]") {
  auto a = parse({{"tag", "media literacy/education"}, {"lang", "pt"}, {"origin", "bik"}});
  auto b = parse({{"origin", "bik"}, {"lang", "pt"}, {"tag", "media literacy/education"}});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(canonical(*a) == canonical(*b));
  CHECK(canonical(*a) == "lang=pt&origin=bik&tag=media%20literacy%2Feducation");
  CHECK(query_suffix(*a) == "?" + canonical(*a));
  CHECK(query_suffix(FeedQuery{}).empty());
}

TEST_CASE("A cursor survives its text form and a query string", "[publish][query]") {
  ArticleCursor c{from_unix(1795867200), "tag:sic.example.pt,2026:a/1?x=1&y=2"};
  CHECK(cursor_text(c) == "2026-11-28T12:00:00Z|tag:sic.example.pt,2026:a/1?x=1&y=2");
  FeedQuery q;
  q.page = c;
  std::string text = canonical(q);
  auto params = decode_target_query("/feeds/atom?" + text);
  REQUIRE(params.ok());
  auto back = parse(*params);
  REQUIRE(back.ok());
  REQUIRE(back->page);
  CHECK(back->page->updated == c.updated);
  CHECK(back->page->id == c.id);
  CHECK(back->first_page().page == std::nullopt);
}

TEST_CASE("A malformed percent escape in the query is an error", "[publish][query]") {
  CHECK_FALSE(decode_target_query("/feeds/atom?lang=%ZZ").ok());
  CHECK(decode_target_query("/feeds/atom?lang=%ZZ").error().message ==
        "query: malformed percent escape");
  CHECK(decode_target_query("/feeds/atom")->empty());
  CHECK(decode_target_query("/feeds/atom?a=1&b=x+y")->at(1).second == "x y");
}

TEST_CASE("A search in a feed's query filters it and is part of its canonical form",
          "[publish][query]") {
  auto q = parse({{"tag", "grooming"}, {"q", "sextortion help"}}, Accepts::kSearchAndPage);
  REQUIRE(q.ok());
  CHECK(q->q == "sextortion help");
  REQUIRE(q->filter().text);
  CHECK(to_fts5_words(*q->filter().text) == "\"sextortion\" AND \"help\"");
  CHECK(q->filtered());
  CHECK(canonical(*q) == "q=sextortion%20help&tag=grooming");
}
