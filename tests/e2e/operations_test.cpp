// Running a node as an operator does: importing peers from OPML, the log, /metrics
// against Prometheus's own checker, systemd's notifications, --version
// (docs/operations.md).
#include <cpprest/json.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "tests/support/notify_socket.h"
#include "tests/support/poll.h"
#include "tests/support/sicnode.h"

using namespace sic;
using namespace sic::test;
using namespace std::chrono_literals;

namespace {

const std::string kFreshRss =
    std::string(SIC_SOURCE_DIR) + "/tests/data/opml/freshrss-subscriptions.opml";

int peer_rows(const TestNode& node) {
  CommandResult list = node.run({"peers", "list"});
  REQUIRE(list.status == 0);
  return int(std::count(list.out.begin(), list.out.end(), '\n')) - 1;  // minus the header
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("peers import adds the 30 feeds of a FreshRSS export once; a broken list changes nothing",
          "[e2e][peers][opml]") {
  TestNode node({.id = "sic-hub"});
  TempDir files("sic-opml");
  std::string whole = read_text_file(kFreshRss);
  auto broken = files.write("broken.opml", whole.substr(0, whole.size() / 2));
  CommandResult refused = node.run({"peers", "import", broken.string()});
  CHECK(refused.status == 1);
  CHECK(refused.err.rfind("sicnode: peers import: " + broken.string() + ": opml: xml: ", 0) == 0);
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK(peer_rows(node) == 0);

  CommandResult first = node.run({"peers", "import", kFreshRss});
  INFO(first.out << first.err);
  REQUIRE(first.status == 0);
  CHECK(first.out.find("peers import: 30 feeds in " + kFreshRss + ": 30 added, 0 already peers.") !=
        std::string::npos);
  CHECK(first.out.find("Added peer \"saferinternet-at\" "
                       "(https://www.saferinternet.at/feed/?lang=at&format=rss2)\n") !=
        std::string::npos);
  CHECK(peer_rows(node) == 30);

  CommandResult again = node.run({"peers", "import", kFreshRss});
  CHECK(again.status == 0);
  CHECK(again.out.find(": 0 added, 30 already peers (") != std::string::npos);
  CHECK(again.out.find("Added peer") == std::string::npos);
  CHECK(node.run({"peers", "import", broken.string()}).status == 1);
  CHECK(peer_rows(node) == 30);
}

TEST_CASE("serve logs JSON lines with levels and names clients through trusted proxies only",
          "[e2e][log]") {
  TestNode proxied({.extra_toml = "[log]\nformat = \"json\"\nlevel = \"debug\"\n",
                    .server_toml = "trusted_proxies = [\"127.0.0.1\"]\n"});
  proxied.start();
  Headers spoof = {{"X-Forwarded-For", "198.51.100.66, 203.0.113.7"}};
  REQUIRE(http_get(proxied.url("/feeds/atom"), spoof).status == 200);
  REQUIRE(http_get(proxied.url("/nothing-here")).status == 404);
  REQUIRE(poll_for(10s, [&] {
    return proxied.server_log().find("\"target\":\"/nothing-here\"") != std::string::npos;
  }));
  REQUIRE(proxied.stop() == 0);
  std::map<std::string, web::json::value> by_target;
  int lines = 0;
  for (const auto& line : lines_of(proxied.server_log())) {
    INFO(line);
    auto json = web::json::value::parse(line);  // every line is one JSON object
    CHECK(json.has_string_field("time"));
    CHECK(json.has_string_field("level"));
    CHECK(json.has_string_field("msg"));
    if (json.has_field("target")) by_target[json["target"].as_string()] = json;
    ++lines;
  }
  CHECK(lines >= 5);  // start, /healthz, two requests, stopping, stopped
  CHECK(by_target.at("/feeds/atom")["client"].as_string() == "203.0.113.7");
  CHECK(by_target.at("/feeds/atom")["remote"].as_string() == "127.0.0.1");
  CHECK(by_target.at("/feeds/atom")["level"].as_string() == "info");
  CHECK(by_target.at("/healthz")["level"].as_string() == "debug");
  CHECK(by_target.at("/nothing-here")["status"].as_integer() == 404);

  // Without trusted proxies, X-Forwarded-For is not believed; --log-level beats [log].
  TestNode direct(
      {.extra_toml = "[log]\nlevel = \"error\"\n", .serve_options = {"--log-level", "info"}});
  direct.start();
  REQUIRE(http_get(direct.url("/feeds/atom"), spoof).status == 200);
  REQUIRE(
      poll_for(10s, [&] { return direct.server_log().find("/feeds/atom") != std::string::npos; }));
  std::string log = direct.server_log();
  CHECK(std::regex_search(log, std::regex("Z info 127\\.0\\.0\\.1 \"GET /feeds/atom\" 200 ")));
  CHECK(log.find("203.0.113.7") == std::string::npos);
  CHECK(log.find("/healthz") == std::string::npos);  // debug, below info
}

TEST_CASE("/metrics passes promtool check metrics, with build, process and peer counters",
          "[e2e][metrics]") {
  TestNode peer({.id = "sic-es"});
  std::string token = peer.create_token("cms");
  peer.start();
  REQUIRE(http_post(peer.url("/api/articles"),
                    R"({"title": "Hola", "summary": "S", "content_html": "<p>B</p>", "lang": "en",
                        "section": "helplines", "author": "ES"})",
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})
              .status == 201);
  TestNode hub(
      {.id = "sic-hub",
       .extra_toml = "[[peers]]\nid = \"sic-es\"\nurl = \"" + peer.url("/feeds/atom") + "\"\n"});
  REQUIRE(hub.run({"sync"}).status == 0);
  hub.start();
  http_get(hub.url("/feeds/atom"));
  HttpResult metrics = http_get(hub.url("/metrics"));
  REQUIRE(metrics.status == 200);
  TempDir dir("sic-metrics");
  auto file = dir.write("metrics.txt", metrics.body);
  Process promtool(
      ProcessOptions{.program = "/bin/sh",
                     .args = {"-c", "exec promtool check metrics < '" + file.string() + "'"},
                     .name = "promtool"});
  auto status = promtool.wait_for(std::chrono::steady_clock::now() + 60s);
  INFO(promtool.stdout_text() << promtool.stderr_text());
  CHECK(status == 0);
  CHECK(promtool.stdout_text() + promtool.stderr_text() == "");

  const std::string& m = metrics.body;
  INFO(m);
  std::string version = run_sicnode({"--version"}).out;
  REQUIRE(version.rfind("sicnode ", 0) == 0);
  std::string number = version.substr(8, version.find(' ', 8) - 8);
  CHECK(std::regex_search(
      m, std::regex("\nsicnode_build_info\\{compiler=\"[^\"]+\",sqlite=\"3\\.[0-9.]+\",version=\"" +
                    std::regex_replace(number, std::regex("\\."), "\\.") + "\"\\} 1\n")));
  for (const char* family :
       {"process_cpu_seconds_total counter", "process_open_fds gauge",
        "process_resident_memory_bytes gauge", "process_start_time_seconds gauge",
        "sicnode_peer_entries_received_total counter", "sicnode_peer_received_bytes_total counter",
        "sicnode_sync_round_duration_seconds histogram"})
    CHECK(m.find(std::string("\n# TYPE ") + family + "\n") != std::string::npos);
  // The hub's `sync` read the one article; its own first background round may have too.
  std::smatch entries;
  REQUIRE(std::regex_search(
      m, entries,
      std::regex(
          "\nsicnode_peer_entries_received_total\\{kind=\"peer\",peer=\"sic-es\"\\} ([0-9]+)\n")));
  CHECK(std::stoi(entries[1]) >= 1);
}

TEST_CASE("Under systemd, serve says it is ready, pings the watchdog while it answers, and stops",
          "[e2e][service]") {
  NotifySocket systemd;
  TestNode node({.serve_env = {{"NOTIFY_SOCKET", systemd.path()}, {"WATCHDOG_USEC", "1000000"}}});
  node.start();
  REQUIRE(
      poll_for(10s, [&] { return systemd.count("READY=1\nSTATUS=node sic-test serving ") == 1; }));
  REQUIRE(poll_for(20s, [&] { return systemd.count("WATCHDOG=1") >= 2; }));
  REQUIRE(node.stop() == 0);
  CHECK(systemd.count("STOPPING=1") == 1);
}

TEST_CASE("sicnode --version names the program's version, compiler and SQLite", "[e2e][cli]") {
  CommandResult r = run_sicnode({"--version"});
  CHECK(r.status == 0);
  CHECK(
      std::regex_match(r.out, std::regex("sicnode [0-9]+\\.[0-9]+\\.[0-9]+ \\((gcc|clang) [0-9.]+, "
                                         "SQLite 3\\.[0-9.]+\\)\n")));
}
