// The federation commands as a person uses them: import of a CMS feed (a file, a
// URL, the config's [[sources]]), peers add/remove/list, and sync's progress bar
// (only on a terminal).
#include <fstream>

#include "tests/e2e/federation_support.h"

using namespace sic;
using namespace sic::test;

namespace {

std::string cms_rss(const std::string& second_title) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Centro de Internet Segura</title><link>https://cms.example.pt/</link>
  <language>pt</language>
  <item><title>Dia da Internet Mais Segura</title><guid isPermaLink="false">post-101</guid>
    <description>Escolas convidadas.</description>
    <pubDate>Tue, 06 Oct 2026 09:00:00 +0000</pubDate></item>
  <item><title>)" +
         second_title + R"(</title><link>https://cms.example.pt/noticias/linha</link>
    <pubDate>Wed, 07 Oct 2026 09:00:00 +0000</pubDate></item>
</channel></rss>)";
}

web::json::value articles_of(TestNode& node) {
  HttpResult r = http_get(node.url("/api/articles"));
  REQUIRE(r.status == 200);
  return web::json::value::parse(r.body)["articles"];
}

}  // namespace

TEST_CASE("import turns a CMS feed file into the node's own articles, with stable ids",
          "[e2e][federation][import]") {
  TestNode node({.id = "sic-pt", .languages = {"pt", "en"}});
  TempDir files;
  auto rss = files.write("news.rss", cms_rss("Linha de apoio"));
  CommandResult first = node.run({"import", rss.string()});
  INFO(first.out << first.err);
  CHECK(first.status == 0);
  CHECK(first.out.find("2 new, 0 updated, 0 deleted, 0 unchanged, 0 refused") != std::string::npos);

  files.write("news.rss", cms_rss("Linha de apoio: novo horário"));
  CommandResult second = node.run({"import", rss.string()});
  CHECK(second.out.find("0 new, 1 updated, 0 deleted, 1 unchanged") != std::string::npos);

  node.start();
  auto articles = articles_of(node);
  REQUIRE(articles.size() == 2);
  for (auto& a : articles.as_array()) {
    CHECK(a["origin"].as_string() == "sic-pt");
    CHECK(a["lang"].as_string() == "pt");
  }
  CHECK(articles[0]["title"].as_string() == "Linha de apoio: novo horário");

  CommandResult bad = node.run({"import", files.write("bad.xml", "<html></html>").string()});
  CHECK(bad.status == 1);
  CHECK(bad.err.find("sicnode: import: ") == 0);
  CHECK(bad.err.find("not a feed") != std::string::npos);
  CHECK(node.run({"import", (files.path() / "missing.rss").string()}).status == 1);
  CHECK(articles_of(node).size() == 2);
}

TEST_CASE("import without a source imports the config's [[sources]] over HTTP",
          "[e2e][federation][import]") {
  TestServer cms;
  Reply feed;
  feed.body = cms_rss("Linha de apoio");
  feed.content_type = "application/rss+xml";
  feed.etag = "\"cms-1\"";
  cms.route("/rss", feed);
  TestNode node({.id = "sic-pt",
                 .languages = {"pt"},
                 .extra_toml = "[[sources]]\nid = \"cms\"\nurl = \"" + cms.url("/rss") +
                               "\"\nlang = \"pt-PT\"\n"});
  CommandResult r = node.run({"import"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("cms ") != std::string::npos);
  CHECK(r.out.find("2 new") != std::string::npos);
  CommandResult again = node.run({"import"});
  CHECK(again.out.find("not modified") != std::string::npos);
  CHECK(cms.requests_to("/rss").back().header("If-None-Match") == "\"cms-1\"");
  CHECK(node.run({"peers", "list"}).out.find("source") != std::string::npos);

  TestNode bare({.id = "sic-es"});
  CommandResult none = bare.run({"import"});
  CHECK(none.status == 2);
  CHECK(none.err.find("no [[sources]]") != std::string::npos);
}

TEST_CASE("peers add, list and remove, with clear errors", "[e2e][federation][cli]") {
  TestNode node({.id = "sic-hub"});
  CommandResult added = node.run({"peers", "add", "sic-es", "https://sic.example.es/feeds/atom"});
  CHECK(added.status == 0);
  CHECK(node.run({"peers", "list"}).out.find("sic-es") != std::string::npos);
  CHECK(node.run({"peers", "list"}).out.find(" new ") != std::string::npos);

  CommandResult twice = node.run({"peers", "add", "sic-es", "https://x.example.es/"});
  CHECK(twice.status == 2);
  CHECK(twice.err == "sicnode: peers: \"sic-es\" exists already (remove it first)\n");
  CHECK(node.run({"peers", "add", "sic-hub", "https://x.example.eu/"}).status == 2);
  CHECK(node.run({"peers", "add", "Bad Id", "https://x.example.eu/"}).status == 2);
  CommandResult bad_url = node.run({"peers", "add", "sic-fr", "ftp://x.example.fr/"});
  CHECK(bad_url.status == 2);
  CHECK(bad_url.err.find("sicnode: peers: url: ") == 0);

  CHECK(node.run({"peers", "remove", "sic-es"}).status == 0);
  CommandResult gone = node.run({"peers", "remove", "sic-es"});
  CHECK(gone.status == 1);
  CHECK(gone.err == "sicnode: peers: no peer \"sic-es\"\n");
  CommandResult unknown = node.run({"sync", "sic-nobody"});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("no peer \"sic-nobody\"") != std::string::npos);
  for (std::vector<std::string> args : {std::vector<std::string>{"sync", "--help"},
                                        {"peers", "--help"},
                                        {"peers", "add", "--help"},
                                        {"import", "--help"}}) {
    INFO(args.front());
    CHECK(node.run(args).status == 0);
  }
}

TEST_CASE("sync shows a progress bar on a terminal and none in a pipe", "[e2e][federation][cli]") {
  Network net({"sic-a", "sic-b"});
  net.start();
  net.follow("sic-b", "sic-a");
  net.post("sic-a", "Progress");
  CommandResult piped = net.sync("sic-b");
  CHECK(piped.err.find("sync: [") == std::string::npos);
  CHECK(piped.err.find('\x1b') == std::string::npos);
  // `script` runs the command on a pseudo-terminal.
  std::string command = sicnode_binary().string() + " --config " +
                        net["sic-b"].config_path().string() + " sync --force";
  CommandResult tty = [&] {
    TempDir scratch("sic-tty");
    Process p(ProcessOptions{.program = "script",
                             .args = {"-qfec", command, "/dev/null"},
                             .output_dir = scratch.path(),
                             .name = "script"});
    CommandResult r;
    r.status = p.wait_for(std::chrono::steady_clock::now() + std::chrono::seconds(60)).value_or(-1);
    r.out = p.stdout_text();
    return r;
  }();
  INFO(tty.out);
  CHECK(tty.status == 0);
  CHECK(tty.out.find("sync: [") != std::string::npos);
  CHECK(tty.out.find("1 peers") != std::string::npos);
}
