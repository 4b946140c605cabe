#include "sync/round/learn.h"

#include <algorithm>
#include <set>

#include "feeds/feeds.h"
#include "node/catalogue/held.h"
#include "node/catalogue/origins.h"
#include "node/catalogue/peers.h"
#include "sync/trust/keys.h"

namespace sic::sync {
namespace {

constexpr std::size_t kHeldPerSigner = 5000;  // judged again per round, at most

struct Candidate {
  std::string signer;
  OriginRecord record;
  std::vector<std::string> bases;  // base URLs to read its key document from
  std::vector<std::size_t> requests;
};

// A signer's document is read again once next_check has passed; sooner when entries
// wait for its key and the last read succeeded (a rotation: the entries signed by the
// new key are held until it is read), or when the back-off is to be ignored.
bool due(const OriginRecord& r, bool awaited, TimePoint now, const LearnSettings& settings) {
  if (settings.ignore_backoff || !r.next_check || *r.next_check <= now) return true;
  return awaited && r.failures == 0;
}

// Where to read the signer's document: where it is bound (at the path its entries
// name, when they name one at that place), else the places its held entries name.
std::vector<std::string> bases_of(const OriginRecord& r, const std::vector<std::string>& named) {
  std::vector<std::string> out;
  for (const auto& url : named)
    if (!web_origin(url).empty() &&
        (r.base_url.empty() || web_origin(url) == web_origin(r.base_url)))
      if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(url);
  if (!r.base_url.empty() && out.empty()) out.push_back(r.base_url);
  if (!r.base_url.empty() && out.size() > 1) out.resize(1);
  return out;
}

Result<std::vector<Candidate>> candidates(Catalogue& cat, const LearnSettings& settings,
                                          const std::vector<KeyHint>& hints, TimePoint now) {
  auto awaited = cat.held().awaited();
  if (!awaited.ok()) return awaited.error();
  std::map<std::string, std::vector<std::string>> wanted;
  for (const auto& a : *awaited) wanted[a.signer] = a.urls;
  std::set<std::string> with_held;
  for (const auto& a : *awaited) with_held.insert(a.signer);
  for (const auto& h : hints) {
    auto keys = cat.origins().keys(h.signer);
    if (!keys.ok()) return keys.error();
    bool known =
        std::any_of(keys->begin(), keys->end(), [&](const OriginKey& k) { return k.key == h.key; });
    if (!known) wanted.try_emplace(h.signer);
  }
  std::vector<Candidate> out;
  for (auto& [signer, urls] : wanted) {
    if (signer == settings.own_node || !is_node_id(signer)) continue;
    auto found = cat.origins().find(signer);
    if (!found.ok()) return found.error();
    OriginRecord r = found->value_or(OriginRecord{.id = signer});
    if (r.kind == OriginKind::kPlain || !due(r, with_held.count(signer) > 0, now, settings))
      continue;
    auto bases = bases_of(r, urls);
    if (bases.empty()) continue;
    out.push_back({signer, std::move(r), std::move(bases), {}});
    if (out.size() == settings.max_signers) break;
  }
  return out;
}

std::chrono::seconds retry_delay(int failures, const LearnSettings& s) {
  auto delay = s.retry_initial;
  for (int i = 1; i < failures && delay < s.retry_max; ++i) delay *= 2;
  return std::min(delay, s.retry_max);
}

Status record_failure(Catalogue& cat, OriginRecord r, const std::string& error, TimePoint now,
                      const LearnSettings& settings, LearnReport& report) {
  ++r.failures;
  r.last_error = error;
  r.checked_at = now;
  r.next_check = now + retry_delay(r.failures, settings);
  report.failures.push_back(r.id + ": " + error);
  return cat.origins().save(r);
}

// The documents read for one signer: the one to store, or why none can be.
Result<std::pair<std::string, crypto::KeyDocument>> choose(
    const Candidate& c, const std::vector<fetch::Response>& responses) {
  std::vector<std::pair<std::string, crypto::KeyDocument>> valid;
  std::string errors;
  for (std::size_t i = 0; i < c.requests.size(); ++i) {
    const fetch::Response& r = responses[c.requests[i]];
    const std::string& base = c.bases[i];
    std::string where = key_document_url(base) + ": ";
    if (r.outcome != fetch::Outcome::kOk) {
      errors += (errors.empty() ? "" : "; ") + where +
                (r.error.empty() ? fetch::to_string(r.outcome) : r.error);
      continue;
    }
    auto doc = crypto::parse_key_document(r.body);
    Status checked = doc.ok() ? Status::Ok() : Status(doc.error());
    if (checked.ok() && doc->node != c.signer)
      checked = Error{"it is node " + doc->node + "'s document"};
    if (checked.ok() && web_origin(doc->base_url) != web_origin(base))
      checked = Error{"it states the base URL " + doc->base_url};
    if (checked.ok()) checked = crypto::verify_key_chain(*doc);
    if (!checked.ok()) {
      errors += (errors.empty() ? "" : "; ") + where + checked.message();
      continue;
    }
    valid.emplace_back(base, std::move(*doc));
  }
  if (valid.empty()) return Error{errors};
  for (const auto& [base, doc] : valid)
    if (doc.key != valid.front().second.key)
      return Error{"conflicting key documents for " + c.signer + " at " + valid.front().first +
                   " and " + base + "; pin one in [[origins]]"};
  return std::move(valid.front());
}

// Merges the signer's held entries again, each as from its peer.
Status judge_again(Catalogue& cat, const std::string& signer, const LearnSettings& settings,
                   LearnReport& report) {
  auto held = cat.held().of_signer(signer, kHeldPerSigner);
  if (!held.ok()) return held.error();
  return cat.transaction([&]() -> Status {
    for (const auto& item : *held) {
      if (Status st = cat.held().remove(item.seq); !st.ok()) return st;
      auto feed = parse_feed(item.document, {});
      if (!feed.ok()) continue;  // written by this node: cannot happen; dropped
      MergeOptions options{settings.own_node, item.peer};
      options.signer = settings.signer;
      options.cache = settings.cache;
      options.keys_settled = true;
      auto stats = merge(cat, feed->articles, feed->tombstones, options);
      if (!stats.ok()) return stats.error();
      if (stats->bad_signatures > 0)
        if (Status st = cat.peers().add_bad_signatures(item.peer, stats->bad_signatures); !st.ok())
          return st;
      report.by_peer[item.peer] += *stats;
    }
    return Status::Ok();
  });
}

}  // namespace

Result<LearnReport> learn_keys(Catalogue& cat, fetch::Fetcher& fetcher,
                               const LearnSettings& settings, const std::vector<KeyHint>& hints) {
  LearnReport report;
  TimePoint now = cat.clock().now();
  auto expired = cat.held().expire(now - settings.held_for);
  if (!expired.ok()) return expired.error();
  report.expired = *expired;
  auto found = candidates(cat, settings, hints, now);
  if (!found.ok()) return found.error();
  std::vector<fetch::Request> requests;
  for (auto& c : *found)
    for (const auto& base : c.bases) {
      c.requests.push_back(requests.size());
      requests.push_back(
          {.url = key_document_url(base), .headers = {{"Accept", "application/json"}}});
    }
  if (requests.empty()) return report;
  auto responses = fetcher.fetch_all(requests);
  for (const auto& c : *found) {
    auto chosen = choose(c, responses);
    Status st = chosen.ok() ? apply_key_document(cat, c.signer, chosen->first, chosen->second, now,
                                                 now + settings.recheck)
                            : Status(chosen.error());
    if (!st.ok()) {
      if (Status saved = record_failure(cat, c.record, st.message(), now, settings, report);
          !saved.ok())
        return saved.error();
      continue;
    }
    report.learned.push_back(c.signer);
    if (Status judged = judge_again(cat, c.signer, settings, report); !judged.ok())
      return judged.error();
  }
  return report;
}

}  // namespace sic::sync
