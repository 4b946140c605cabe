// Property tests of the merge: whatever the order in which versions and tombstones
// from several origins arrive, and however they are split into batches, every
// catalogue ends identical — and equal to the greatest change of each id.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "node/catalogue/articles.h"
#include "sync/merge/merge.h"
#include "tests/support/catalogue_dir.h"
#include "tests/sync/trust_support.h"

using namespace sic;
using namespace sic::sync;
using sic::test::signed_merge;

namespace {

constexpr std::int64_t kT = 1795881845;

// One change as a peer would send it.
struct Event {
  std::optional<Article> version;
  std::optional<Tombstone> tombstone;
  std::string peer;
};

// A network's history: for each id (with one origin), a few versions (updated times
// chosen from a small range, so that ties are frequent) and sometimes tombstones.
std::vector<Event> history(std::mt19937_64& rng, int ids, int max_versions, int max_tombstones) {
  const std::vector<std::string> origins = {"sic-pt", "sic-es", "sic-fr"};
  const std::vector<std::string> peers = {"sic-hub", "sic-pt", "sic-es", "sic-fr"};
  auto pick = [&](int n) { return int(rng() % unsigned(n)); };
  std::vector<Event> events;
  for (int i = 0; i < ids; ++i) {
    std::string origin = origins[std::size_t(pick(3))];
    Article base = sic::testing::make_article(origin + "-" + std::to_string(i));
    base.origin = origin;
    int versions = 1 + pick(max_versions);
    for (int v = 0; v < versions; ++v) {
      Article a = base;
      a.updated = from_unix(kT + pick(3));
      a.title = "Version " + std::to_string(pick(4));
      events.push_back({a, std::nullopt, peers[std::size_t(pick(4))]});
    }
    int tombstones = pick(max_tombstones + 1);
    for (int t = 0; t < tombstones; ++t)
      events.push_back({std::nullopt, Tombstone{base.id, origin, from_unix(kT + pick(4)), ""},
                        peers[std::size_t(pick(4))]});
  }
  return events;
}

// What every catalogue must hold: per id, the greatest change (docs/merge.md).
std::map<std::string, std::string> expected_state(const std::vector<Event>& events) {
  using Key = std::tuple<TimePoint, int, std::string>;
  std::map<std::string, std::pair<Key, std::string>> best;
  for (const auto& e : events) {
    std::string id = e.version ? e.version->id.str() : e.tombstone->id.str();
    Key key = e.version ? Key{e.version->updated, 0, e.version->content_hash()}
                        : Key{e.tombstone->deleted, 1, ""};
    std::string state =
        e.version ? "live " + e.version->origin + " " + e.version->content_hash()
                  : "deleted " + e.tombstone->origin + " " + format_rfc3339(e.tombstone->deleted);
    auto it = best.find(id);
    if (it == best.end() || key > it->second.first) best[id] = {key, state};
  }
  std::map<std::string, std::string> out;
  for (const auto& [id, b] : best) out[id] = b.second;
  return out;
}

std::map<std::string, std::string> snapshot(Catalogue& cat) {
  ArticleQuery q;
  q.filter.include_deleted = true;
  q.limit = 100000;
  q.with_translations = false;
  std::map<std::string, std::string> out;
  auto rows = cat.articles().list(q);
  REQUIRE(rows.ok());
  for (const auto& s : *rows) {
    const Article& a = s.article;
    out[a.id.str()] = s.deleted ? "deleted " + a.origin + " " + format_rfc3339(*s.deleted)
                                : "live " + a.origin + " " + a.content_hash();
    if (!s.deleted) CHECK(a.content_hash() == s.content_hash);
  }
  return out;
}

std::unique_ptr<Catalogue> fresh_catalogue() {
  static sic::testing::FixedClock clock(kT);
  return std::move(Catalogue::open(":memory:", clock).value());
}

// Applies the events in this order, cut into batches of the given sizes (each batch
// as from the peer of its first event).
std::map<std::string, std::string> apply(const std::vector<Event>& events,
                                         const std::vector<std::size_t>& order,
                                         const std::vector<std::size_t>& batch_sizes) {
  auto cat = fresh_catalogue();
  std::size_t at = 0;
  for (std::size_t size : batch_sizes) {
    std::vector<Article> articles;
    std::vector<Tombstone> tombstones;
    std::string peer = events[order[at]].peer;
    for (std::size_t k = at; k < at + size; ++k) {
      const Event& e = events[order[k]];
      if (e.version) articles.push_back(*e.version);
      if (e.tombstone) tombstones.push_back(*e.tombstone);
    }
    at += size;
    REQUIRE(signed_merge(*cat, articles, tombstones, {"sic-hub", peer}).ok());
  }
  return snapshot(*cat);
}

std::vector<std::size_t> singles(std::size_t n) { return std::vector<std::size_t>(n, 1); }

std::vector<std::size_t> random_batches(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::size_t> sizes;
  while (n > 0) {
    std::size_t size = std::min<std::size_t>(n, 1 + rng() % 5);
    sizes.push_back(size);
    n -= size;
  }
  return sizes;
}

}  // namespace

TEST_CASE("Every order of six changes to two articles gives the same catalogue",
          "[sync][merge][property]") {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<Event> events;
    while (events.size() != 6) events = history(rng, 2, 3, 1);
    auto expected = expected_state(events);
    std::vector<std::size_t> order = {0, 1, 2, 3, 4, 5};
    int orders = 0;
    do {
      INFO("seed " << seed << ", order " << orders);
      REQUIRE(apply(events, order, singles(6)) == expected);
      ++orders;
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(orders == 720);
  }
}

TEST_CASE("Shuffled histories of many articles, cut into random batches, converge",
          "[sync][merge][property]") {
  std::mt19937_64 rng(20261128);
  for (int history_number = 0; history_number < 8; ++history_number) {
    std::vector<Event> events = history(rng, 12, 4, 2);
    auto expected = expected_state(events);
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int shuffle = 0; shuffle < 12; ++shuffle) {
      std::shuffle(order.begin(), order.end(), rng);
      INFO("history " << history_number << ", shuffle " << shuffle);
      REQUIRE(apply(events, order, random_batches(rng, events.size())) == expected);
    }
  }
}

TEST_CASE("Applying the same changes again changes nothing", "[sync][merge][property]") {
  std::mt19937_64 rng(7);
  std::vector<Event> events = history(rng, 10, 3, 1);
  std::vector<Article> articles;
  std::vector<Tombstone> tombstones;
  for (const auto& e : events) {
    if (e.version) articles.push_back(*e.version);
    if (e.tombstone) tombstones.push_back(*e.tombstone);
  }
  auto cat = fresh_catalogue();
  REQUIRE(signed_merge(*cat, articles, tombstones, {"sic-hub", "sic-es"}).ok());
  auto before = snapshot(*cat);
  auto version_before = cat->version().value();
  auto again = signed_merge(*cat, articles, tombstones, {"sic-hub", "sic-fr"});
  REQUIRE(again.ok());
  CHECK(again->changed() == 0);
  CHECK(snapshot(*cat) == before);
  CHECK(cat->version().value() == version_before);
}
