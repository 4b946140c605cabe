// The HTTP edge of a real `sicnode serve` (docs/http.md): headers, CORS, OPTIONS and
// TRACE, error shapes, the bearer scheme, pipelining, limits from [server], and a
// slowloris attack under an open files limit of 1,024.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/e2e/publish_support.h"
#include "tests/support/poll.h"
#include "tests/support/process.h"
#include "tests/support/raw_http.h"

using namespace sic;
using namespace sic::test;
using namespace std::chrono_literals;

namespace {

const char* kArticle = R"({"title": "Edge", "lang": "en", "summary": "s"})";

std::string first_article_path(const TestNode& node) {
  HttpResult list = http_get(node.url("/api/articles"));
  std::size_t at = list.body.find("\"id\":\"");
  REQUIRE(at != std::string::npos);
  std::size_t end = list.body.find('"', at + 6);
  return "/api/articles/" + percent_encode(list.body.substr(at + 6, end - at - 6));
}

// VmRSS of a process, in kB.
long rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

}  // namespace

TEST_CASE("Pages get a strict CSP and security headers; feeds, OPML and the read API get CORS",
          "[e2e][edge]") {
  TestNode node;
  node.start();
  std::string token = node.create_token();
  REQUIRE(http_post(node.url("/api/articles"), kArticle, bearer(token)).status == 201);
  std::string article_path = first_article_path(node);

  for (std::string path : {"/", "/network", "/nowhere", "/articles/nope"}) {
    HttpResult page = http_get(node.url(path));
    INFO(path);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    std::string csp = page.header("Content-Security-Policy");
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("script-src") == std::string::npos);  // no script at all
    CHECK(page.header("X-Content-Type-Options") == "nosniff");
    CHECK(page.header("Referrer-Policy") == "strict-origin-when-cross-origin");
    CHECK(page.header("X-Frame-Options") == "DENY");
    CHECK(page.header("Access-Control-Allow-Origin").empty());
  }
  for (const std::string& path :
       std::vector<std::string>{"/feeds/atom", "/feeds/json", "/feeds/rss", "/opml",
                                "/api/articles", article_path, "/api/nothing-here"}) {
    HttpResult read = http_get(node.url(path));
    INFO(path);
    CHECK(read.header("Access-Control-Allow-Origin") == "*");
    CHECK(read.header("Access-Control-Expose-Headers").find("ETag") != std::string::npos);
    CHECK(read.header("X-Content-Type-Options") == "nosniff");
  }
  HttpResult etag = http_get(node.url("/feeds/json"));
  HttpResult unchanged =
      http_get(node.url("/feeds/json"), {{"If-None-Match", etag.header("ETag")}});
  CHECK(unchanged.status == 304);
  CHECK(unchanged.header("Access-Control-Allow-Origin") == "*");
  HttpResult written = http_post(node.url("/api/articles"), kArticle, bearer(token));
  CHECK(written.status == 201);
  CHECK(written.header("Access-Control-Allow-Origin").empty());
  CHECK(http_get(node.url("/metrics")).header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("OPTIONS answers the path's Allow and read preflights; TRACE gets 405 and echoes nothing",
          "[e2e][edge]") {
  TestNode node;
  node.start();
  HttpResult feed = http_request("OPTIONS", node.url("/feeds/atom"));
  CHECK(feed.status == 204);
  CHECK(feed.header("Allow") == "GET, HEAD, OPTIONS");
  CHECK(feed.body.empty());
  CHECK(http_request("OPTIONS", node.url("/api/articles")).header("Allow") ==
        "GET, HEAD, POST, OPTIONS");
  CHECK(http_request("OPTIONS", node.url("/api/articles/x")).header("Allow") ==
        "GET, HEAD, PUT, DELETE, OPTIONS");
  CHECK(http_request("OPTIONS", node.url("/nowhere")).status == 404);

  RawSocket star(node.port());
  REQUIRE(star.send("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n"));
  RawResponse any = star.response(5s);
  CHECK(any.status == 204);
  CHECK(any.header("Allow") == "GET, HEAD, POST, PUT, DELETE, OPTIONS");

  HttpResult preflight = http_request("OPTIONS", node.url("/feeds/json"), {},
                                      {{"Origin", "https://www.sic.example.org"},
                                       {"Access-Control-Request-Method", "GET"},
                                       {"Access-Control-Request-Headers", "if-none-match"}});
  CHECK(preflight.status == 204);
  CHECK(preflight.header("Access-Control-Allow-Origin") == "*");
  CHECK(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD");
  CHECK(preflight.header("Access-Control-Allow-Headers").find("If-None-Match") !=
        std::string::npos);
  // A cross-site page may not write: its preflight gets no CORS headers.
  HttpResult write = http_request("OPTIONS", node.url("/api/articles"), {},
                                  {{"Origin", "https://evil.example"},
                                   {"Access-Control-Request-Method", "POST"},
                                   {"Access-Control-Request-Headers", "authorization"}});
  CHECK(write.status == 204);
  CHECK(write.header("Access-Control-Allow-Origin").empty());

  HttpResult trace = http_request("TRACE", node.url("/"), {},
                                  {{"Authorization", "Bearer secret-token-123"}, {"X-Echo", "me"}});
  CHECK(trace.status == 405);
  CHECK(trace.header("Allow") == "GET, HEAD, OPTIONS");
  CHECK(trace.body.find("secret-token-123") == std::string::npos);
  CHECK(trace.body.find("X-Echo") == std::string::npos);
  CHECK(http_request("TRACE", node.url("/api/articles")).status == 405);
}

TEST_CASE("Errors are JSON under /api/ and HTML pages elsewhere, the server's own too",
          "[e2e][edge]") {
  NodeOptions options;
  options.server_toml = "max_body_bytes = 4096\n";
  TestNode node(options);
  node.start();
  std::string token = node.create_token();
  auto is_json_error = [](const auto& r, int status) {
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(r.body.find("{\"error\":{") == 0);
    CHECK(r.body.find("\"status\":" + std::to_string(status)) != std::string::npos);
  };
  auto is_html_error = [](const auto& r, int status) {
    INFO(r.body.substr(0, 300));
    CHECK(r.status == status);
    CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(r.body.find("<!DOCTYPE html>") == 0);
    CHECK(r.body.find("<h1>") != std::string::npos);
    CHECK(r.body.find("<p class=\"status\">" + std::to_string(status)) != std::string::npos);
  };
  is_json_error(http_get(node.url("/api/nothing")), 404);
  HttpResult bad_escape = http_get(node.url("/api/articles/%zz"));
  is_json_error(bad_escape, 400);
  CHECK(bad_escape.body.find("malformed percent escape in the path") != std::string::npos);
  is_html_error(http_get(node.url("/nothing/%zz")), 400);
  HttpResult not_allowed = http_request("PATCH", node.url("/api/articles"));
  is_json_error(not_allowed, 405);
  CHECK(not_allowed.header("Allow") == "GET, HEAD, POST, OPTIONS");
  is_json_error(http_post(node.url("/api/articles"), kArticle, {}), 401);
  is_json_error(http_post(node.url("/api/articles"), std::string(5000, ' '), bearer(token)), 413);
  is_html_error(http_get(node.url("/nothing")), 404);
  is_html_error(http_get(node.url("/feeds/atom?lang=en_GB")), 400);
  is_html_error(http_post(node.url("/network/sync"), "", {}), 401);
  is_html_error(http_request("DELETE", node.url("/feeds/atom")), 405);

  // The server's own answers, before any handler: 401 and 413 before the body, 414,
  // 431, 400.
  RawSocket anonymous(node.port());
  REQUIRE(anonymous.send("POST /api/articles HTTP/1.1\r\nHost: t\r\nContent-Length: 4000\r\n\r\n"));
  RawResponse who = anonymous.response(5s);
  is_json_error(who, 401);
  CHECK(who.header("WWW-Authenticate") == "Bearer realm=\"sicnode\"");
  RawSocket big(node.port());
  REQUIRE(big.send("POST /api/articles HTTP/1.1\r\nHost: t\r\nAuthorization: bearer " + token +
                   "\r\nContent-Length: 6000000\r\n\r\n"));
  is_json_error(big.response(5s), 413);
  RawSocket get_body(node.port());
  REQUIRE(get_body.send("GET /feeds/atom HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n"));
  is_html_error(get_body.response(5s), 413);
  RawSocket long_line(node.port());
  long_line.send("GET /?q=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n");
  is_html_error(long_line.response(5s), 414);
  RawSocket headers(node.port());
  headers.send("GET /api/articles HTTP/1.1\r\nHost: t\r\nX-A: " + std::string(17000, 'a') +
               "\r\n\r\n");
  is_json_error(headers.response(5s), 431);
  RawSocket smuggle(node.port());
  REQUIRE(
      smuggle.send("POST /api/articles HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: "
                   "2\r\n\r\n{}"));
  is_json_error(smuggle.response(5s), 400);
  CHECK(smuggle.closed_within(5s));
}

TEST_CASE("The bearer scheme is case-insensitive", "[e2e][edge]") {
  TestNode node;
  node.start();
  std::string token = node.create_token();
  for (std::string scheme : {"bearer", "BEARER", "Bearer", "bEaReR"}) {
    HttpResult r =
        http_post(node.url("/api/articles"), kArticle,
                  {{"Authorization", scheme + " " + token}, {"Content-Type", "application/json"}});
    INFO(scheme << ": " << r.body);
    CHECK(r.status == 201);
  }
  CHECK(http_post(node.url("/api/articles"), kArticle, {{"Authorization", "Basic " + token}})
            .status == 401);
  CHECK(http_post(node.url("/api/articles"), kArticle, {{"Authorization", "bearer"}}).status ==
        401);
}

TEST_CASE("Pipelined requests to a node are answered in order", "[e2e][edge]") {
  TestNode node;
  node.start();
  RawSocket s(node.port());
  REQUIRE(
      s.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /opml HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /feeds/json HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto answers = s.responses(4, 10s);
  REQUIRE(answers.size() == 4);
  CHECK(answers[0].body == "ok\n");
  CHECK(answers[1].body.find("<opml") != std::string::npos);
  CHECK(answers[2].status == 404);
  CHECK(answers[3].body.find("\"version\"") != std::string::npos);
}

TEST_CASE("A header line of 64 MB is cut off at 16 KB without growing the node's memory",
          "[e2e][edge]") {
  TestNode node;
  node.start();
  pid_t pid = node.server_pid();
  REQUIRE(pid > 0);
  long before = rss_kb(pid);
  std::vector<RawSocket> attackers;
  for (int i = 0; i < 4; ++i) {
    attackers.emplace_back(node.port());
    attackers.back().send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: ");
  }
  std::string chunk(1 << 20, 'x');
  for (int mb = 0; mb < 64; ++mb)
    for (auto& a : attackers) a.send(chunk);  // fails once the node has closed
  for (auto& a : attackers) {
    CHECK(a.closed_within(10s));
    RawResponse r;
    parse_raw_response(a.pending(), false, r);
    CHECK(r.status == 431);
  }
  long after = rss_kb(pid);
  INFO("RSS before " << before << " kB, after " << after << " kB");
  CHECK(after - before < 32 * 1024);
  CHECK(http_get(node.url("/healthz")).status == 200);
}

TEST_CASE(
    "Under ulimit -n 1024, 1,100 slowloris connections leave /healthz and the feeds answering",
    "[e2e][edge][slowloris]") {
  // This process holds the attackers' sockets: it needs more than 1,100 descriptors.
  rlimit mine{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &mine) == 0);
  if (mine.rlim_max != RLIM_INFINITY && mine.rlim_max < 1300) {
    WARN("the hard open files limit is " << mine.rlim_max << ": the slowloris test is skipped");
    return;
  }
  rlimit raised = mine;
  raised.rlim_cur = mine.rlim_max == RLIM_INFINITY ? 4096 : std::min<rlim_t>(mine.rlim_max, 4096);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &raised) == 0);
  struct Restore {
    rlimit limit;
    ~Restore() { ::setrlimit(RLIMIT_NOFILE, &limit); }
  } restore{mine};

  NodeOptions options;
  options.open_files_limit = 1024;
  options.server_toml = "header_timeout_seconds = 3\n";
  TestNode node(options);
  node.start();
  // Two clients that connected first and keep their connections.
  RawSocket health(node.port()), feeds(node.port());
  REQUIRE(health.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  REQUIRE(health.response(5s).status == 200);
  REQUIRE(feeds.send("GET /feeds/atom HTTP/1.1\r\nHost: t\r\n\r\n"));
  REQUIRE(feeds.response(5s).status == 200);

  // 1,100 connections each sending a request head that never ends.
  std::vector<RawSocket> slow;
  int refused = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1100; ++i) {
    try {
      slow.emplace_back(node.port());
      slow.back().send("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ");
    } catch (const std::runtime_error&) {
      ++refused;  // the backlog is full: refused by the kernel, at once
    }
  }
  INFO("connected " << slow.size() << ", refused " << refused);
  // Past the cap (512), connections are answered 503 and closed at once.
  int answered_busy = 0;
  CHECK(poll_for(5s, [&] {
    answered_busy = 0;
    for (auto& s : slow)
      if (s.closed_within(0ms)) ++answered_busy;
    return answered_busy + refused >= 1100 - 512;
  }));
  // Meanwhile the first clients are served, each time at once.
  for (int i = 0; i < 5; ++i) {
    auto asked = std::chrono::steady_clock::now();
    REQUIRE(health.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    CHECK(health.response(5s).body == "ok\n");
    REQUIRE(feeds.send("GET /feeds/atom HTTP/1.1\r\nHost: t\r\n\r\n"));
    CHECK(feeds.response(5s).status == 200);
    CHECK(std::chrono::steady_clock::now() - asked < 1s);
  }
  // After the header timeout the attackers are answered 408 and closed; once they are
  // gone, new clients are served again.
  CHECK(poll_for(10s, [&] {
    bool all = true;
    for (auto& s : slow) all = s.closed_within(0ms) && all;  // each looks once a turn
    return all;
  }));
  CHECK(std::chrono::steady_clock::now() - start < 6s);
  slow.clear();
  CHECK(poll_for(5s, [&] { return http_get(node.url("/healthz")).status == 200; }));
  CHECK(node.running());
}

namespace {

// A self-signed certificate for 127.0.0.1 and its key, written into dir.
void make_certificate(const std::filesystem::path& dir) {
  Process openssl(
      {.program = "openssl",
       .args = {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", (dir / "key.pem").string(), "-out",
                (dir / "cert.pem").string(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1"},
       .name = "openssl"});
  REQUIRE(openssl.wait_for(std::chrono::steady_clock::now() + 30s) == 0);
}

// curl with the certificate trusted: its output (headers and body) and exit status.
std::pair<int, std::string> curl(const std::filesystem::path& ca,
                                 const std::vector<std::string>& urls) {
  std::vector<std::string> args = {"-sS", "-D", "-", "--max-time", "10", "--cacert", ca.string()};
  args.insert(args.end(), urls.begin(), urls.end());
  Process p({.program = "curl", .args = args, .name = "curl"});
  auto status = p.wait_for(std::chrono::steady_clock::now() + 30s);
  return {status.value_or(-1), p.stdout_text() + p.stderr_text()};
}

}  // namespace

TEST_CASE("With tls_certificate and tls_key the node serves HTTPS, with the same edge rules",
          "[e2e][edge][tls]") {
  TempDir keys("sic-tls");
  make_certificate(keys.path());
  NodeOptions options;
  options.https = true;
  options.server_toml = "tls_certificate = \"" + (keys.path() / "cert.pem").string() +
                        "\"\ntls_key = \"" + (keys.path() / "key.pem").string() +
                        "\"\nheader_timeout_seconds = 2\n";
  TestNode node(options);
  node.start();
  CHECK(node.url("/").rfind("https://", 0) == 0);
  // Two requests on one connection (curl reuses it), then a page with its headers.
  auto [status, out] = curl(keys.path() / "cert.pem", {node.url("/healthz"), node.url("/")});
  INFO(out.substr(0, 2000));
  CHECK(status == 0);
  CHECK(out.find("HTTP/1.1 200 OK") != std::string::npos);
  CHECK(out.find("ok\n") != std::string::npos);
  CHECK(out.find("Content-Security-Policy: default-src 'none'") != std::string::npos);
  // Without the certificate trusted, or in plain HTTP, nothing is served.
  auto [untrusted, why] = curl("/dev/null", {node.url("/healthz")});
  CHECK(untrusted != 0);
  HttpResult plain = http_get("http://127.0.0.1:" + std::to_string(node.port()) + "/healthz");
  CHECK(plain.status == 0);
  // A connection that never says hello is closed at the header timeout.
  RawSocket silent(node.port());
  CHECK(silent.closed_within(5s));
  CHECK(node.running());
}

TEST_CASE("A TLS key that does not match its certificate stops serve with a clear message",
          "[e2e][edge][tls]") {
  TempDir one("sic-tls-one"), two("sic-tls-two");
  make_certificate(one.path());
  make_certificate(two.path());
  NodeOptions options;
  options.https = true;
  options.server_toml = "tls_certificate = \"" + (one.path() / "cert.pem").string() +
                        "\"\ntls_key = \"" + (two.path() / "key.pem").string() + "\"\n";
  TestNode node(options);
  CHECK_THROWS_WITH(node.start(), Catch::Contains("does not match tls_certificate"));
  CHECK_FALSE(node.running());
}
