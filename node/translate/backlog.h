// The translation backlog (docs/translation.md, "The backlog"): every live article
// gets a machine translation into each of the node's languages other than its own,
// through the translation memory.
//
// Pending work is read from the catalogue each time (TranslationStore::pending), so
// a Backlog keeps no state of its own: a restart, a second process (`sicnode
// translate` beside `sicnode serve`) or an article arriving in the middle of a pass
// changes nothing but what the next plan finds.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "feeds/crypto/signer.h"
#include "feeds/feeds.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/translations.h"
#include "node/translate/engine/engine.h"
#include "node/translate/engines.h"
#include "node/translate/memory.h"
#include "node/translate/route.h"
#include "sync/http_client/backoff.h"

namespace sic::translate {

struct BacklogOptions {
  std::vector<LanguageTag> languages;  // the node's languages: the targets
  SanitizeOptions sanitize;            // for translated bodies
  // The wait after a failed translation, doubling with each failure of the same
  // version of the article (with jitter), up to the cap.
  fetch::BackoffPolicy retry{std::chrono::seconds(60), std::chrono::hours(6), 0.2};
  bool ignore_backoff = false;  // also translate what is waiting after failures
  // Signs each translation as this node, its translator (docs/merge.md); nullptr:
  // stored unsigned.
  std::shared_ptr<const crypto::Signer> signer;
  // How many items a pass translates at once, each on its own thread with its own
  // catalogue connection (docs/performance.md, "Translation throughput"). 1 or more.
  std::size_t parallel = 1;
};

// One translation to make: an article into one of the node's languages.
struct WorkItem {
  PendingTranslation pending;
  LanguageTag target;  // the node's language, as configured
  Route route;
  std::string label;  // the engine label the translation will carry
};

// What a pass will do, read from the catalogue and the engine's pairs.
struct Plan {
  std::vector<WorkItem> due;      // to translate now; newest articles first, per language
  std::vector<WorkItem> waiting;  // backing off after failures (next_attempt in the future)
  // The engines' direct pairs the plan was made with.
  std::vector<Step> steps;
  // (source, target) combinations without a route, primary subtags; a source
  // without a language is "und". Sorted, without duplicates.
  std::vector<Pair> unreachable;
  // Per source language (primary subtag, or "und"): the live articles that stay
  // untranslated into at least one of the node's languages for want of a route.
  std::map<std::string, std::int64_t> unreachable_articles;
  // Translations received from peers that are kept because this node has no route.
  std::size_t from_peers = 0;

  std::size_t size() const { return due.size() + waiting.size(); }  // the backlog
  // The earliest next_attempt among `waiting`; nullopt when none waits.
  std::optional<TimePoint> next_retry() const;
};

enum class ItemOutcome {
  kTranslated,  // stored
  kFailed,      // the engine failed: recorded with its back-off, nothing stored
  kSkipped,     // the article changed, went away or got a human translation meanwhile
  kSent,        // sent to an asynchronous engine: its callback brings it back later
};
const char* to_string(ItemOutcome outcome);  // "translated", "failed", "skipped", "sent"

struct ItemResult {
  WorkItem item;
  ItemOutcome outcome = ItemOutcome::kSkipped;
  std::string error;  // kFailed: the engine's error; kSkipped: why
  int failures = 0;   // kFailed: consecutive failures at this version, this one included
  // kFailed: when it will be tried again; kSent: when to ask again at the latest.
  std::optional<TimePoint> next_attempt;
};

// Told about a pass as it goes (metrics, progress bars); the defaults do nothing. With
// BacklogOptions::parallel above 1 the calls come from several threads, one at a time.
class BacklogObserver : public MemoryObserver {
 public:
  virtual void planned(const Plan& /*plan*/) {}
  virtual void finished(const ItemResult& /*result*/) {}
};

struct PassReport {
  Plan plan;
  std::size_t translated = 0, failed = 0, skipped = 0, sent = 0;
  bool stopped = false;  // stop() asked to end before every due item was done
  // The earliest time an item of the backlog waits for: the plan's waiting items,
  // the failures of this pass and the items sent to asynchronous engines. nullopt when
  // nothing waits.
  std::optional<TimePoint> next_retry;
};

// Routes and counts for `sicnode translate --status`.
struct RouteStatus {
  LanguageTag source;          // primary subtag; empty for articles without a language
  LanguageTag target;          // one of the node's languages
  std::int64_t articles = 0;   // live articles in that source language
  std::optional<Route> route;  // nullopt: unreachable
  std::string label;           // the engine label of the route, "" when unreachable
  std::size_t due = 0, waiting = 0;
};

struct BacklogStatus {
  std::string engine;               // the engines' names, in order ("apertium, etranslation")
  std::vector<Pair> pairs;          // the engines' direct pairs, without duplicates
  std::vector<RouteStatus> routes;  // per source language seen × node language
  Plan plan;
  std::vector<TranslationFailure> failures;  // recorded failures of current versions
};

class Backlog {
 public:
  // Borrows all three; they must outlive the Backlog. Not thread-safe (one thread
  // uses a Backlog, with its own catalogue connection; run() opens more connections
  // to the same file for its parallel items).
  Backlog(EngineSet& engines, Catalogue& catalogue, BacklogOptions options,
          const Clock& clock = system_clock());
  ~Backlog();

  // Reads the pending translations into every node language and sorts them into
  // due, waiting and unreachable. A machine translation received from a peer is
  // redone when this node has a route; without one it is kept. Records the routes
  // in the catalogue (TranslationStore::set_machine_routes) for the merge of peers'
  // translations. Error when an engine cannot list its pairs or the catalogue fails.
  Result<Plan> plan();

  // Translates one item through the memory and stores it in one transaction, after
  // checking that the article is still the version planned and has no human
  // translation into that language. On an engine's failure records it (the next
  // attempt waits per options.retry) and stores nothing; a failure while `stopping`
  // returns true is not recorded (the node's shutdown cancelled it). An item waiting
  // for an asynchronous engine is kSent: nothing is stored or recorded.
  ItemResult work(const WorkItem& item, MemoryObserver& observer,
                  const std::function<bool()>& stopping = {});

  // plan(), then work() on every due item, options.parallel at a time, until `stop`
  // returns true (checked between items). Error only when the plan cannot be made.
  Result<PassReport> run(BacklogObserver& observer, const std::function<bool()>& stop = {});

  // The routes, the plan and the recorded failures.
  Result<BacklogStatus> status();

 private:
  ItemResult work_on(Catalogue& catalogue, const WorkItem& item, MemoryObserver& observer,
                     const std::function<bool()>& stopping);
  Result<bool> store(Catalogue& catalogue, const WorkItem& item, const Translation& translation,
                     std::string& why);
  Status record_routes(const std::vector<Step>& steps);
  // Up to `count` connections for parallel items: catalogue_ and extra ones.
  std::vector<Catalogue*> connections(std::size_t count);
  double random();

  EngineSet& engines_;
  Catalogue& catalogue_;
  BacklogOptions options_;
  const Clock& clock_;
  std::mutex random_mu_;
  fetch::UnitRandom random_;                       // guarded by random_mu_
  std::vector<std::unique_ptr<Catalogue>> extra_;  // connections for parallel items
};

}  // namespace sic::translate
