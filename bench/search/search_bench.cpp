// Search benchmarks (docs/performance.md, "Search"), in one run:
//  1. a catalogue of 100,000 articles (10% with a translation) of generated text with a
//     Zipf-distributed vocabulary and compound words, written as a sync writes them
//     (put_many, 1,000 per write); its size and the search index's share (dbstat);
//  2. 400 searches of eight kinds through SearchStore::search (20 hits, snippets and
//     the articles loaded, as /search and the API pay) and the same queries as a
//     saved-search feed's filter (ArticleStore::list, 50 newest): p50 and p99;
//  3. merging 10,000 articles into an empty catalogue with the index, against the
//     same merge with the index's triggers replaced by one that drops every text —
//     the reference is the one place outside node/catalogue that speaks SQLite.
// Usage: search_bench [--check] [ARTICLES]   (--check: exit 1 when a goal is missed)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "node/catalogue/articles.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/search.h"
#include "node/catalogue/translations.h"
#include "sync/merge/merge.h"
#include "tests/support/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kVocabulary = 30000;
constexpr int kMergeEntries = 10000;
constexpr int kRuns = 5;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Pronounceable made-up words, deterministic; a few real ones of the network's topics,
// and compounds of them ("cybermobbing", "onlinegrooming").
class Words {
 public:
  explicit Words(std::mt19937_64& rng) : rng_(rng), zipf_(weights()) {
    const char* syllables[] = {"ka",  "lo",  "mi",  "ne",  "ru",  "sa",  "te",  "vo",  "bri", "dan",
                               "fel", "gor", "hul", "jin", "kor", "lem", "mar", "nol", "pen", "quo",
                               "ras", "sil", "tur", "ves", "wen", "xa",  "yor", "zul"};
    std::uniform_int_distribution<int> n(2, 4), s(0, 27);
    for (const char* w : {"grooming", "sextortion", "mobbing", "helpline", "children", "parents",
                          "school", "safety", "privacy", "platform"})
      words_.push_back(w);
    while (int(words_.size()) < kVocabulary) {
      std::string w;
      for (int i = n(rng_); i > 0; --i) w += syllables[s(rng_)];
      words_.push_back(w);
    }
  }
  const std::string& common(int rank) const { return words_[std::size_t(rank)]; }
  std::string next() {
    std::size_t i = zipf_(rng_);
    if (std::uniform_int_distribution<int>(0, 49)(rng_) == 0)
      return std::string(kPrefixes[i % 4]) + words_[i % 10];  // a compound
    return words_[i];
  }
  std::string text(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? " " : "") + next();
    return out;
  }
  static constexpr const char* kPrefixes[] = {"cyber", "online", "anti", "kinder"};

 private:
  static std::discrete_distribution<std::size_t> weights() {
    std::vector<double> w(kVocabulary);
    for (int i = 0; i < kVocabulary; ++i) w[std::size_t(i)] = 1.0 / (i + 1);
    return {w.begin(), w.end()};
  }
  std::mt19937_64& rng_;
  std::discrete_distribution<std::size_t> zipf_;
  std::vector<std::string> words_;
};

sic::Article article(Words& words, int i, const char* origin) {
  const char* langs[] = {"en", "pt", "de", "es"};
  sic::Article a;
  std::string n = std::to_string(i);
  a.id = sic::Iri::parse(std::string("tag:") + origin + ".example.eu,2026:articles/" + n).value();
  a.origin = origin;
  a.lang = sic::LanguageTag::parse(langs[i % 4]).value();
  a.title = words.text(8);
  a.summary = words.text(25);
  a.content_html = "<p>" + words.text(60) + "</p><p>" + words.text(60) + "</p>";
  a.section = "awareness";
  a.tags = {"cyberbullying"};
  a.link = std::string("https://") + origin + ".example.eu/a/" + n;
  a.updated = sic::now_seconds() - std::chrono::minutes(i);
  a.published = a.updated;
  return a;
}

std::unique_ptr<sic::Catalogue> open_catalogue(const std::filesystem::path& dir) {
  return std::move(sic::Catalogue::open((dir / "catalogue.db").string()).value());
}

// ---- 1. the catalogue ------------------------------------------------------------

void build(sic::Catalogue& cat, Words& words, int n) {
  auto started = Clock::now();
  std::vector<sic::Article> batch;
  for (int i = 0; i < n; ++i) {
    batch.push_back(article(words, i, "sic-es"));
    if (batch.size() < 1000 && i + 1 < n) continue;
    if (!cat.articles().put_many(batch).ok()) std::printf("build: put_many failed\n");
    sic::Status translated = cat.transaction([&]() -> sic::Status {
      for (std::size_t k = 0; k < batch.size(); k += 10) {
        const auto& a = batch[k];
        sic::Translation t{sic::LanguageTag::parse(a.lang.str() == "en" ? "pt" : "en").value(),
                           words.text(8),
                           words.text(25),
                           "<p>" + words.text(120) + "</p>",
                           sic::TranslationKind::kMachine,
                           "bench",
                           a.content_hash(),
                           sic::now_seconds(),
                           false};
        if (auto st = cat.translations().put(a.id, t); !st.ok()) return st;
      }
      return sic::Status::Ok();
    });
    if (!translated.ok()) std::printf("build: %s\n", translated.message().c_str());
    batch.clear();
  }
  std::printf("build        %d articles (10%% translated), put_many by 1000: %.1f s\n", n,
              ms_since(started) / 1000);
}

void report_size(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open(file.string().c_str(), &db);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT sum(pgsize), sum(CASE WHEN name = 'search_docs' OR name LIKE "
                     "'sqlite_autoindex_search_docs%' THEN pgsize ELSE 0 END), "
                     "sum(CASE WHEN name LIKE 'search_words%' THEN pgsize ELSE 0 END), "
                     "sum(CASE WHEN name LIKE 'search_grams%' THEN pgsize ELSE 0 END) FROM dbstat",
                     -1, &q, nullptr);
  if (sqlite3_step(q) == SQLITE_ROW) {
    auto mb = [&](int c) { return double(sqlite3_column_int64(q, c)) / 1e6; };
    std::printf(
        "size         catalogue %.1f MB: search_docs (text) %.1f MB, word index %.1f MB, "
        "trigram index %.1f MB; the rest %.1f MB\n",
        mb(0), mb(1), mb(2), mb(3), mb(0) - mb(1) - mb(2) - mb(3));
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
}

// ---- 2. queries ------------------------------------------------------------------

struct Kind {
  const char* name;
  std::vector<std::string> queries;
};

std::vector<Kind> query_kinds(Words& words, std::mt19937_64& rng) {
  std::vector<Kind> kinds = {{"rare word", {}}, {"common word", {}},  {"two words", {}},
                             {"phrase", {}},    {"OR", {}},           {"prefix*", {}},
                             {"exclusion", {}}, {"compound part", {}}};
  std::uniform_int_distribution<int> top(0, 20), mid(100, 2000), rare(5000, kVocabulary - 1);
  for (int i = 0; i < 50; ++i) {
    kinds[0].queries.push_back(words.common(rare(rng)));
    kinds[1].queries.push_back(words.common(top(rng)));
    kinds[2].queries.push_back(words.common(mid(rng)) + " " + words.common(mid(rng)));
    kinds[3].queries.push_back("\"" + words.common(top(rng)) + " " + words.common(top(rng)) + "\"");
    kinds[4].queries.push_back(words.common(mid(rng)) + " OR " + words.common(mid(rng)));
    kinds[5].queries.push_back(words.common(mid(rng)).substr(0, 4) + "*");
    kinds[6].queries.push_back(words.common(top(rng)) + " -" + words.common(top(rng)));
    kinds[7].queries.push_back(words.common(i % 10));
  }
  return kinds;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

template <typename F>
std::vector<double> time_each(const std::vector<Kind>& kinds, F run, bool per_kind) {
  std::vector<double> all;
  for (const auto& k : kinds) {
    std::vector<double> mine;
    for (const auto& text : k.queries) {
      auto q = sic::parse_search_query(text);
      if (!q.ok()) continue;
      auto started = Clock::now();
      run(*q);
      mine.push_back(ms_since(started));
    }
    if (per_kind)
      std::printf("  %-14s p50 %6.2f ms  p99 %6.2f ms\n", k.name, percentile(mine, 0.5),
                  percentile(mine, 0.99));
    all.insert(all.end(), mine.begin(), mine.end());
  }
  return all;
}

bool queries(sic::Catalogue& cat, Words& words, std::mt19937_64& rng) {
  auto kinds = query_kinds(words, rng);
  std::printf("search       SearchStore::search, 20 hits with snippets, by kind:\n");
  std::size_t hits = 0;
  auto all = time_each(
      kinds,
      [&](const sic::SearchQuery& q) {
        sic::SearchRequest r;
        r.query = q;
        auto page = cat.search().search(r);
        if (!page.ok())
          std::printf("search failed: %s\n", page.error().message.c_str());
        else
          hits += page->hits.size();
      },
      true);
  double p50 = percentile(all, 0.5), p99 = percentile(all, 0.99);
  std::printf("search       all %zu queries: p50 %.2f ms, p99 %.2f ms (%zu hits)\n", all.size(),
              p50, p99, hits);
  auto feed = time_each(
      kinds,
      [&](const sic::SearchQuery& q) {
        sic::ArticleQuery aq;
        aq.filter.text = q;
        aq.limit = 50;
        if (!cat.articles().list(aq).ok()) std::printf("list failed\n");
      },
      false);
  std::printf("saved search the same as a feed's filter (50 newest): p50 %.2f ms, p99 %.2f ms\n",
              percentile(feed, 0.5), percentile(feed, 0.99));
  std::printf("goal: search p99 under 20 ms: %s\n", p99 < 20 ? "met" : "MISSED");
  return p99 < 20;
}

// ---- 3. merge with and without the index -----------------------------------------

// Replaces the index's triggers by one that drops every text: the merge then pays only
// the text extraction and a statement per text.
void without_index(const std::filesystem::path& dir) {
  sqlite3* db = nullptr;
  sqlite3_open((dir / "catalogue.db").string().c_str(), &db);
  sqlite3_exec(db,
               "DROP TRIGGER search_docs_ai; DROP TRIGGER search_docs_ad; "
               "DROP TRIGGER search_docs_au; CREATE TRIGGER search_docs_skip BEFORE INSERT ON "
               "search_docs BEGIN SELECT RAISE(IGNORE); END;",
               nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

double merge_ms(const std::filesystem::path& dir, const std::vector<sic::Article>& articles,
                bool indexed) {
  open_catalogue(dir);
  if (!indexed) without_index(dir);
  auto cat = open_catalogue(dir);
  auto started = Clock::now();
  auto stats = sic::sync::merge(*cat, articles, {}, {"sic-hub", "sic-pt"});
  double ms = ms_since(started);
  if (!stats.ok() || stats->added != kMergeEntries) std::printf("merge: wrong result\n");
  return ms;
}

bool merges(Words& words) {
  std::vector<sic::Article> articles;
  for (int i = 0; i < kMergeEntries; ++i) articles.push_back(article(words, i, "sic-pt"));
  std::vector<double> with, without;
  for (int run = 0; run < kRuns; ++run) {
    sic::test::TempDir a("sic-bench"), b("sic-bench");
    with.push_back(merge_ms(a.path(), articles, true));
    without.push_back(merge_ms(b.path(), articles, false));
  }
  double w = percentile(with, 0.5), wo = percentile(without, 0.5), ratio = wo / w;
  std::printf("merge        %d entries, with the index:    %7.1f ms (%.0f entries/s)\n",
              kMergeEntries, w, kMergeEntries / w * 1000);
  std::printf("merge        %d entries, without the index: %7.1f ms (%.0f entries/s)\n",
              kMergeEntries, wo, kMergeEntries / wo * 1000);
  std::printf("goal: merge with the index at least 0.8x the rate without: %s (%.2fx)\n",
              ratio >= 0.8 ? "met" : "MISSED", ratio);
  return ratio >= 0.8;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  int n = 100000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0)
      check = true;
    else
      n = std::atoi(argv[i]);
  }
  std::mt19937_64 rng(20261206);
  Words words(rng);
  sic::test::TempDir dir("sic-bench");
  bool fast = false;
  {
    auto cat = open_catalogue(dir.path());
    build(*cat, words, n);
    fast = queries(*cat, words, rng);
  }
  report_size(dir.path() / "catalogue.db");
  bool cheap = merges(words);
  return check && !(fast && cheap) ? 1 : 0;
}
