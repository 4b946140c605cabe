#include "node/translate/backlog.h"

#include <algorithm>
#include <iterator>
#include <set>

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

// Every (source, target) the pairs reach, for the node's languages as targets.
MachineRoutes routes_into(const std::vector<Pair>& pairs, const std::vector<LanguageTag>& targets) {
  std::set<LanguageTag> languages;
  for (const Pair& p : pairs) languages.insert({primary_language(p.from), primary_language(p.to)});
  MachineRoutes routes;
  for (const LanguageTag& target : targets)
    for (const LanguageTag& source : languages)
      if (find_route(pairs, source, target)) routes.insert({source.str(), target.str()});
  return routes;
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
  static constexpr const char* kNames[] = {"translated", "failed", "skipped"};
  static_assert(std::size(kNames) == std::size_t(ItemOutcome::kSkipped) + 1);
  return kNames[std::size_t(outcome)];
}

Backlog::Backlog(Engine& engine, Catalogue& catalogue, BacklogOptions options, const Clock& clock)
    : engine_(engine),
      catalogue_(catalogue),
      options_(std::move(options)),
      clock_(clock),
      random_(fetch::system_unit_random()) {}

Status Backlog::record_routes(const std::vector<Pair>& pairs) {
  MachineRoutes routes = routes_into(pairs, options_.languages);
  auto recorded = catalogue_.translations().machine_routes();
  if (!recorded.ok()) return recorded.error();
  if (*recorded == routes) return Status::Ok();
  return catalogue_.translations().set_machine_routes(routes);
}

Result<Plan> Backlog::plan() {
  auto pairs = engine_.pairs();
  if (!pairs.ok()) return pairs.error();
  if (Status st = record_routes(*pairs); !st.ok()) return st.error();
  Plan plan;
  std::set<Pair> unreachable;
  std::map<std::string, std::set<std::string>> untranslated;  // source → article ids
  std::vector<std::vector<WorkItem>> due, waiting;
  const TimePoint now = clock_.now();
  for (const LanguageTag& target : options_.languages) {
    auto pending = catalogue_.translations().pending(target, options_.languages);
    if (!pending.ok()) return pending.error();
    due.emplace_back();
    waiting.emplace_back();
    for (auto& p : *pending) {
      auto route = find_route(*pairs, p.source_lang, target);
      if (!route && p.from_peer) {
        ++plan.from_peers;  // the peer's translation is all this node can offer
      } else if (!route) {
        LanguageTag source = source_of(p.source_lang);
        unreachable.insert({source, primary_language(target)});
        untranslated[source.str()].insert(p.article.str());
      } else {
        bool waits = !options_.ignore_backoff && p.next_attempt && *p.next_attempt > now;
        WorkItem item{std::move(p), target, *route, engine_label(engine_.name(), *route)};
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
  ItemResult result{item};
  auto fail = [&](const std::string& error, bool record) {
    result.outcome = ItemOutcome::kFailed;
    result.error = error;
    result.failures = item.pending.failures + 1;
    if (!record) return result;
    TimePoint next =
        clock_.now() + fetch::failure_delay(result.failures, options_.retry, random_());
    auto count = catalogue_.translations().record_failure(item.pending.article, item.target,
                                                          item.pending.content_hash, error, next);
    if (count.ok()) result.failures = *count;
    result.next_attempt = next;
    return result;
  };
  auto found = catalogue_.articles().find(item.pending.article, false);
  if (!found.ok()) return fail(found.error().message, false);
  if (!same_version(*found, item.pending.content_hash)) {
    result.error = "the article changed or was deleted before it was translated";
    return result;
  }
  auto translation =
      translate_article(engine_, catalogue_.translations(), (*found)->article, item.target,
                        item.route, clock_.now(), options_.sanitize, observer);
  if (!translation.ok()) return fail(translation.error().message, !(stopping && stopping()));
  auto stored = store(item, *translation, result.error);
  if (!stored.ok()) return fail(stored.error().message, false);
  if (*stored) result.outcome = ItemOutcome::kTranslated;
  return result;
}

Result<bool> Backlog::store(const WorkItem& item, const Translation& translation,
                            std::string& why) {
  bool stored = false;
  const Iri& id = item.pending.article;
  Status st = catalogue_.transaction([&]() -> Status {
    auto found = catalogue_.articles().find(id, false);
    if (!found.ok()) return found.error();
    if (!same_version(*found, item.pending.content_hash)) {
      why = "the article changed or was deleted while it was translated";
      return Status::Ok();
    }
    auto existing = catalogue_.translations().find(id, item.target);
    if (!existing.ok()) return existing.error();
    if (*existing && (*existing)->kind == TranslationKind::kHuman) {
      why = "a human translation arrived while it was translated";
      return Status::Ok();
    }
    if (Status put = catalogue_.translations().put(id, translation); !put.ok()) return put;
    stored = true;
    return catalogue_.translations().clear_failures(id, item.target);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<PassReport> Backlog::run(BacklogObserver& observer, const std::function<bool()>& stop) {
  auto plan = this->plan();
  if (!plan.ok()) return plan.error();
  PassReport report{std::move(*plan)};
  report.next_retry = report.plan.next_retry();
  observer.planned(report.plan);
  for (const WorkItem& item : report.plan.due) {
    if (stop && stop()) {
      report.stopped = true;
      break;
    }
    ItemResult result = work(item, observer, stop);
    switch (result.outcome) {
      case ItemOutcome::kTranslated:
        ++report.translated;
        break;
      case ItemOutcome::kFailed:
        ++report.failed;
        if (result.next_attempt &&
            (!report.next_retry || *result.next_attempt < *report.next_retry))
          report.next_retry = result.next_attempt;
        break;
      case ItemOutcome::kSkipped:
        ++report.skipped;
        break;
    }
    observer.finished(result);
  }
  return report;
}

Result<BacklogStatus> Backlog::status() {
  BacklogStatus status;
  status.engine = engine_.name();
  auto pairs = engine_.pairs();
  if (!pairs.ok()) return pairs.error();
  status.pairs = *pairs;
  auto plan = this->plan();
  if (!plan.ok()) return plan.error();
  status.plan = std::move(*plan);
  auto counts = catalogue_.articles().counts();
  if (!counts.ok()) return counts.error();
  std::map<std::string, std::int64_t> by_source;  // primary subtag ("" none) → articles
  for (const auto& c : *counts) {
    auto lang = LanguageTag::parse(c.lang);
    std::string primary = lang.ok() ? lang->primary() : "";
    bool own = std::any_of(options_.languages.begin(), options_.languages.end(),
                           [&](const LanguageTag& l) { return l.primary() == primary; });
    if (!own) by_source[primary] += c.articles;
  }
  for (const auto& [primary, articles] : by_source) {
    LanguageTag source = primary.empty() ? LanguageTag() : LanguageTag::parse(primary).value();
    for (const LanguageTag& target : options_.languages) {
      RouteStatus r{source, target, articles, find_route(*pairs, source, target)};
      if (r.route) r.label = engine_label(status.engine, *r.route);
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
