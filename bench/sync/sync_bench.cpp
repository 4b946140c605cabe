// Sync benchmarks (docs/performance.md, "Sync"), in one run:
//  1. an idle round over 30 peers that all answer 304, against a round over the same
//     peers each sending a 50-entry feed (bytes per peer, round time);
//  2. merging a 10,000-entry feed into an empty catalogue, against the raw SQLite
//     upsert of the same rows into the same schema (one transaction, prepared
//     statements) — the reference is the only place outside node/catalogue that
//     speaks SQLite, because measuring it is its purpose. Every entry is signed by
//     its origin, whose key the catalogue knows (pinned), and the merge checks every
//     signature (a fresh process: nothing remembered), as a node that reads the feed
//     for the first time does (docs/merge.md, "Cost").
// Usage: sync_bench [--check]   (--check: exit 1 when a goal is missed)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "feeds/crypto/signer.h"
#include "feeds/feeds.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/peers.h"
#include "sync/http_client/http_client.h"
#include "sync/merge/merge.h"
#include "sync/round/round.h"
#include "sync/trust/keys.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPeers = 30;
constexpr int kMergeEntries = 10000;
constexpr int kRuns = 5;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

sic::Article article(const std::string& origin, int i) {
  sic::Article a;
  std::string n = std::to_string(i);
  a.id = sic::Iri::parse("tag:" + origin + ".example.eu,2026:articles/" + n).value();
  a.origin = origin;
  a.lang = sic::LanguageTag::parse("en").value();
  a.title = "Article " + n + ": keeping children safe online and the role of parents";
  a.summary = "A short summary of article " + n + " for the network's readers.";
  a.content_html = "<p>Paragraph one of article " + n +
                   " about cyberbullying, grooming and sextortion.</p><ul><li>First point</li>"
                   "<li>Second point</li></ul><p>Paragraph two on media literacy, with more "
                   "text so that the entry weighs what a real one does.</p>";
  a.authors = {{"Helpline team", "", ""}};
  a.section = "awareness";
  a.tags = {"cyberbullying", "media-literacy"};
  a.link = "https://" + origin + ".example.eu/articles/" + n;
  // Dated in the past of the real clock, which the catalogues here use.
  a.published = sic::now_seconds() - std::chrono::hours(24 * 30) + std::chrono::minutes(i);
  a.updated = *a.published + std::chrono::seconds(30);
  return a;
}

// The node's signer: a key made for this run, at https://NODE.example.eu/.
const sic::crypto::KeySigner& signer_of(const std::string& node) {
  static std::map<std::string, sic::crypto::KeySigner> signers;
  auto it = signers.find(node);
  if (it == signers.end())
    it = signers
             .emplace(node, sic::crypto::KeySigner(node, "https://" + node + ".example.eu/",
                                                   sic::crypto::SigningKey::generate()))
             .first;
  return it->second;
}

// Pins the nodes' keys in the catalogue, as [[peers]] key = ... does.
void pin_keys(sic::Catalogue& cat, const std::vector<std::string>& nodes) {
  std::vector<sic::sync::OriginSpec> specs;
  for (const auto& node : nodes)
    specs.push_back({node, "https://" + node + ".example.eu/", signer_of(node).sign("").key, {}});
  if (!sic::sync::reconcile_origins(cat, specs).ok()) std::printf("pinning keys failed\n");
}

std::string feed_of(const std::string& node, int entries) {
  sic::Feed feed;
  feed.id = "https://" + node + ".example.eu/feeds/atom";
  feed.title = "Node " + node;
  feed.node = node;
  feed.updated = sic::from_unix(1795881845);
  for (int i = 0; i < entries; ++i) {
    feed.articles.push_back(article(node, i));
    sic::crypto::sign(signer_of(node), feed.articles.back());
  }
  return sic::write_feed(sic::FeedFormat::kAtom, feed);
}

std::unique_ptr<sic::Catalogue> open_catalogue(const std::filesystem::path& dir) {
  return std::move(sic::Catalogue::open((dir / "catalogue.db").string()).value());
}

// ---- 1. the idle round -------------------------------------------------------

struct RoundFigures {
  double ms = 0;
  double bytes_per_peer = 0;
  bool all_ok = true;
};

RoundFigures measure_round(sic::Catalogue& cat, sic::fetch::Fetcher& fetcher,
                           const sic::sync::SyncSettings& settings) {
  auto started = Clock::now();
  auto report = sic::sync::run_round(cat, fetcher, settings, {}, [] { return 0.5; });
  RoundFigures f;
  f.ms = ms_since(started);
  std::size_t bytes = 0;
  for (const auto& p : report->peers) bytes += p.bytes;
  f.bytes_per_peer = double(bytes) / double(report->peers.size());
  f.all_ok = report->all_ok() && report->peers.size() == kPeers;
  return f;
}

bool idle_round() {
  sic::test::TestServer server;
  for (int i = 0; i < kPeers; ++i) {
    std::string node = "sic-" + std::to_string(i);
    sic::test::Reply reply;
    reply.body = feed_of(node, 50);
    reply.content_type = "application/atom+xml; charset=utf-8";
    reply.etag = "\"" + node + "-v1\"";
    reply.last_modified = "Sat, 28 Nov 2026 16:04:05 GMT";
    reply.gzip = true;
    reply.headers = {{"Date", "Sat, 28 Nov 2026 16:04:05 GMT"},
                     {"Cache-Control", "public, max-age=60"},
                     {"Vary", "Accept-Encoding"}};
    server.route("/" + node + "/feeds/atom", reply);
  }
  sic::test::TempDir dir("sic-bench");
  auto cat = open_catalogue(dir.path());
  std::vector<std::string> nodes;
  for (int i = 0; i < kPeers; ++i) {
    std::string node = "sic-" + std::to_string(i);
    (void)cat->peers().upsert({.id = node, .url = server.url("/" + node + "/feeds/atom")});
    nodes.push_back(node);
  }
  pin_keys(*cat, nodes);
  sic::fetch::Limits limits;
  limits.allow_private_addresses = true;
  auto fetcher = sic::fetch::make_curl_fetcher(limits, "sicnode/bench (+http://127.0.0.1/)");
  sic::sync::SyncSettings settings;
  settings.node_id = "sic-hub";

  RoundFigures full = measure_round(*cat, *fetcher, settings);  // 200s: validators stored
  std::vector<RoundFigures> idle;
  for (int run = 0; run < kRuns; ++run) idle.push_back(measure_round(*cat, *fetcher, settings));
  std::sort(idle.begin(), idle.end(), [](auto& a, auto& b) { return a.ms < b.ms; });
  const RoundFigures& median = idle[idle.size() / 2];
  bool ok = std::all_of(idle.begin(), idle.end(), [](auto& f) { return f.all_ok; });
  std::printf("idle round   %d peers, all 304: %7.1f ms (median of %d), %6.0f bytes per peer\n",
              kPeers, median.ms, kRuns, median.bytes_per_peer);
  std::printf("full round   %d peers, 50 entries each (gzip): %7.1f ms, %6.0f bytes per peer\n",
              kPeers, full.ms, full.bytes_per_peer);
  bool met = ok && median.ms < 1000 && median.bytes_per_peer < 1024;
  std::printf("goal: idle round under 1 s and under 1 KB per peer: %s\n", met ? "met" : "MISSED");
  return met;
}

// ---- 2. merging a large feed ---------------------------------------------------

// The raw upsert of the same rows, as the catalogue's schema holds them.
double raw_upsert_ms(const std::filesystem::path& dir, const std::vector<sic::Article>& articles) {
  open_catalogue(dir);  // creates the schema
  sqlite3* db = nullptr;
  sqlite3_open((dir / "catalogue.db").string().c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
               nullptr, nullptr, nullptr);
  auto prepare = [&](const char* sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    return s;
  };
  sqlite3_stmt* upsert = prepare(
      "INSERT INTO articles (id, origin, lang, title, summary, content_html, section, link, "
      "rights, published, updated, content_hash, deleted, via, stored_at, seq) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL, ?13, ?14, 1) "
      "ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated = excluded.updated, "
      "content_hash = excluded.content_hash");
  sqlite3_stmt* author = prepare(
      "INSERT INTO article_authors (article_id, position, name, uri, email) VALUES "
      "(?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt* tag =
      prepare("INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)");
  auto text = [](sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  };
  auto started = Clock::now();
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  for (const auto& a : articles) {
    const std::string& id = a.id.str();
    text(upsert, 1, id);
    text(upsert, 2, a.origin);
    text(upsert, 3, a.lang.str());
    text(upsert, 4, a.title);
    text(upsert, 5, a.summary);
    text(upsert, 6, a.content_html);
    text(upsert, 7, a.section);
    text(upsert, 8, a.link);
    text(upsert, 9, a.rights);
    sqlite3_bind_int64(upsert, 10, sic::to_unix(*a.published));
    sqlite3_bind_int64(upsert, 11, sic::to_unix(a.updated));
    text(upsert, 12, a.content_hash());
    text(upsert, 13, a.via);
    sqlite3_bind_int64(upsert, 14, 1795881845);
    sqlite3_step(upsert);
    sqlite3_reset(upsert);
    for (std::size_t i = 0; i < a.authors.size(); ++i) {
      text(author, 1, id);
      sqlite3_bind_int64(author, 2, std::int64_t(i));
      text(author, 3, a.authors[i].name);
      text(author, 4, a.authors[i].uri);
      text(author, 5, a.authors[i].email);
      sqlite3_step(author);
      sqlite3_reset(author);
    }
    for (std::size_t i = 0; i < a.tags.size(); ++i) {
      text(tag, 1, id);
      sqlite3_bind_int64(tag, 2, std::int64_t(i));
      text(tag, 3, a.tags[i]);
      sqlite3_step(tag);
      sqlite3_reset(tag);
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  double ms = ms_since(started);
  sqlite3_stmt* count = prepare("SELECT count(*) FROM articles");
  sqlite3_step(count);
  if (sqlite3_column_int(count, 0) != kMergeEntries) std::printf("raw upsert: wrong row count\n");
  for (auto* s : {upsert, author, tag, count}) sqlite3_finalize(s);
  sqlite3_close(db);
  return ms;
}

double merge_ms(const std::filesystem::path& dir, const std::vector<sic::Article>& articles) {
  auto cat = open_catalogue(dir);
  pin_keys(*cat, {"sic-es"});
  auto started = Clock::now();
  auto stats = sic::sync::merge(*cat, articles, {}, {"sic-hub", "sic-es"});
  double ms = ms_since(started);
  if (!stats.ok() || stats->added != kMergeEntries) std::printf("merge: wrong result\n");
  return ms;
}

bool large_merge() {
  std::string bytes = feed_of("sic-es", kMergeEntries);
  auto parse_started = Clock::now();
  auto feed = sic::parse_feed(bytes, {.base_url = "https://sic-es.example.eu/feeds/atom"});
  double parse_ms = ms_since(parse_started);
  std::vector<double> merge, raw;
  for (int run = 0; run < kRuns; ++run) {
    sic::test::TempDir a("sic-bench"), b("sic-bench");
    merge.push_back(merge_ms(a.path(), feed->articles));
    raw.push_back(raw_upsert_ms(b.path(), feed->articles));
  }
  std::sort(merge.begin(), merge.end());
  std::sort(raw.begin(), raw.end());
  double m = merge[merge.size() / 2], r = raw[raw.size() / 2];
  double ratio = r / m;
  std::printf("parse        %d entries, %.1f MB: %7.1f ms\n", kMergeEntries,
              double(bytes.size()) / 1e6, parse_ms);
  std::printf(
      "merge        %d signed entries into an empty catalogue, every signature "
      "checked: %7.1f ms (%.0f entries/s)\n",
      kMergeEntries, m, kMergeEntries / m * 1000);
  std::printf("raw upsert   the same rows, one transaction:     %7.1f ms (%.0f rows/s)\n", r,
              kMergeEntries / r * 1000);
  std::printf("goal: merge at least 0.5x the raw upsert rate: %s (%.2fx)\n",
              ratio >= 0.5 ? "met" : "MISSED", ratio);
  return ratio >= 0.5;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  bool idle = idle_round();
  bool merged = large_merge();
  return check && !(idle && merged) ? 1 : 0;
}
