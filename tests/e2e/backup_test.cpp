// sicnode backup and restore against a real `sicnode serve` under write load
// (docs/operations.md, "Backups").
#include <cpprest/json.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "feeds/model/iri.h"
#include "tests/support/poll.h"
#include "tests/support/sicnode.h"

using namespace sic;
using namespace sic::test;
using namespace std::chrono_literals;

namespace {

std::string article(int n) {
  return R"({"title": "Burst article )" + std::to_string(n) +
         R"(", "summary": "One of many.", "content_html": "<p>Body</p>", "lang": "en",
            "section": "helplines", "tags": ["grooming"], "author": "Test Centre"})";
}

// `sqlite3 FILE SQL`'s output, with the real sqlite3 program.
std::string sqlite(const std::filesystem::path& file, const std::string& sql) {
  Process p(ProcessOptions{.program = "sqlite3", .args = {file.string(), sql}, .name = "sqlite3"});
  REQUIRE(p.wait_for(std::chrono::steady_clock::now() + 60s) == 0);
  return p.stdout_text();
}

std::set<std::string> ids_in(const std::filesystem::path& catalogue) {
  std::set<std::string> ids;
  std::istringstream lines(sqlite(catalogue, "SELECT id FROM articles"));
  for (std::string line; std::getline(lines, line);) ids.insert(line);
  return ids;
}

// POSTs articles one after the other until stopped (at most 5000), keeping the ids of
// those answered 201, in order.
class Burst {
 public:
  Burst(const TestNode& node, std::string token) : node_(node), token_(std::move(token)) {
    thread_ = std::thread([this] { run(); });
  }
  ~Burst() { stop(); }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> created() {
    std::lock_guard lock(mutex_);
    return created_;
  }
  int attempts() const { return attempts_; }

 private:
  void run() {
    Headers headers = {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}};
    for (int n = 0; n < 5000 && !stopping_; ++n, ++attempts_) {
      HttpResult r = http_post(node_.url("/api/articles"), article(n), headers);
      if (r.status != 201) continue;
      std::lock_guard lock(mutex_);
      created_.push_back(web::json::value::parse(r.body)["id"].as_string());
    }
  }
  const TestNode& node_;
  std::string token_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> attempts_{0};
  std::mutex mutex_;
  std::vector<std::string> created_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("A backup taken during a burst of POSTs holds every article created before it began",
          "[e2e][backup]") {
  TestNode node;
  std::string token = node.create_token("cms");
  node.start();
  TempDir backups("sic-backups");
  auto file = backups.file("catalogue.db");

  Burst burst(node, token);
  REQUIRE(poll_for(60s, [&] { return burst.created().size() >= 30; }));
  std::vector<std::string> before = burst.created();  // 201s received before the backup began
  int attempts_before = burst.attempts();
  CommandResult backup = node.run({"backup", file.string()});
  int attempts_during = burst.attempts() - attempts_before;
  burst.stop();
  INFO(backup.out << backup.err);
  REQUIRE(backup.status == 0);
  CHECK(backup.out.find("backup: ") == 0);
  CHECK(attempts_during > 0);  // the node was being written to while the backup ran

  CHECK(sqlite(file, "PRAGMA integrity_check") == "ok\n");
  std::set<std::string> in_backup = ids_in(file);
  for (const auto& id : before) CHECK(in_backup.count(id) == 1);
  CHECK(in_backup.size() <= burst.created().size());

  // Restored into another node's folder, the catalogue is whole and served.
  TestNode restored;
  CommandResult r = restored.run({"restore", file.string()});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  auto catalogue = restored.dir() / "data" / "catalogue.db";
  CHECK(sqlite(catalogue, "PRAGMA integrity_check") == "ok\n");
  CHECK(ids_in(catalogue) == in_backup);
  restored.start();
  HttpResult first = http_get(restored.url("/api/articles/" + percent_encode(before.front())));
  CHECK(first.status == 200);
}

TEST_CASE("restore refuses other files, newer catalogues and a running node, changing nothing",
          "[e2e][backup]") {
  TestNode node;
  std::string token = node.create_token("cms");
  node.start();
  Headers headers = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  REQUIRE(http_post(node.url("/api/articles"), article(1), headers).status == 201);
  TempDir files("sic-restore");
  auto good = files.file("good.db");
  REQUIRE(node.run({"backup", good.string()}).status == 0);
  REQUIRE(http_post(node.url("/api/articles"), article(2), headers).status == 201);

  CommandResult running = node.run({"restore", good.string()});
  CHECK(running.status == 1);
  CHECK(running.err.find("sicnode: restore: a sicnode serve (pid ") == 0);
  CHECK(running.err.find("; stop it first") != std::string::npos);
  CHECK(node.run({"serve"}).err.find("sicnode: serve: a sicnode serve (pid ") == 0);
  REQUIRE(node.stop() == 0);

  auto text = files.write("notes.db", "these are notes, not a catalogue\n");
  CommandResult not_db = node.run({"restore", text.string()});
  CHECK(not_db.status == 1);
  CHECK(not_db.err ==
        "sicnode: restore: catalogue: " + text.string() + " is not a SQLite database\n");
  auto newer = files.file("newer.db");
  std::filesystem::copy_file(good, newer);
  sqlite(newer, "PRAGMA user_version = 99");
  CommandResult too_new = node.run({"restore", newer.string()});
  CHECK(too_new.status == 1);
  CHECK(too_new.err.find("has schema version 99, newer than this sicnode knows") !=
        std::string::npos);
  auto catalogue = node.dir() / "data" / "catalogue.db";
  CHECK(ids_in(catalogue).size() == 2);
  CHECK_FALSE(std::filesystem::exists(catalogue.string() + ".before-restore"));

  CommandResult ok = node.run({"restore", good.string()});
  INFO(ok.out << ok.err);
  REQUIRE(ok.status == 0);
  CHECK(ids_in(catalogue).size() == 1);
  CHECK(ids_in(catalogue.string() + ".before-restore").size() == 2);
  node.start();
  CHECK(web::json::value::parse(http_get(node.url("/api/articles")).body)["articles"].size() == 1);
}
