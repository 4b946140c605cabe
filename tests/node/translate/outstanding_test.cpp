// Requests to asynchronous engines through the backlog, with a real catalogue and a
// scripted asynchronous engine whose service is the test (the eTranslation engine
// against its local stand-in is in remote/etranslation_test.cpp).
#include "node/translate/outstanding.h"

#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "node/catalogue/translation_requests.h"
#include "node/catalogue/translations.h"
#include "node/translate/backlog.h"
#include "tests/node/translate/support/engines.h"
#include "tests/support/catalogue_dir.h"

using namespace sic;
using namespace sic::translate;
using sic::testing::CatalogueDir;
using sic::testing::ScriptedAsyncEngine;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

Article german(const std::string& suffix, std::string title, std::string summary = "",
               std::string body = "") {
  Article a = sic::testing::make_article(suffix);
  a.lang = tag("de");
  a.title = std::move(title);
  a.summary = std::move(summary);
  a.content_html = std::move(body);
  return a;
}

struct Tally : BacklogObserver {
  int calls = 0, hits = 0;
  std::vector<ItemResult> results;
  void engine_called(const std::string&, const Pair&) override { ++calls; }
  void memory_hit() override { ++hits; }
  void finished(const ItemResult& r) override { results.push_back(r); }
};

AsyncEngine::Settings settings(std::size_t max_outstanding = 100) {
  return {"https://sic.example.eu", std::chrono::seconds(600), max_outstanding};
}

struct Fixture {
  CatalogueDir dir;
  std::unique_ptr<Catalogue> cat = dir.open();
  std::shared_ptr<ScriptedAsyncEngine> async;
  std::shared_ptr<EngineSet> engines;
  BacklogOptions options;

  explicit Fixture(std::size_t max_outstanding = 100,
                   std::vector<std::shared_ptr<Engine>> before = {})
      : async(std::make_shared<ScriptedAsyncEngine>(settings(max_outstanding))) {
    std::vector<EngineSet::Member> members;
    for (auto& e : before) members.push_back({e, {}});
    members.push_back({async, {}});
    engines = std::make_shared<EngineSet>(std::move(members));
    options.languages = {tag("en")};
    options.retry.jitter = 0;
  }
  PassReport run(Tally& tally) {
    Backlog backlog(*engines, *cat, options, dir.clock);
    auto report = backlog.run(tally);
    if (!report.ok()) FAIL(report.error().message);
    return std::move(*report);
  }
  void put(const Article& a) { REQUIRE(cat->articles().put(a).ok()); }
  std::optional<Translation> translation(const Article& a, const char* lang) {
    return cat->translations().find(a.id, tag(lang)).value();
  }
  // The service answering request `sent` with a callback of `kind`.
  CallbackOutcome answer(const ScriptedAsyncEngine::Sent& sent, const std::string& kind,
                         const std::string& body, std::string secret = "") {
    Callback callback{kind, "text/plain", body, {}, {}};
    std::string detail;
    auto outcome = accept_callback(*engines, *cat, sent.reference,
                                   secret.empty() ? sent.secret : secret, callback, detail);
    REQUIRE(outcome.ok());
    return *outcome;
  }
  // Answers every request sent so far with "EN(text)".
  void answer_all() {
    for (const auto& s : async->sent()) answer(s, "text", "EN(" + s.text + ")");
  }
};

}  // namespace

TEST_CASE("Texts for an asynchronous engine go out once and the callbacks bring them back",
          "[translate][async]") {
  Fixture f;
  Article a = german("1", "Der Hund", "Kurz", "<p>Text</p>");
  f.put(a);
  Tally first;
  PassReport report = f.run(first);
  CHECK(report.sent == 1);
  CHECK(report.translated == 0);
  CHECK(first.calls == 3);  // title, summary, body: each sent
  auto sent = f.async->sent();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].text == "Der Hund");
  CHECK(sent[2].format == TextFormat::kHtml);
  CHECK(report.next_retry == f.dir.clock.now() + std::chrono::seconds(600));
  CHECK_FALSE(f.translation(a, "en"));
  CHECK(f.cat->translation_requests().open_requests().value().size() == 3);

  Tally waiting;  // nothing answered yet: nothing is sent again
  CHECK(f.run(waiting).sent == 1);
  CHECK(f.async->sent().size() == 3);

  const std::int64_t version = f.cat->version().value();
  f.answer_all();
  CHECK(f.cat->version().value() > version);  // wakes the backlog
  Tally done;
  CHECK(f.run(done).translated == 1);
  CHECK(done.hits == 3);
  CHECK(done.calls == 0);
  auto en = f.translation(a, "en");
  REQUIRE(en);
  CHECK(en->title == "EN(Der Hund)");
  CHECK(en->content_html == "EN(<p>Text</p>)");
  CHECK(en->engine == "async");
  CHECK(f.cat->translation_requests().open_requests().value().empty());
}

TEST_CASE("A duplicate or late callback changes nothing; a wrong secret or reference is refused",
          "[translate][async]") {
  Fixture f;
  f.put(german("1", "Der Hund"));
  Tally tally;
  f.run(tally);
  auto sent = f.async->sent();
  REQUIRE(sent.size() == 1);
  CHECK(f.answer(sent[0], "text", "wrong", std::string(32, '0')) == CallbackOutcome::kRefused);
  ScriptedAsyncEngine::Sent unknown = sent[0];
  unknown.reference = "999";
  CHECK(f.answer(unknown, "text", "x") == CallbackOutcome::kRefused);
  unknown.reference = "1; DROP";
  CHECK(f.answer(unknown, "text", "x") == CallbackOutcome::kRefused);
  CHECK(f.answer(sent[0], "bad-kind", "x") == CallbackOutcome::kMalformed);
  // None of these stored anything: the request still waits.
  CHECK(f.cat->translation_requests().open_requests().value().size() == 1);

  CHECK(f.answer(sent[0], "text", "The dog") == CallbackOutcome::kStored);
  CHECK(f.answer(sent[0], "text", "Another dog") == CallbackOutcome::kIgnored);
  CHECK(f.answer(sent[0], "error", "too late") == CallbackOutcome::kIgnored);
  Tally done;
  f.run(done);
  CHECK(f.cat->translations().find(sic::testing::make_article("1").id, tag("en")).value()->title ==
        "The dog");
}

TEST_CASE("An error callback fails that item only, under the backlog's retry rules",
          "[translate][async]") {
  Fixture f;
  Article bad = german("bad", "Kaputt");
  Article good = german("good", "Gut");
  f.put(bad);
  f.put(good);
  Tally tally;
  f.run(tally);
  for (const auto& s : f.async->sent())
    if (s.text == "Kaputt")
      CHECK(f.answer(s, "error", "-20028 concurrency quota exceeded") == CallbackOutcome::kFailed);
    else
      CHECK(f.answer(s, "text", "Good") == CallbackOutcome::kStored);
  Tally next;
  PassReport report = f.run(next);
  CHECK(report.translated == 1);
  CHECK(report.failed == 1);
  CHECK(f.translation(good, "en")->title == "Good");
  CHECK_FALSE(f.translation(bad, "en"));
  auto failures = f.cat->translations().failures().value();
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].last_error == "async: -20028 concurrency quota exceeded");
  CHECK(failures[0].next_attempt == f.dir.clock.now() + std::chrono::seconds(60));
  // After its back-off the text goes out again, as a new request.
  f.dir.clock.advance(std::chrono::seconds(60));
  Tally retry;
  CHECK(f.run(retry).sent == 1);
  CHECK(f.async->sent().size() == 3);
  CHECK(f.async->sent().back().text == "Kaputt");
  CHECK(f.async->sent().back().reference != f.async->sent().front().reference);
}

TEST_CASE("A request whose callback never comes is sent again after the timeout",
          "[translate][async]") {
  Fixture f;
  Article a = german("1", "Der Hund");
  f.put(a);
  Tally tally;
  f.run(tally);
  REQUIRE(f.async->sent().size() == 1);
  f.dir.clock.advance(std::chrono::seconds(601));
  Tally later;
  CHECK(f.run(later).sent == 1);
  auto sent = f.async->sent();
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].text == "Der Hund");
  // The first request's late callback changes nothing; the second's is stored.
  CHECK(f.answer(sent[0], "text", "Late dog") == CallbackOutcome::kIgnored);
  CHECK(f.answer(sent[1], "text", "The dog") == CallbackOutcome::kStored);
  Tally done;
  CHECK(f.run(done).translated == 1);
  CHECK(f.translation(a, "en")->title == "The dog");
}

TEST_CASE("At most max_outstanding requests are in flight", "[translate][async]") {
  Fixture f(2);
  Article a = german("1", "Titel", "Zusammenfassung", "<p>Text</p>");
  f.put(a);
  Tally tally;
  CHECK(f.run(tally).sent == 1);
  CHECK(f.async->sent().size() == 2);
  CHECK(f.cat->translation_requests().in_flight("async").value() == 2);
  f.answer_all();
  Tally next;
  CHECK(f.run(next).sent == 1);
  CHECK(f.async->sent().size() == 3);  // the third text, now that the first two came back
  CHECK(f.cat->translation_requests().in_flight("async").value() == 1);
  for (const auto& s : f.async->sent())
    if (s.format == TextFormat::kHtml) f.answer(s, "text", "<p>Text EN</p>");
  Tally done;
  CHECK(f.run(done).translated == 1);
  CHECK(f.translation(a, "en")->content_html == "<p>Text EN</p>");
}

TEST_CASE("Requests in flight survive a restart: new connections and engines accept callbacks",
          "[translate][async]") {
  auto before = std::make_unique<Fixture>();
  Article a = german("1", "Der Hund");
  before->put(a);
  Tally tally;
  before->run(tally);
  auto sent = before->async->sent();
  REQUIRE(sent.size() == 1);
  // "Restart": the same catalogue file, a new connection, engine and backlog.
  CatalogueDir& dir = before->dir;
  auto cat = dir.open();
  auto engine = std::make_shared<ScriptedAsyncEngine>(settings());
  EngineSet engines({{engine, {}}});
  BacklogOptions options;
  options.languages = {tag("en")};
  Backlog backlog(engines, *cat, options, dir.clock);
  Tally after;
  CHECK(backlog.run(after).value().sent == 1);
  CHECK(engine->sent().empty());  // not sent again: its request is still in flight
  std::string detail;
  Callback callback{"text", "text/plain", "The dog", {}, {}};
  CHECK(
      accept_callback(engines, *cat, sent[0].reference, sent[0].secret, callback, detail).value() ==
      CallbackOutcome::kStored);
  Tally done;
  CHECK(backlog.run(done).value().translated == 1);
  CHECK(cat->translations().find(a.id, tag("en")).value()->title == "The dog");
}

TEST_CASE("A refused submission is a failure and leaves no request behind", "[translate][async]") {
  Fixture f;
  f.put(german("1", "Der Hund"));
  f.async->fail_next(1);
  Tally tally;
  PassReport report = f.run(tally);
  CHECK(report.failed == 1);
  CHECK(tally.results.at(0).error == "async: refused");
  CHECK(f.cat->translation_requests().open_requests().value().empty());
}

TEST_CASE("A route may go through an offline engine, then an asynchronous one",
          "[translate][async][engines]") {
  // es>en by the scripted engine, en>de by the asynchronous one.
  Fixture f(100, {std::make_shared<sic::testing::ScriptedEngine>()});
  f.options.languages = {tag("de")};
  Article es = sic::testing::make_article("es");
  es.lang = tag("es");
  es.title = "Hola";
  es.summary = "";
  es.content_html = "";
  f.put(es);
  Tally tally;
  CHECK(f.run(tally).sent == 1);
  auto sent = f.async->sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].text == "Hola [es>en]");
  CHECK(sent[0].pair == Pair{tag("en"), tag("de")});
  f.answer(sent[0], "text", "Hallo");
  Tally done;
  CHECK(f.run(done).translated == 1);
  CHECK(done.hits == 2);  // both steps from the memory
  auto de = f.translation(es, "de");
  REQUIRE(de);
  CHECK(de->title == "Hallo");
  CHECK(de->engine == "scripted:es>en, async:en>de");
}
