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

// A few of the pairs Debian's Apertium packages install (scripts/setup had only these
// before the Catalan, Croatian, Macedonian and Scandinavian pairs).
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

// Steps of engine `engine` (its position) at `cost`.
std::vector<Step> steps(std::initializer_list<std::pair<const char*, const char*>> list,
                        std::size_t engine, int cost = 0) {
  std::vector<Step> out;
  for (auto [from, to] : list) out.push_back({{tag(from), tag(to)}, engine, cost});
  return out;
}

std::vector<Step> operator+(std::vector<Step> a, const std::vector<Step>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

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
  CHECK_FALSE(find_route(std::vector<Pair>{}, tag("es"), tag("en")));
}

TEST_CASE("A language needs no route to itself", "[translate][route]") {
  CHECK_FALSE(find_route(kInstalled, tag("es"), tag("es")));
  CHECK_FALSE(find_route(kInstalled, tag("pt-BR"), tag("pt-PT")));
}

TEST_CASE("Unreachable lists each source and target without a route", "[translate][route]") {
  auto installed = steps_of(kInstalled);
  auto missing = unreachable(installed, {tag("en"), tag("pt-PT")},
                             {tag("es"), tag("de"), tag("pt"), tag("de-AT"), tag("ca")});
  CHECK(missing == pairs({{"de", "en"}, {"de", "pt"}}));
  CHECK(unreachable(installed, {tag("en")}, {tag("es"), tag("pt"), tag("fr"), tag("it"), tag("ca")})
            .empty());
  CHECK(unreachable({}, {tag("en")}, {tag("en-US")}).empty());
}

TEST_CASE("The engine label names the route only for pivots", "[translate][route]") {
  CHECK(engine_label("apertium", *find_route(kInstalled, tag("es"), tag("en"))) == "apertium");
  CHECK(engine_label("apertium", *find_route(kInstalled, tag("pt"), tag("en"))) ==
        "apertium:pt>es>en");
}

TEST_CASE("Routes are found over the union of several engines' pairs, and may mix them",
          "[translate][route][engines]") {
  // Apertium (0) has pt>es; eTranslation (1) has es>de: Portuguese reaches German.
  auto union_ = steps({{"pt", "es"}, {"es", "pt"}}, 0) + steps({{"es", "de"}, {"de", "es"}}, 1);
  auto route = find_route(union_, tag("pt"), tag("de"));
  REQUIRE(route);
  CHECK(hops(route) == std::vector<std::string>{"pt", "es", "de"});
  CHECK(route->engines == std::vector<std::size_t>{0, 1});
  CHECK(route_label({"apertium", "etranslation"}, *route) == "apertium:pt>es, etranslation:es>de");
}

TEST_CASE("Fewest steps first: a remote engine's direct pair beats an offline pivot",
          "[translate][route][engines]") {
  auto union_ = steps({{"fr", "es"}, {"es", "en"}}, 0) + steps({{"fr", "en"}}, 1);
  auto route = find_route(union_, tag("fr"), tag("en"));
  REQUIRE(route);
  CHECK(hops(route) == std::vector<std::string>{"fr", "en"});
  CHECK(route_label({"apertium", "deepl"}, *route) == "deepl");
}

TEST_CASE("Among routes of as many steps, the engine listed first wins",
          "[translate][route][engines]") {
  auto both = steps({{"es", "en"}}, 1) + steps({{"es", "en"}}, 0);
  auto route = find_route(both, tag("es"), tag("en"));
  REQUIRE(route);
  CHECK(route->engines == std::vector<std::size_t>{0});
  // Over two steps: the pivot whose steps are the first engine's, whatever the pivots'
  // names.
  auto pivots = steps({{"pt", "ca"}, {"ca", "en"}}, 1) + steps({{"pt", "es"}, {"es", "en"}}, 0);
  CHECK(hops(find_route(pivots, tag("pt"), tag("en"))) ==
        std::vector<std::string>{"pt", "es", "en"});
}

TEST_CASE("Among routes of as many steps through the same engines, the lower pair costs win",
          "[translate][route][engines]") {
  // The quality order: fr>es (cost 1) and es>en (1) against fr>ca (0) and ca>en (0).
  auto apertium =
      steps({{"fr", "es"}, {"es", "en"}}, 0, 1) + steps({{"fr", "ca"}, {"ca", "en"}}, 0, 0);
  CHECK(hops(find_route(apertium, tag("fr"), tag("en"))) ==
        std::vector<std::string>{"fr", "ca", "en"});
  // The costs, not the names, decide: with Catalan costlier, Spanish wins.
  auto costlier =
      steps({{"fr", "es"}, {"es", "en"}}, 0, 0) + steps({{"fr", "ca"}, {"ca", "en"}}, 0, 2);
  CHECK(hops(find_route(costlier, tag("fr"), tag("en"))) ==
        std::vector<std::string>{"fr", "es", "en"});
  // The cost never makes a longer route win.
  auto direct = steps({{"es", "it"}}, 0, 2) + steps({{"es", "ca"}, {"ca", "it"}}, 0, 0);
  CHECK(hops(find_route(direct, tag("es"), tag("it"))) == std::vector<std::string>{"es", "it"});
}

TEST_CASE("A label has one part per run of steps made by the same engine",
          "[translate][route][engines]") {
  Route route{{tag("bg"), tag("mk"), tag("hr"), tag("de"), tag("nl")}, {0, 0, 1, 1}};
  CHECK(route_label({"apertium", "etranslation"}, route) ==
        "apertium:bg>mk>hr, etranslation:hr>de>nl");
  Route one{{tag("de"), tag("en")}, {1}};
  CHECK(route_label({"apertium", "etranslation"}, one) == "etranslation");
}
