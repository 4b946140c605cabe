#include "node/translate/backlog.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <set>
#include <thread>

#include "node/catalogue/articles.h"

namespace sic::translate {
namespace {

// "und" (undetermined) stands for articles without a language in reports.
LanguageTag source_of(const LanguageTag& lang) {
  return lang.empty() ? LanguageTag::parse("und").value() : primary_language(lang);
}

// Takes one item of each language in turn, so that a new article gains all its
// languages together rather than one language's whole backlog first.
std::vector<WorkItem> interleave(std::vector<std::vector<WorkItem>> lists) {
  std::vector<WorkItem> out;
  for (std::size_t i = 0;; ++i) {
    bool any = false;
    for (auto& list : lists) {
      if (i >= list.size()) continue;
      out.push_back(std::move(list[i]));
      any = true;
    }
    if (!any) return out;
  }
}

// Every (source, target) the steps reach, for the node's languages as targets.
MachineRoutes routes_into(const std::vector<Step>& steps, const std::vector<LanguageTag>& targets) {
  std::set<LanguageTag> languages;
  for (const Step& s : steps) languages.insert({s.pair.from, s.pair.to});
  MachineRoutes routes;
  for (const LanguageTag& target : targets)
    for (const LanguageTag& source : languages)
      if (find_route(steps, source, target)) routes.insert({source.str(), target.str()});
  return routes;
}

// Serializes a pass's observer calls from its parallel items.
class LockedObserver final : public BacklogObserver {
 public:
  explicit LockedObserver(BacklogObserver& inner) : inner_(inner) {}
  void engine_called(const std::string& engine, const Pair& step) override {
    std::lock_guard lock(mu_);
    inner_.engine_called(engine, step);
  }
  void memory_hit() override {
    std::lock_guard lock(mu_);
    inner_.memory_hit();
  }
  void finished(const ItemResult& result) override {
    std::lock_guard lock(mu_);
    inner_.finished(result);
  }

 private:
  BacklogObserver& inner_;
  std::mutex mu_;
};

void tally(PassReport& report, const ItemResult& result) {
  switch (result.outcome) {
    case ItemOutcome::kTranslated:
      ++report.translated;
      return;
    case ItemOutcome::kSkipped:
      ++report.skipped;
      return;
    case ItemOutcome::kFailed:
      ++report.failed;
      break;
    case ItemOutcome::kSent:
      ++report.sent;
      break;
  }
  if (result.next_attempt && (!report.next_retry || *result.next_attempt < *report.next_retry))
    report.next_retry = result.next_attempt;
}

bool same_version(const std::optional<StoredArticle>& stored, const std::string& hash) {
  return stored && !stored->deleted && stored->content_hash == hash;
}

}  // namespace

std::optional<TimePoint> Plan::next_retry() const {
  std::optional<TimePoint> earliest;
  for (const auto& item : waiting)
    if (item.pending.next_attempt && (!earliest || *item.pending.next_attempt < *earliest))
      earliest = item.pending.next_attempt;
  return earliest;
}

const char* to_string(ItemOutcome outcome) {
  static constexpr const char* kNames[] = {"translated", "failed", "skipped", "sent"};
  static_assert(std::size(kNames) == std::size_t(ItemOutcome::kSent) + 1);
  return kNames[std::size_t(outcome)];
}

Backlog::Backlog(EngineSet& engines, Catalogue& catalogue, BacklogOptions options,
                 const Clock& clock)
    : engines_(engines),
      catalogue_(catalogue),
      options_(std::move(options)),
      clock_(clock),
      random_(fetch::system_unit_random()) {}

Backlog::~Backlog() = default;

double Backlog::random() {
  std::lock_guard lock(random_mu_);
  return random_();
}

Status Backlog::record_routes(const std::vector<Step>& steps) {
  MachineRoutes routes = routes_into(steps, options_.languages);
  auto recorded = catalogue_.translations().machine_routes();
  if (!recorded.ok()) return recorded.error();
  if (*recorded == routes) return Status::Ok();
  return catalogue_.translations().set_machine_routes(routes);
}

Result<Plan> Backlog::plan() {
  auto steps = engines_.steps();
  if (!steps.ok()) return steps.error();
  if (Status st = record_routes(*steps); !st.ok()) return st.error();
  const std::vector<std::string> names = engines_.names();
  Plan plan;
  plan.steps = *steps;
  std::set<Pair> unreachable;
  std::map<std::string, std::set<std::string>> untranslated;  // source → article ids
  std::vector<std::vector<WorkItem>> due, waiting;
  const TimePoint now = clock_.now();
  for (const LanguageTag& target : options_.languages) {
    auto pending = catalogue_.translations().pending(target);
    if (!pending.ok()) return pending.error();
    due.emplace_back();
    waiting.emplace_back();
    for (auto& p : *pending) {
      auto route = find_route(*steps, p.source_lang, target);
      if (!route && p.from_peer) {
        ++plan.from_peers;  // the peer's translation is all this node can offer
      } else if (!route) {
        LanguageTag source = source_of(p.source_lang);
        unreachable.insert({source, primary_language(target)});
        untranslated[source.str()].insert(p.article.str());
      } else {
        bool waits = !options_.ignore_backoff && p.next_attempt && *p.next_attempt > now;
        WorkItem item{std::move(p), target, *route, route_label(names, *route)};
        (waits ? waiting : due).back().push_back(std::move(item));
      }
    }
  }
  plan.due = interleave(std::move(due));
  plan.waiting = interleave(std::move(waiting));
  plan.unreachable.assign(unreachable.begin(), unreachable.end());
  for (const auto& [source, ids] : untranslated)
    plan.unreachable_articles[source] = std::int64_t(ids.size());
  return plan;
}

ItemResult Backlog::work(const WorkItem& item, MemoryObserver& observer,
                         const std::function<bool()>& stopping) {
  return work_on(catalogue_, item, observer, stopping);
}

ItemResult Backlog::work_on(Catalogue& cat, const WorkItem& item, MemoryObserver& observer,
                            const std::function<bool()>& stopping) {
  ItemResult result{item};
  auto fail = [&](const std::string& error, bool record) {
    result.outcome = ItemOutcome::kFailed;
    result.error = error;
    result.failures = item.pending.failures + 1;
    if (!record) return result;
    TimePoint next = clock_.now() + fetch::failure_delay(result.failures, options_.retry, random());
    auto count = cat.translations().record_failure(item.pending.article, item.target,
                                                   item.pending.content_hash, error, next);
    if (count.ok()) result.failures = *count;
    result.next_attempt = next;
    return result;
  };
  auto found = cat.articles().find(item.pending.article, false);
  if (!found.ok()) return fail(found.error().message, false);
  if (!same_version(*found, item.pending.content_hash)) {
    result.error = "the article changed or was deleted before it was translated";
    return result;
  }
  auto translation = translate_article(engines_, cat, (*found)->article, item.target, item.route,
                                       clock_.now(), options_.sanitize, observer);
  if (!translation.ok()) return fail(translation.error().message, !(stopping && stopping()));
  if (const TimePoint* until = std::get_if<TimePoint>(&*translation)) {
    result.outcome = ItemOutcome::kSent;
    result.next_attempt = *until;
    return result;
  }
  auto stored = store(cat, item, std::get<Translation>(*translation), result.error);
  if (!stored.ok()) return fail(stored.error().message, false);
  if (*stored) result.outcome = ItemOutcome::kTranslated;
  return result;
}

Result<bool> Backlog::store(Catalogue& cat, const WorkItem& item, const Translation& translation,
                            std::string& why) {
  bool stored = false;
  const Iri& id = item.pending.article;
  Status st = cat.transaction([&]() -> Status {
    auto found = cat.articles().find(id, false);
    if (!found.ok()) return found.error();
    if (!same_version(*found, item.pending.content_hash)) {
      why = "the article changed or was deleted while it was translated";
      return Status::Ok();
    }
    auto existing = cat.translations().find(id, item.target);
    if (!existing.ok()) return existing.error();
    if (*existing && (*existing)->kind == TranslationKind::kHuman) {
      why = "a human translation arrived while it was translated";
      return Status::Ok();
    }
    Translation signed_translation = translation;
    if (options_.signer) crypto::sign(*options_.signer, id, signed_translation);
    if (Status put = cat.translations().put(id, signed_translation); !put.ok()) return put;
    stored = true;
    return cat.translations().clear_failures(id, item.target);
  });
  if (!st.ok()) return st.error();
  return stored;
}

std::vector<Catalogue*> Backlog::connections(std::size_t count) {
  while (extra_.size() + 1 < count) {
    auto opened = Catalogue::open(catalogue_.path(), clock_);
    if (!opened.ok()) break;  // fewer items at once
    extra_.push_back(std::move(*opened));
  }
  std::vector<Catalogue*> out{&catalogue_};
  for (std::size_t i = 0; i + 1 < count && i < extra_.size(); ++i) out.push_back(extra_[i].get());
  return out;
}

Result<PassReport> Backlog::run(BacklogObserver& observer, const std::function<bool()>& stop) {
  auto plan = this->plan();
  if (!plan.ok()) return plan.error();
  PassReport report{std::move(*plan)};
  report.next_retry = report.plan.next_retry();
  observer.planned(report.plan);
  LockedObserver locked(observer);
  std::mutex report_mu;
  std::atomic<std::size_t> next{0};
  auto items = [&](Catalogue* cat) {
    while (true) {
      if (stop && stop()) {
        std::lock_guard lock(report_mu);
        report.stopped = next < report.plan.due.size();
        return;
      }
      std::size_t i = next++;
      if (i >= report.plan.due.size()) return;
      ItemResult result = work_on(*cat, report.plan.due[i], locked, stop);
      {
        std::lock_guard lock(report_mu);
        tally(report, result);
      }
      locked.finished(result);
    }
  };
  std::size_t wanted =
      std::min(std::max<std::size_t>(options_.parallel, 1), report.plan.due.size());
  std::vector<Catalogue*> cats = connections(std::max<std::size_t>(wanted, 1));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < cats.size(); ++t) threads.emplace_back(items, cats[t]);
  items(cats.front());
  for (auto& thread : threads) thread.join();
  return report;
}

namespace {

std::vector<Pair> unique_pairs(const std::vector<Step>& steps) {
  std::set<Pair> pairs;
  for (const Step& s : steps) pairs.insert(s.pair);
  return {pairs.begin(), pairs.end()};
}

}  // namespace

Result<BacklogStatus> Backlog::status() {
  BacklogStatus status;
  status.engine = engines_.description();
  auto plan = this->plan();
  if (!plan.ok()) return plan.error();
  status.plan = std::move(*plan);
  status.pairs = unique_pairs(status.plan.steps);
  auto counts = catalogue_.articles().counts();
  if (!counts.ok()) return counts.error();
  std::map<std::string, std::int64_t> by_source;  // primary subtag ("" none) → articles
  for (const auto& c : *counts) {
    auto lang = LanguageTag::parse(c.lang);
    by_source[lang.ok() ? lang->primary() : ""] += c.articles;
  }
  const std::vector<std::string> names = engines_.names();
  for (const auto& [primary, articles] : by_source) {
    LanguageTag source = primary.empty() ? LanguageTag() : LanguageTag::parse(primary).value();
    for (const LanguageTag& target : options_.languages) {
      if (primary == target.primary()) continue;
      RouteStatus r{source, target, articles, find_route(status.plan.steps, source, target)};
      if (r.route) r.label = route_label(names, *r.route);
      auto matches = [&](const WorkItem& i) {
        return i.target == target && i.pending.source_lang.primary() == primary;
      };
      r.due = std::size_t(std::count_if(status.plan.due.begin(), status.plan.due.end(), matches));
      r.waiting = std::size_t(
          std::count_if(status.plan.waiting.begin(), status.plan.waiting.end(), matches));
      status.routes.push_back(std::move(r));
    }
  }
  auto failures = catalogue_.translations().failures();
  if (!failures.ok()) return failures.error();
  status.failures = std::move(*failures);
  return status;
}

}  // namespace sic::translate
