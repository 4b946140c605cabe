// sicnode export: static files written atomically, served by nginx with the snippet of
// docs/publishing.md, byte-identical to what the node serves.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "tests/e2e/publish_support.h"
#include "tests/support/net.h"
#include "tests/support/poll.h"
#include "tests/support/process.h"

using namespace sic;
using namespace sic::test;
namespace fs = std::filesystem;

namespace {

NodeOptions two_languages() {
  NodeOptions o;
  o.languages = {"en", "pt"};
  // Live feeds without next links; months of more than four entries in numbered parts.
  o.extra_toml = "[publish]\npage_size = 1000\narchive_part_entries = 4\n";
  return o;
}

// The ```nginx block of docs/publishing.md, listening on the port and serving root.
std::string documented_server(int port, const fs::path& root) {
  std::string doc = read_text_file(fs::path(SIC_SOURCE_DIR) / "docs" / "publishing.md");
  size_t start = doc.find("```nginx\n");
  REQUIRE(start != std::string::npos);
  start += 9;
  std::string block = doc.substr(start, doc.find("\n```", start) - start);
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = block.find(from);
    REQUIRE(at != std::string::npos);
    block.replace(at, from.size(), to);
  };
  replace("listen 80;", "listen 127.0.0.1:" + std::to_string(port) + ";");
  replace("root /srv/sicnode/site;", "root " + root.string() + ";");
  return block;
}

// nginx in the foreground on a free port with its files in a temporary folder, stopped
// by PID when the test ends.
class Nginx {
 public:
  explicit Nginx(const fs::path& root) : dir_("sic-nginx"), port_(free_loopback_port()) {
    std::string conf = "daemon off;\nworker_processes 1;\npid " + dir_.file("nginx.pid").string() +
                       ";\nerror_log " + dir_.file("error.log").string() +
                       ";\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
      conf += "  " + std::string(temp) + "_temp_path " + dir_.file(temp).string() + ";\n";
    conf += documented_server(port_, root) + "\n}\n";
    auto path = dir_.write("nginx.conf", conf);
    process_ = std::make_unique<Process>(
        ProcessOptions{.program = "/usr/sbin/nginx",
                       .args = {"-c", path.string(), "-p", dir_.path().string(), "-e",
                                dir_.file("error.log").string()},
                       .output_dir = dir_.path(),
                       .name = "nginx"});
    bool up = poll_for(std::chrono::seconds(20),
                       [&] { return !process_->running() || loopback_port_accepts(port_); });
    INFO(read_text_file(dir_.file("error.log")) << process_->stderr_text());
    REQUIRE(up);
    REQUIRE(process_->running());
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  TempDir dir_;
  int port_;
  std::unique_ptr<Process> process_;
};

// A folder nginx's workers (which may run as another user) can read.
fs::path readable_dir(const TempDir& dir) {
  ::chmod(dir.path().c_str(), 0755);
  return dir.path();
}

std::vector<std::string> archive_paths(TestNode& node, const std::string& format,
                                       const std::string& query) {
  std::vector<std::string> out;
  auto feed = parse_feed(http_get(node.url("/feeds/" + format + query)).body, {});
  REQUIRE(feed.ok());
  std::string href = feed->link("prev-archive");
  for (int i = 0; i < 100 && !href.empty(); ++i) {
    out.push_back(href.substr(node.url("").size()));
    auto doc = parse_feed(http_get(href).body, {});
    REQUIRE(doc.ok());
    href = doc->link("prev-archive");
  }
  return out;
}

// A node with own and peers' articles, translations and one deletion.
std::string populate(TestNode& node) {
  std::string token = node.create_token();
  node.start();
  store(node, awkward_articles(14, 3));
  // An id of 400 characters: its page and folder take a bounded name.
  store(node, {simple_article("tag:cms.example.pt,2026:" + std::string(376, 'n'), "Long id",
                              test_now(), "en")});
  std::string body = R"({"title": "A deleted <one>", "lang": "en"})";
  HttpResult created = http_post(node.url("/api/articles"), body, bearer(token));
  REQUIRE(created.status == 201);
  size_t at = created.body.find("\"id\":\"") + 6;
  std::string id = created.body.substr(at, created.body.find('"', at) - at);
  REQUIRE(http_delete(node.url("/api/articles/" + percent_encode(id)), bearer(token)).status ==
          204);
  return id;
}

}  // namespace

TEST_CASE("An export served by nginx with the documented block matches the node byte for byte",
          "[e2e][export]") {
  TestNode node(two_languages());
  std::string deleted = populate(node);
  TempDir out("sic-export");
  fs::path site = readable_dir(out) / "site";
  CommandResult r = node.run({"export", site.string()});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("Exported ", 0) == 0);
  CHECK(fs::exists(site / ".sicnode-export"));
  CHECK(fs::exists(site / "feeds" / "json" / "index.lang-pt.json"));
  CHECK(fs::exists(site / "static" / "style.css"));

  Nginx nginx(site);
  std::vector<std::string> same = {"/feeds/atom",         "/feeds/json",        "/feeds/rss",
                                   "/feeds/atom?lang=pt", "/feeds/rss?lang=en", "/opml",
                                   "/static/style.css"};
  for (const char* format : {"atom", "json", "rss"})
    for (const auto& q : {std::string(), std::string("?lang=pt")})
      for (const auto& path : archive_paths(node, format, q)) same.push_back(path);
  auto feed = parse_feed(http_get(node.url("/feeds/atom")).body, {});
  REQUIRE(feed.ok());
  for (const auto& a : feed->articles) {
    std::string page = "/articles/" + iri_path_segment(a.id);
    same.push_back(page);
    for (const auto& t : a.translations) same.push_back(page + "?lang=" + t.lang.str());
  }
  REQUIRE(same.size() > 20);
  CHECK(std::count_if(same.begin(), same.end(), [](const std::string& p) {
          return p.find("/archive/") != std::string::npos &&
                 p.find_first_of("/", p.find("/archive/") + 9) != std::string::npos;
        }) > 0);  // numbered parts are among them
  for (const auto& path : same) {
    INFO(path);
    HttpResult served = http_get(node.url(path));
    HttpResult exported = http_get(nginx.url(path));
    CHECK(served.status == 200);
    CHECK(exported.status == 200);
    CHECK(exported.body == served.body);
    CHECK(exported.header("Content-Type") == served.header("Content-Type"));
  }

  std::string gone = "/articles/" + percent_encode(deleted);
  HttpResult g = http_get(nginx.url(gone));
  CHECK(g.status == 410);
  CHECK(g.body == http_get(node.url(gone)).body);
  CHECK(http_get(nginx.url("/articles/tag%3Anot%2Cthere")).status == 404);
  CHECK(http_get(nginx.url("/feeds/atom?tag=grooming")).status == 404);
  CHECK(http_get(nginx.url("/?lang=pt")).body.find("<html lang=\"pt\">") != std::string::npos);
  CHECK(http_get(nginx.url("/feeds/atom"), {{"Accept-Encoding", "gzip"}})
            .header("Content-Encoding") == "gzip");
}

TEST_CASE("Export replaces the folder atomically and refuses a folder it did not make",
          "[e2e][export]") {
  TestNode node(two_languages());
  populate(node);
  TempDir out("sic-export");
  fs::path site = out.path() / "site";
  REQUIRE(node.run({"export", site.string()}).status == 0);
  std::string first = read_text_file(site / "feeds" / "atom" / "index.atom");
  REQUIRE_FALSE(first.empty());

  // Readers during later exports always find a whole tree.
  store(node, {simple_article("tag:sic.example.pt,2026:late", "Late news", now_seconds(), "en")});
  Process exporter({.program = sicnode_binary().string(),
                    .args = {"--config", node.config_path().string(), "export", site.string()},
                    .output_dir = out.path(),
                    .name = "export"});
  int reads = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (exporter.running() && std::chrono::steady_clock::now() < deadline) {
    std::string atom = read_text_file(site / "feeds" / "atom" / "index.atom");
    REQUIRE(atom.size() > 100);
    REQUIRE(atom.find("</feed>") != std::string::npos);
    REQUIRE(fs::exists(site / ".sicnode-export"));
    ++reads;
  }
  REQUIRE(exporter.wait_for(deadline) == 0);
  CHECK(reads > 0);
  CHECK(read_text_file(site / "feeds" / "atom" / "index.atom").find("Late news") !=
        std::string::npos);
  for (const auto& entry : fs::directory_iterator(out.path()))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);

  TempDir foreign("sic-foreign");
  foreign.write("precious.txt", "keep me");
  CommandResult refused = node.run({"export", foreign.path().string()});
  CHECK(refused.status == 1);
  CHECK(refused.err == "sicnode: export: " + foreign.path().string() +
                           " is not empty and was not made by sicnode export (no "
                           ".sicnode-export); choose another folder\n");
  CHECK(read_text_file(foreign.file("precious.txt")) == "keep me");
  CHECK(node.run({"export", "--help"}).out.find("Usage") != std::string::npos);
  CHECK(node.run({"export"}).status == 2);
}
