// The background worker: a real catalogue written by another connection, the real
// Apertium engine, and stops that do not wait for the backlog.
#include "node/translate/worker.h"

#include <catch2/catch.hpp>
#include <thread>

#include "node/catalogue/articles.h"
#include "tests/node/translate/support/engines.h"
#include "tests/support/catalogue_dir.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::translate;
using sic::test::poll_for;
using sic::testing::CatalogueDir;

namespace {

using namespace std::chrono_literals;

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

// A clock the test moves while the worker reads it.
class SharedClock final : public Clock {
 public:
  TimePoint now() const override { return from_unix(now_.load()); }
  void advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<std::int64_t> now_{1795881845};
};

struct Counting : BacklogObserver {
  std::atomic<int> passes{0}, translated{0}, failed{0};
  void planned(const Plan&) override { ++passes; }
  void finished(const ItemResult& r) override {
    if (r.outcome == ItemOutcome::kTranslated) ++translated;
    if (r.outcome == ItemOutcome::kFailed) ++failed;
  }
};

WorkerOptions options_for(const CatalogueDir& dir) {
  WorkerOptions options;
  options.catalogue_path = dir.file();
  options.backlog.languages = {tag("en")};
  options.poll = 20ms;
  return options;
}

Article spanish(const std::string& suffix, const std::string& title) {
  Article a = sic::testing::make_article(suffix);
  a.lang = tag("es");
  a.title = title;
  return a;
}

bool has_translation(Catalogue& cat, const Article& a) {
  auto t = cat.translations().find(a.id, tag("en"));
  return t.ok() && t->has_value();
}

}  // namespace

TEST_CASE("The worker translates articles stored by another connection as they arrive",
          "[translate][worker][apertium]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article first = spanish("1", "El perro come manzanas");
  REQUIRE(cat->articles().put(first).ok());
  Counting observer;
  auto worker =
      Worker::start(EngineSet::of(sic::testing::shared_apertium()), options_for(dir), observer);
  REQUIRE(worker.ok());
  CHECK(poll_for(20s, [&] { return has_translation(*cat, first); }));

  Article second = spanish("2", "El gato come peras");
  REQUIRE(cat->articles().put(second).ok());
  REQUIRE(poll_for(20s, [&] { return has_translation(*cat, second); }));
  CHECK(cat->translations().find(second.id, tag("en")).value()->title == "The cat eats pears");
  CHECK(observer.translated == 2);
  (*worker)->stop();
  int passes = observer.passes;
  (*worker)->stop();  // idempotent
  CHECK(observer.passes == passes);
}

TEST_CASE("The worker is idle while nothing changes", "[translate][worker]") {
  CatalogueDir dir;
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  Counting observer;
  auto worker = Worker::start(EngineSet::of(engine), options_for(dir), observer);
  REQUIRE(worker.ok());
  REQUIRE(poll_for(10s, [&] { return observer.passes >= 1; }));
  // Not waiting for something but checking that nothing happens: twenty polls later
  // there has been no other pass, since the catalogue's version did not move.
  std::this_thread::sleep_for(400ms);
  CHECK(observer.passes == 1);
  (*worker)->notify();
  CHECK(poll_for(10s, [&] { return observer.passes == 2; }));
}

TEST_CASE("The worker tries a failed translation again when its back-off ends",
          "[translate][worker][failures]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = spanish("1", "Hola");
  REQUIRE(cat->articles().put(a).ok());
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  engine->fail_next(3);  // the title, three times
  SharedClock clock;
  WorkerOptions options = options_for(dir);
  options.clock = &clock;  // the back-off is measured on this clock
  options.backlog.retry = {1s, 1s, 0};
  std::vector<std::string> lines;
  std::mutex lines_mutex;
  options.log = [&](log::Level, const std::string& line) {
    std::lock_guard lock(lines_mutex);
    lines.push_back(line);
  };
  Counting observer;
  auto worker = Worker::start(EngineSet::of(engine), options, observer);
  REQUIRE(worker.ok());
  for (int failure = 1; failure <= 3; ++failure) {
    REQUIRE(poll_for(10s, [&] { return observer.failed == failure; }));
    CHECK_FALSE(has_translation(*cat, a));
    clock.advance(1s);
  }
  REQUIRE(poll_for(10s, [&] { return has_translation(*cat, a); }));
  CHECK(cat->translations().find(a.id, tag("en")).value()->title == "Hola [es>en]");
  (*worker)->stop();
  std::lock_guard lock(lines_mutex);
  REQUIRE(lines.size() >= 4);
  CHECK(lines.front() == "translate: 0 translated, 1 failed; backlog 1");
  CHECK(lines.back() == "translate: 1 translated; backlog 0");
}

TEST_CASE("An engine that cannot list its pairs is asked again later", "[translate][worker]") {
  CatalogueDir dir;
  auto cat = dir.open();
  Article a = spanish("1", "Hola");
  REQUIRE(cat->articles().put(a).ok());
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  engine->pairs_fail = true;
  SharedClock clock;
  WorkerOptions options = options_for(dir);
  options.clock = &clock;
  options.engine_retry = 30s;
  std::atomic<int> errors{0};
  options.log = [&](log::Level, const std::string& line) {
    if (line == "translate: scripted: cannot list the pairs") ++errors;
  };
  Counting observer;
  auto worker = Worker::start(EngineSet::of(engine), options, observer);
  REQUIRE(worker.ok());
  REQUIRE(poll_for(10s, [&] { return errors == 1; }));
  engine->pairs_fail = false;
  clock.advance(30s);
  CHECK(poll_for(10s, [&] { return has_translation(*cat, a); }));
  CHECK(errors == 1);
}

TEST_CASE("Stopping the worker ends its pass after the text in flight", "[translate][worker]") {
  CatalogueDir dir;
  auto cat = dir.open();
  for (int i = 0; i < 50; ++i)
    REQUIRE(cat->articles().put(spanish(std::to_string(i), "Hola " + std::to_string(i))).ok());
  auto engine = std::make_shared<sic::testing::ScriptedEngine>();
  engine->before_translate = [] { std::this_thread::sleep_for(20ms); };
  Counting observer;
  auto worker = Worker::start(EngineSet::of(engine), options_for(dir), observer);
  REQUIRE(worker.ok());
  REQUIRE(poll_for(10s, [&] { return observer.translated >= 1; }));
  (*worker)->stop();
  int done = observer.translated;
  CHECK(done < 50);
  // Three calls for the first article, then only its title for each (the summary and
  // body are the same and come from the memory): no article was left half-done.
  CHECK(engine->calls() == done + 2);
}
