// The backlog with a real catalogue (SQLite in a temporary folder) and the real
// Apertium engine; a scripted engine where a failure or a race must be staged.
#include "node/translate/backlog.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>

#include "node/catalogue/articles.h"
#include "tests/node/translate/support/engines.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using namespace sic::translate;
using sic::testing::CatalogueDir;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

Article article(const std::string& suffix, const char* lang, std::string title,
                std::string summary = "", std::string body = "") {
  Article a = sic::testing::make_article(suffix);
  a.lang = tag(lang);
  a.title = std::move(title);
  a.summary = std::move(summary);
  a.content_html = std::move(body);
  return a;
}

const Article kSpanish =
    article("es-1", "es", "El perro come manzanas", "Día de la Internet Segura",
            "<p>El <b>perro</b> come manzanas &amp; peras.</p>");

// Counts what a pass does.
struct Tally : BacklogObserver {
  int calls = 0, hits = 0;
  std::map<std::string, int> calls_by_step;  // "apertium es>en"
  std::optional<Plan> plan;
  std::vector<ItemResult> results;
  void engine_called(const std::string& engine, const Pair& step) override {
    ++calls;
    ++calls_by_step[engine + " " + step.from.str() + ">" + step.to.str()];
  }
  void memory_hit() override { ++hits; }
  void planned(const Plan& p) override { plan = p; }
  void finished(const ItemResult& r) override { results.push_back(r); }
};

struct Fixture {
  CatalogueDir dir;
  std::unique_ptr<Catalogue> cat = dir.open();
  std::shared_ptr<EngineSet> engines;
  BacklogOptions options;

  explicit Fixture(std::shared_ptr<Engine> e, std::vector<const char*> languages = {"en"})
      : Fixture(std::vector<std::shared_ptr<Engine>>{std::move(e)}, std::move(languages)) {}
  Fixture(std::vector<std::shared_ptr<Engine>> list, std::vector<const char*> languages) {
    std::vector<EngineSet::Member> members;
    for (auto& e : list) {
      REQUIRE(e);
      members.push_back({std::move(e), {}});
    }
    engines = std::make_shared<EngineSet>(std::move(members));
    for (const char* l : languages) options.languages.push_back(tag(l));
    options.retry.jitter = 0;
  }
  Backlog backlog() { return Backlog(*engines, *cat, options, dir.clock); }
  PassReport run(Tally& tally) {
    auto report = backlog().run(tally);
    if (!report.ok()) FAIL(report.error().message);
    return std::move(*report);
  }
  void put(const Article& a) { REQUIRE(cat->articles().put(a).ok()); }
  std::optional<Translation> translation(const Article& a, const char* lang) {
    return cat->translations().find(a.id, tag(lang)).value();
  }
};

}  // namespace

TEST_CASE("A Spanish article gains an English machine translation made by Apertium",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium());
  f.put(kSpanish);
  Tally tally;
  PassReport report = f.run(tally);
  CHECK(report.translated == 1);
  CHECK(report.failed == 0);
  auto en = f.translation(kSpanish, "en");
  REQUIRE(en);
  CHECK(en->title == "The dog eats apples");
  CHECK(en->summary == "Day of the Sure Internet");
  CHECK(en->content_html == "<p>The <b>dog</b> eats apples &amp; pears.</p>");
  CHECK(en->kind == TranslationKind::kMachine);
  CHECK(en->engine == "apertium");
  CHECK(en->source_hash == kSpanish.content_hash());
  CHECK(en->translated_at == f.dir.clock.now());
  CHECK_FALSE(en->outdated);
  CHECK(tally.calls_by_step["apertium es>en"] == 3);  // title, summary, body
  // Done: the next pass has nothing to do.
  Tally again;
  CHECK(f.run(again).plan.size() == 0);
  CHECK(again.calls == 0);
}

TEST_CASE("A plan records the routes into the node's languages for the merge",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium(), {"en", "pt-PT"});
  REQUIRE(f.backlog().plan().ok());
  MachineRoutes routes = f.cat->translations().machine_routes().value();
  CHECK(routes.count({"es", "en"}) == 1);
  CHECK(routes.count({"pt", "en"}) == 1);  // through Catalan
  CHECK(routes.count({"hr", "en"}) == 1);  // Serbo-Croatian's analyser reads Croatian
  CHECK(routes.count({"bg", "en"}) == 1);  // through Macedonian
  CHECK(routes.count({"es", "pt-PT"}) == 1);
  CHECK(routes.count({"it", "pt-PT"}) == 1);
  CHECK(routes.count({"en", "en"}) == 0);
  CHECK(routes.count({"de", "en"}) == 0);
}

TEST_CASE("A Portuguese article reaches English through Catalan, labelled with the route",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium(), {"en", "ca"});
  Article pt = article("pt-1", "pt", "O cão come maçãs.");
  f.put(pt);
  Tally tally;
  CHECK(f.run(tally).translated == 2);
  auto en = f.translation(pt, "en");
  REQUIRE(en);
  CHECK(en->title == "The dog eats apples.");
  CHECK(en->engine == "apertium:pt>ca>en");
  auto ca = f.translation(pt, "ca");
  REQUIRE(ca);
  CHECK(ca->title == "El gos menja pomes.");
  CHECK(ca->engine == "apertium");
  // The pivot's first step and the direct translation into Catalan are one engine call.
  CHECK(tally.calls_by_step["apertium pt>ca"] == 1);
  CHECK(tally.calls_by_step["apertium ca>en"] == 1);
  CHECK(tally.hits == 1);
}

TEST_CASE("An article is translated into the node's other languages, never into its own",
          "[translate][backlog]") {
  Fixture f(std::make_shared<sic::testing::ScriptedEngine>(), {"en", "es-ES"});
  Article en = article("en-gb", "en-GB", "The dog");
  Article es = article("es-mx", "es-MX", "El perro");
  f.put(en);
  f.put(es);
  Tally tally;
  PassReport report = f.run(tally);
  CHECK(report.translated == 2);
  CHECK(tally.calls == 2);
  CHECK(f.translation(en, "es-ES")->title == "The dog [en>es]");
  CHECK_FALSE(f.translation(en, "en"));  // en-GB is English already
  CHECK(f.translation(es, "en")->title == "El perro [es>en]");
  CHECK_FALSE(f.translation(es, "es-ES"));  // es-MX is Spanish already
}

TEST_CASE("A Spanish article on a Spanish, Portuguese and Catalan node gains pt and ca",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium(), {"es", "pt", "ca"});
  f.put(kSpanish);
  Tally tally;
  CHECK(f.run(tally).translated == 2);
  auto pt = f.translation(kSpanish, "pt");
  auto ca = f.translation(kSpanish, "ca");
  REQUIRE(pt);
  REQUIRE(ca);
  CHECK(pt->title == "O cão come maçãs");
  CHECK(pt->engine == "apertium");
  CHECK(ca->title == "El gos menja pomes");
  CHECK(ca->engine == "apertium");
  CHECK_FALSE(f.translation(kSpanish, "es"));
}

TEST_CASE("The memory answers texts translated before: re-runs, shared paragraphs and edits",
          "[translate][backlog][memory][apertium]") {
  Fixture f(sic::testing::shared_apertium());
  f.put(kSpanish);
  Tally first;
  f.run(first);
  CHECK(first.calls == 3);

  SECTION("the same article again, as a re-sync or re-import brings it, calls nothing") {
    REQUIRE(f.cat->translations().remove(kSpanish.id, tag("en")).ok());
    Tally again;
    CHECK(f.run(again).translated == 1);
    CHECK(again.calls == 0);
    CHECK(again.hits == 3);
    CHECK(f.translation(kSpanish, "en")->title == "The dog eats apples");
  }
  SECTION("another article with the same summary and body translates only its title") {
    Article other = kSpanish;
    other.id = Iri::parse("tag:sic.example.pt,2026:a/es-2").value();
    other.title = "El gato come peras";
    f.put(other);
    Tally second;
    CHECK(f.run(second).translated == 1);
    CHECK(second.calls == 1);
    CHECK(second.hits == 2);
    CHECK(f.translation(other, "en")->title == "The cat eats pears");
  }
  SECTION("an edit re-translates only the field that changed") {
    Article edited = kSpanish;
    edited.summary = "Las manzanas son buenas";
    edited.updated += std::chrono::hours(1);
    f.put(edited);
    CHECK(f.translation(kSpanish, "en")->outdated);  // stale until redone
    Tally second;
    CHECK(f.run(second).translated == 1);
    CHECK(second.calls == 1);
    CHECK(second.hits == 2);
    auto en = f.translation(edited, "en");
    CHECK(en->summary == "The apples are good");
    CHECK(en->source_hash == edited.content_hash());
    CHECK_FALSE(en->outdated);
  }
}

TEST_CASE("A human translation is never replaced; when its original changes it is marked outdated",
          "[translate][backlog]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  Article a = article("1", "es", "Hola");
  f.put(a);
  Translation human{tag("en"), "Hello", "", "", TranslationKind::kHuman, "", a.content_hash()};
  REQUIRE(f.cat->translations().put(a.id, human).ok());
  Tally tally;
  CHECK(f.run(tally).plan.size() == 0);

  a.title = "Hola a todos";
  a.updated += std::chrono::hours(1);
  f.put(a);
  Tally after;
  CHECK(f.run(after).plan.size() == 0);
  CHECK(engine->calls() == 0);
  auto kept = f.translation(a, "en");
  CHECK(kept->kind == TranslationKind::kHuman);
  CHECK(kept->title == "Hello");
  CHECK(kept->outdated);
}

TEST_CASE("A language without a route is reported and the article stays in its original",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium(), {"en", "es"});
  Article de = article("de-1", "de", "Der Hund frisst Äpfel");
  Article none = article("und-1", "en", "Text");
  none.lang = LanguageTag();
  f.put(de);
  f.put(none);
  Tally tally;
  PassReport report = f.run(tally);
  CHECK(report.translated == 0);
  CHECK(report.plan.size() == 0);
  CHECK(report.plan.unreachable == std::vector<Pair>{{tag("de"), tag("en")},
                                                     {tag("de"), tag("es")},
                                                     {tag("und"), tag("en")},
                                                     {tag("und"), tag("es")}});
  CHECK(report.plan.unreachable_articles ==
        std::map<std::string, std::int64_t>{{"de", 1}, {"und", 1}});
  CHECK(f.cat->translations().list(de.id).value().empty());
  CHECK(f.cat->articles().find(de.id).value()->article.title == "Der Hund frisst Äpfel");
}

TEST_CASE("A failed translation stores nothing and waits, doubling, before it is tried again",
          "[translate][backlog][failures]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  Article a = article("1", "es", "Hola", "Resumen");
  f.put(a);
  engine->fail_next(1);
  Tally first;
  PassReport report = f.run(first);
  CHECK(report.failed == 1);
  REQUIRE(first.results.size() == 1);
  CHECK(first.results[0].outcome == ItemOutcome::kFailed);
  CHECK(first.results[0].error == "scripted: unavailable");
  CHECK(first.results[0].failures == 1);
  CHECK(report.next_retry == f.dir.clock.now() + std::chrono::seconds(60));
  CHECK_FALSE(f.translation(a, "en"));
  auto failures = f.cat->translations().failures().value();
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].next_attempt == f.dir.clock.now() + std::chrono::seconds(60));

  Tally waiting;
  PassReport later = f.run(waiting);
  CHECK(later.plan.due.empty());
  CHECK(later.plan.waiting.size() == 1);
  CHECK(later.plan.next_retry() == f.dir.clock.now() + std::chrono::seconds(60));
  CHECK(waiting.calls == 0);

  f.dir.clock.advance(std::chrono::seconds(60));
  engine->fail_next(1);
  f.run(waiting);
  CHECK(f.cat->translations().failures().value().at(0).next_attempt ==
        f.dir.clock.now() + std::chrono::seconds(120));

  f.dir.clock.advance(std::chrono::seconds(120));
  Tally success;
  CHECK(f.run(success).translated == 1);
  CHECK(f.translation(a, "en")->title == "Hola [es>en]");
  CHECK(f.cat->translations().failures().value().empty());
}

TEST_CASE("ignore_backoff translates what is waiting after failures", "[translate][backlog]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  f.put(article("1", "es", "Hola"));
  engine->fail_next(1);
  Tally tally;
  f.run(tally);
  f.options.ignore_backoff = true;
  CHECK(f.run(tally).translated == 1);
}

TEST_CASE("An engine that cannot list its pairs fails the pass and changes nothing",
          "[translate][backlog][failures]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  f.put(article("1", "es", "Hola"));
  engine->pairs_fail = true;
  Tally tally;
  auto report = f.backlog().run(tally);
  REQUIRE_FALSE(report.ok());
  CHECK(report.error().message == "scripted: cannot list the pairs");
  CHECK(f.cat->translations().failures().value().empty());
}

TEST_CASE("A machine translation from a peer is redone with a route and kept without one",
          "[translate][backlog]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine, {"en", "fr"});
  Article a = article("1", "es", "Hola");
  f.put(a);
  for (const char* lang : {"en", "fr"}) {
    Translation t{tag(lang), "From a peer",   "", "", TranslationKind::kMachine,
                  "deepl",   a.content_hash()};
    REQUIRE(f.cat->translations().put(a.id, t, "sic-x").ok());
  }
  Tally tally;
  PassReport report = f.run(tally);
  CHECK(report.translated == 1);
  CHECK(report.plan.from_peers == 1);
  CHECK(report.plan.unreachable.empty());
  CHECK(f.translation(a, "en")->title == "Hola [es>en]");
  CHECK(f.translation(a, "en")->engine == "scripted");
  CHECK(f.translation(a, "fr")->title == "From a peer");
}

TEST_CASE("A human translation or an edit arriving during a translation wins",
          "[translate][backlog]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  Article a = article("1", "es", "Hola");
  f.put(a);
  auto other = f.dir.open();  // another connection, as the API's would be
  SECTION("a human translation") {
    engine->before_translate = [&] {
      Translation human{tag("en"), "Hello", "", "", TranslationKind::kHuman, "", a.content_hash()};
      REQUIRE(other->translations().put(a.id, human).ok());
    };
    Tally tally;
    PassReport report = f.run(tally);
    CHECK(report.skipped == 1);
    CHECK(tally.results.at(0).error == "a human translation arrived while it was translated");
    CHECK(f.translation(a, "en")->title == "Hello");
  }
  SECTION("a new version of the article") {
    engine->before_translate = [&] {
      Article edited = a;
      edited.title = "Hola de nuevo";
      edited.updated += std::chrono::hours(1);
      REQUIRE(other->articles().put(edited).ok());
      engine->before_translate = nullptr;
    };
    Tally tally;
    CHECK(f.run(tally).skipped == 1);
    CHECK_FALSE(f.translation(a, "en"));
    Tally next;
    CHECK(f.run(next).translated == 1);
    CHECK(f.translation(a, "en")->title == "Hola de nuevo [es>en]");
  }
}

TEST_CASE("The status lists pairs, routes per source language, unreachable ones and the backlog",
          "[translate][backlog][apertium]") {
  Fixture f(sic::testing::shared_apertium());
  f.put(article("es-1", "es", "Hola"));
  f.put(article("es-2", "es-ES", "Adiós"));
  f.put(article("pt-1", "pt", "Olá"));
  f.put(article("de-1", "de", "Hallo"));
  f.put(article("en-1", "en", "Hello"));
  auto status = f.backlog().status();
  REQUIRE(status.ok());
  CHECK(status->engine == "apertium");
  CHECK(std::count(status->pairs.begin(), status->pairs.end(), Pair{tag("es"), tag("en")}) == 1);
  REQUIRE(status->routes.size() == 3);
  CHECK(status->routes[0].source == tag("de"));
  CHECK_FALSE(status->routes[0].route);
  CHECK(status->routes[0].articles == 1);
  CHECK(status->routes[1].source == tag("es"));
  CHECK(status->routes[1].label == "apertium");
  CHECK(status->routes[1].articles == 2);
  CHECK(status->routes[1].due == 2);
  CHECK(status->routes[2].source == tag("pt"));
  CHECK(status->routes[2].label == "apertium:pt>ca>en");
  CHECK(status->routes[2].due == 1);
  CHECK(status->plan.size() == 3);
  CHECK(status->plan.unreachable == std::vector<Pair>{{tag("de"), tag("en")}});
  CHECK(status->failures.empty());
}

TEST_CASE("With parallel 2, two items are translated at once, each on its own connection",
          "[translate][backlog][parallel]") {
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Fixture f(engine);
  f.options.parallel = 2;
  for (int i = 0; i < 6; ++i) f.put(article(std::to_string(i), "es", "Hola " + std::to_string(i)));
  // The first text to arrive waits until a second one is in the engine at the same
  // time (bounded: a backlog working one item at a time never gets there).
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0;
  bool together = false;
  engine->before_translate = [&] {
    std::unique_lock lock(mu);
    ++inside;
    cv.notify_all();
    if (cv.wait_for(lock, std::chrono::seconds(10), [&] { return inside >= 2; })) together = true;
  };
  Tally tally;
  PassReport report = f.run(tally);
  engine->before_translate = nullptr;  // the pass is over: no thread calls it any more
  CHECK(together);
  CHECK(report.translated == 6);
  CHECK(tally.results.size() == 6);
  for (int i = 0; i < 6; ++i)
    CHECK(f.translation(article(std::to_string(i), "es", ""), "en")->title ==
          "Hola " + std::to_string(i) + " [es>en]");
}
