// kill -9 of `sicnode sync` at random moments of a round that reads a large feed:
// the catalogue stays consistent (SQLite's integrity check, the peer's batch all or
// nothing, its validators stored only with it, the search index in step with it) and
// the next round completes it.
#include <csignal>
#include <filesystem>
#include <random>
#include <thread>

#include "feeds/crypto/signer.h"
#include "tests/e2e/federation_support.h"

using namespace sic;
using namespace sic::test;
using std::chrono::milliseconds;

namespace {

constexpr int kArticles = 3000;

// sic-es's feed, signed by `signer` (the peer serving it).
std::string big_feed(const crypto::Signer& signer) {
  Feed feed;
  feed.id = "https://sic.example.es/feeds/atom";
  feed.title = "A large feed";
  feed.node = "sic-es";
  TimePoint now = now_seconds();  // the nodes merge with the real clock
  feed.updated = now;
  for (int i = 0; i < kArticles; ++i) {
    Article a;
    a.id = Iri::parse("tag:sic.example.es,2026:articles/" + std::to_string(i)).value();
    a.origin = "sic-es";
    a.lang = LanguageTag::parse("es").value();
    a.title = "Artículo número " + std::to_string(i);
    a.summary = "Un resumen del artículo " + std::to_string(i) + " sobre el ciberacoso.";
    a.content_html = "<p>Texto del artículo " + std::to_string(i) + ".</p>";
    a.tags = {"cyberbullying", "grooming"};
    a.section = "awareness";
    a.link = "https://sic.example.es/news/" + std::to_string(i);
    a.updated = now - std::chrono::minutes(i);
    a.published = a.updated;
    crypto::sign(signer, a);
    feed.articles.push_back(std::move(a));
  }
  return write_feed(FeedFormat::kAtom, feed);
}

// One line of `sqlite3 FILE SQL`'s output.
std::string sqlite(const std::filesystem::path& db, const std::string& sql) {
  TempDir scratch("sic-sqlite");
  Process p(ProcessOptions{.program = "sqlite3",
                           .args = {db.string(), sql},
                           .output_dir = scratch.path(),
                           .name = "sqlite3"});
  auto status = p.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(30));
  REQUIRE(status == 0);
  std::string out = p.stdout_text();
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The search index agrees with the catalogue (docs/search.md, "The index"): FTS5's
// integrity check of both indexes against search_docs (sqlite3 fails on a mismatch),
// and search_docs holds one text per live article (the feed has no translations).
void check_search_index(const std::filesystem::path& db) {
  CHECK(sqlite(db,
               "INSERT INTO search_words (search_words) VALUES ('integrity-check'); "
               "INSERT INTO search_grams (search_grams) VALUES ('integrity-check'); "
               "SELECT (SELECT count(*) FROM search_docs) = "
               "(SELECT count(*) FROM articles WHERE deleted IS NULL)") == "1");
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("kill -9 at any moment of a round leaves a consistent catalogue the next round completes",
          "[e2e][federation][crash]") {
  TestServer peer;
  crypto::KeySigner signer("sic-es", peer.url("/"), crypto::SigningKey::generate());
  Reply feed;
  feed.body = big_feed(signer);
  feed.content_type = "application/atom+xml";
  feed.etag = "\"big\"";
  feed.trickle_bytes = 256 * 1024;
  feed.trickle_interval = milliseconds(20);
  peer.route("/feeds/atom", feed);
  TestNode hub({.id = "sic-hub",
                .extra_toml = "[[peers]]\nid = \"sic-es\"\nurl = \"" + peer.url("/feeds/atom") +
                              "\"\nkey = \"" + signer.sign("").key + "\"\n"});
  auto data = hub.dir() / "data";
  auto db = data / "catalogue.db";

  // How long a whole round takes here, on a catalogue of its own.
  auto started = std::chrono::steady_clock::now();
  CommandResult full = hub.run({"sync"});
  REQUIRE(full.status == 0);
  double round_seconds = seconds_since(started);
  REQUIRE(sqlite(db, "SELECT count(*) FROM articles") == std::to_string(kArticles));

  // Kill points are drawn in [0.1, 1.1] x the window; the window shrinks after a kill
  // that came after the commit and grows after one that came before, so that the kills
  // gather around the merge and its commit whatever the machine's speed.
  std::mt19937_64 rng(20261128);
  double window = round_seconds;
  int before_commit = 0, after_commit = 0;
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::filesystem::remove_all(data);
    REQUIRE(hub.run({"peers", "list"}).status == 0);  // a fresh, empty catalogue
    double kill_at = window * std::uniform_real_distribution<double>(0.1, 1.1)(rng);
    INFO("attempt " << attempt << ": kill after " << kill_at << " s (a whole round took "
                    << round_seconds << " s)");
    Process sync(ProcessOptions{.program = sicnode_binary().string(),
                                .args = {"--config", hub.config_path().string(), "sync"},
                                .output_dir = hub.dir(),
                                .name = "sync-" + std::to_string(attempt)});
    std::this_thread::sleep_for(std::chrono::duration<double>(kill_at));  // the kill point
    ::kill(sync.pid(), SIGKILL);
    sync.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(10));

    CHECK(sqlite(db, "PRAGMA integrity_check") == "ok");
    check_search_index(db);
    std::string count = sqlite(db, "SELECT count(*) FROM articles");
    std::string etag = sqlite(db, "SELECT etag FROM peers WHERE id = 'sic-es'");
    CHECK((count == "0" || count == std::to_string(kArticles)));
    CHECK((etag == "\"big\"") == (count != "0"));
    if (count == "0") {
      ++before_commit;
      window *= 1.15;
    } else {
      ++after_commit;
      window *= 0.7;
    }

    CommandResult next = hub.run({"sync"});
    INFO(next.out << next.err);
    CHECK(next.status == 0);
    CHECK(sqlite(db, "SELECT count(*) FROM articles") == std::to_string(kArticles));
    CHECK(sqlite(db, "SELECT etag FROM peers WHERE id = 'sic-es'") == "\"big\"");
    check_search_index(db);
  }
  INFO("killed before the commit " << before_commit << " times, after it " << after_commit);
  CHECK(before_commit > 0);
  CHECK(after_commit > 0);
}
