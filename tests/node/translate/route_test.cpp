#include "node/translate/route.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

std::vector<Pair> pairs(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<Pair> out;
  for (auto [from, to] : list) out.push_back({tag(from), tag(to)});
  return out;
}

std::vector<std::string> hops(const std::optional<Route>& route) {
  std::vector<std::string> out;
  if (route)
    for (const LanguageTag& hop : route->hops) out.push_back(hop.str());
  return out;
}

// The pairs Debian's Apertium packages install (scripts/setup).
const std::vector<Pair> kInstalled = pairs({{"ca", "en"},
                                            {"en", "ca"},
                                            {"en", "es"},
                                            {"es", "en"},
                                            {"es", "fr"},
                                            {"es", "it"},
                                            {"es", "pt"},
                                            {"fr", "es"},
                                            {"it", "es"},
                                            {"pt", "es"}});

}  // namespace

TEST_CASE("A direct pair is a route of one step", "[translate][route]") {
  auto route = find_route(kInstalled, tag("es"), tag("en"));
  REQUIRE(route);
  CHECK(hops(route) == std::vector<std::string>{"es", "en"});
  CHECK(route->steps() == 1);
}

TEST_CASE("Portuguese reaches English through Spanish", "[translate][route]") {
  CHECK(hops(find_route(kInstalled, tag("pt"), tag("en"))) ==
        std::vector<std::string>{"pt", "es", "en"});
  CHECK(hops(find_route(kInstalled, tag("en"), tag("pt"))) ==
        std::vector<std::string>{"en", "es", "pt"});
  CHECK(hops(find_route(kInstalled, tag("ca"), tag("it"))) ==
        std::vector<std::string>{"ca", "en", "es", "it"});
}

TEST_CASE("Routes are found on primary subtags", "[translate][route]") {
  CHECK(hops(find_route(kInstalled, tag("pt-BR"), tag("en-GB"))) ==
        std::vector<std::string>{"pt", "es", "en"});
}

TEST_CASE("The shortest route wins over a longer one", "[translate][route]") {
  auto graph = pairs({{"pt", "es"}, {"es", "fr"}, {"fr", "en"}, {"pt", "it"}, {"it", "en"}});
  CHECK(hops(find_route(graph, tag("pt"), tag("en"))) ==
        std::vector<std::string>{"pt", "it", "en"});
}

TEST_CASE("Routes of equal length are broken alphabetically, whatever the pairs' order",
          "[translate][route]") {
  auto graph =
      pairs({{"pt", "gl"}, {"gl", "en"}, {"pt", "es"}, {"es", "en"}, {"pt", "ca"}, {"ca", "en"}});
  std::mt19937 shuffle(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(graph.begin(), graph.end(), shuffle);
    CHECK(hops(find_route(graph, tag("pt"), tag("en"))) ==
          std::vector<std::string>{"pt", "ca", "en"});
  }
}

TEST_CASE("A language no pair leads to has no route", "[translate][route]") {
  CHECK_FALSE(find_route(kInstalled, tag("de"), tag("en")));
  CHECK_FALSE(find_route(kInstalled, tag("en"), tag("de")));
  CHECK_FALSE(find_route(pairs({{"es", "en"}}), tag("en"), tag("es")));  // pairs are one-way
  CHECK_FALSE(find_route({}, tag("es"), tag("en")));
}

TEST_CASE("A language needs no route to itself", "[translate][route]") {
  CHECK_FALSE(find_route(kInstalled, tag("es"), tag("es")));
  CHECK_FALSE(find_route(kInstalled, tag("pt-BR"), tag("pt-PT")));
}

TEST_CASE("Unreachable lists each source and target without a route", "[translate][route]") {
  auto missing = unreachable(kInstalled, {tag("en"), tag("pt-PT")},
                             {tag("es"), tag("de"), tag("pt"), tag("de-AT"), tag("ca")});
  CHECK(missing == pairs({{"de", "en"}, {"de", "pt"}}));
  CHECK(
      unreachable(kInstalled, {tag("en")}, {tag("es"), tag("pt"), tag("fr"), tag("it"), tag("ca")})
          .empty());
  CHECK(unreachable({}, {tag("en")}, {tag("en-US")}).empty());
}

TEST_CASE("The engine label names the route only for pivots", "[translate][route]") {
  CHECK(engine_label("apertium", *find_route(kInstalled, tag("es"), tag("en"))) == "apertium");
  CHECK(engine_label("apertium", *find_route(kInstalled, tag("pt"), tag("en"))) ==
        "apertium:pt>es>en");
}
