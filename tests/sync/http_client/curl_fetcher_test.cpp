// The libcurl fetcher against real HTTP servers on 127.0.0.1.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sync/http_client/http_client.h"
#include "tests/support/net.h"
#include "tests/support/poll.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"

using namespace sic::fetch;
using sic::test::Reply;
using sic::test::TestServer;
using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char* kUserAgent = "sicnode/0.1.0 (+http://127.0.0.1:9/)";

// Test servers live on loopback, so the tests allow private addresses unless
// they are about that rule. Timeouts are short so that a hang fails fast.
Limits loopback_limits() {
  Limits limits;
  limits.allow_private_addresses = true;
  limits.connect_timeout = seconds(2);
  limits.total_timeout = seconds(10);
  return limits;
}

Response get(const std::string& url, const Limits& limits = loopback_limits()) {
  return make_curl_fetcher(limits, kUserAgent)->fetch(Request{.url = url});
}

Reply text(std::string body) {
  Reply reply;
  reply.body = std::move(body);
  return reply;
}

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// A listening socket that never accepts, with its one-slot queue filled: further
// connection attempts get no answer, as with a peer behind a black hole.
class Unresponsive {
 public:
  Unresponsive() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener_, 0) == 0);
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
    filler_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(::connect(filler_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~Unresponsive() {
    ::close(filler_);
    ::close(listener_);
  }
  int port() const { return port_; }

 private:
  int listener_ = -1, filler_ = -1, port_ = 0;
};

}  // namespace

// ---- success, validators ---------------------------------------------------

TEST_CASE("A 200 brings the body, its content type, the validators and the final URL",
          "[sync][fetcher]") {
  TestServer server;
  Reply reply = text("<feed/>");
  reply.content_type = "application/atom+xml";
  reply.etag = "\"v1\"";
  reply.last_modified = "Sat, 28 Nov 2026 16:04:05 GMT";
  server.route("/feed", reply);

  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.status == 200);
  CHECK(r.body == "<feed/>");
  CHECK(r.content_type == "application/atom+xml");
  CHECK(r.validators == Validators{"\"v1\"", "Sat, 28 Nov 2026 16:04:05 GMT"});
  CHECK(r.final_url == server.url("/feed"));
  CHECK(r.wire_bytes > r.body.size());
  CHECK(r.error.empty());
}

TEST_CASE("Every request carries the User-Agent as given and asks for gzip", "[sync][fetcher]") {
  TestServer server;
  server.route("/", text("hi"));
  REQUIRE(get(server.url("/")).outcome == Outcome::kOk);
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].header("User-Agent") == kUserAgent);
  CHECK(requests[0].header("Accept-Encoding") == "gzip");
  CHECK(requests[0].header("If-None-Match").empty());
  CHECK(requests[0].header("If-Modified-Since").empty());
}

TEST_CASE("Stored validators are sent and a 304 answers with no body", "[sync][fetcher]") {
  TestServer server;
  Reply reply = text("<feed/>");
  reply.etag = "W/\"abc\"";
  reply.last_modified = "Sat, 28 Nov 2026 16:04:05 GMT";
  server.route("/feed", reply);

  Request request{.url = server.url("/feed"), .validators = {reply.etag, reply.last_modified}};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kNotModified);
  CHECK(r.status == 304);
  CHECK(r.body.empty());
  CHECK(r.error.empty());
  CHECK(r.validators == request.validators);

  auto sent = server.requests_to("/feed");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].header("If-None-Match") == "W/\"abc\"");
  CHECK(sent[0].header("If-Modified-Since") == "Sat, 28 Nov 2026 16:04:05 GMT");
}

TEST_CASE("A 304 that does not resend a validator keeps the stored one", "[sync][fetcher]") {
  TestServer server;
  Reply not_modified;
  not_modified.status = 304;
  not_modified.etag = "\"new\"";  // sends an ETag but no Last-Modified
  server.route("/feed", not_modified);

  Request request{.url = server.url("/feed"),
                  .validators = {"\"old\"", "Sat, 28 Nov 2026 16:04:05 GMT"}};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kNotModified);
  CHECK(r.validators == Validators{"\"new\"", "Sat, 28 Nov 2026 16:04:05 GMT"});
}

TEST_CASE("A 200 with the same body but new validators reports the new ones", "[sync][fetcher]") {
  TestServer server;
  Reply reply = text("<feed/>");
  reply.etag = "\"v2\"";
  reply.last_modified = "Sun, 29 Nov 2026 10:00:00 GMT";
  server.route("/feed", reply);

  Request request{.url = server.url("/feed"),
                  .validators = {"\"v1\"", "Sat, 28 Nov 2026 16:04:05 GMT"}};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == "<feed/>");
  CHECK(r.validators == Validators{"\"v2\"", "Sun, 29 Nov 2026 10:00:00 GMT"});
}

TEST_CASE("A 200 without validators reports none, so stale ones are dropped", "[sync][fetcher]") {
  TestServer server;
  server.route("/feed", text("<feed/>"));
  Request request{.url = server.url("/feed"), .validators = {"\"v1\"", ""}};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.validators == Validators{});
}

// ---- gzip and sizes --------------------------------------------------------

TEST_CASE("A gzip body is decompressed and counted compressed on the wire", "[sync][fetcher]") {
  TestServer server;
  std::string feed;
  for (int i = 0; i < 3000; ++i) feed += "<entry><title>Entry " + std::to_string(i) + "</title>";
  Reply reply = text(feed);
  reply.gzip = true;
  server.route("/feed", reply);

  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == feed);
  CHECK(r.wire_bytes < feed.size() / 4);
}

TEST_CASE("A gzip body that inflates past the limit is too large", "[sync][fetcher]") {
  TestServer server;
  Reply bomb = text(std::string(32 * 1024 * 1024, '\0'));
  bomb.gzip = true;
  server.route("/bomb", bomb);
  Limits limits = loopback_limits();
  limits.max_body_bytes = 1024 * 1024;

  Response r = get(server.url("/bomb"), limits);
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.body.empty());
  CHECK(r.error == "body is over the 1 MB limit");
}

TEST_CASE("A body without Content-Length is cut off as soon as it passes the limit",
          "[sync][fetcher]") {
  TestServer server;
  Reply big = text(std::string(16 * 1024 * 1024, 'x'));
  big.send_content_length = false;  // the body ends when the connection closes
  server.route("/big", big);
  Limits limits = loopback_limits();
  limits.max_body_bytes = 256 * 1024;

  Response r = get(server.url("/big"), limits);
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.body.empty());
  CHECK(r.wire_bytes < 4 * 1024 * 1024);  // far from the 16 MB the server had to send
  CHECK(r.error == "body is over the 256 KB limit");
}

TEST_CASE("A Content-Length over the limit is refused before the body", "[sync][fetcher]") {
  TestServer server;
  Reply huge = text("tiny");
  huge.content_length = 1'000'000'000'000ULL;
  server.route("/huge", huge);

  auto start = SteadyClock::now();
  Response r = get(server.url("/huge"));
  CHECK(seconds_since(start) < 5);
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.body.empty());
  CHECK(r.error == "Content-Length 1000000000000 is over the 20 MB limit");
}

TEST_CASE("A body exactly at the limit is accepted", "[sync][fetcher]") {
  TestServer server;
  server.route("/exact", text(std::string(4096, 'y')));
  Limits limits = loopback_limits();
  limits.max_body_bytes = 4096;
  Response r = get(server.url("/exact"), limits);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body.size() == 4096);
}

TEST_CASE("Random bytes are fetched as they are: parsing is not the fetcher's job",
          "[sync][fetcher]") {
  TestServer server;
  std::string noise = sic::test::random_bytes(200 * 1024, 42);
  Reply reply = text(noise);
  reply.content_type = "application/atom+xml";
  server.route("/feed", reply);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == noise);
}

// ---- redirects -------------------------------------------------------------

namespace {
// /hop/N redirects to /hop/N-1; /hop/0 answers "arrived".
void route_hops(TestServer& server) {
  server.fallback([](const sic::test::RecordedRequest& request) {
    int n = std::stoi(request.path.substr(std::string("/hop/").size()));
    if (n == 0) return text("arrived");
    return sic::test::redirect("/hop/" + std::to_string(n - 1), n % 2 ? 301 : 302);
  });
}
}  // namespace

TEST_CASE("Redirects are followed up to the limit and the final URL is reported",
          "[sync][fetcher]") {
  TestServer server;
  route_hops(server);
  Response r = get(server.url("/hop/5"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == "arrived");
  CHECK(r.final_url == server.url("/hop/0"));
  CHECK(server.request_count() == 6);
}

TEST_CASE("One redirect more than the limit is an HTTP error", "[sync][fetcher]") {
  TestServer server;
  route_hops(server);
  Response r = get(server.url("/hop/6"));
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.error == "more than 5 redirects");
  CHECK(server.requests_to("/hop/0").empty());

  Limits limits = loopback_limits();
  limits.max_redirects = 1;
  CHECK(get(server.url("/hop/1"), limits).outcome == Outcome::kOk);
  Response two = get(server.url("/hop/2"), limits);
  CHECK(two.outcome == Outcome::kHttpError);
  CHECK(two.error == "more than 1 redirects");
}

TEST_CASE("A redirect to a scheme other than http or https is not followed", "[sync][fetcher]") {
  TestServer server;
  server.route("/file", sic::test::redirect("file:///etc/passwd"));
  server.route("/ftp", sic::test::redirect("ftp://127.0.0.1:21/feed.xml"));
  for (const char* path : {"/file", "/ftp"}) {
    INFO(path);
    Response r = get(server.url(path));
    CHECK(r.outcome == Outcome::kNetworkError);
    CHECK(r.body.empty());
    CHECK(r.error == "unsupported URL scheme (only http and https are fetched)");
  }
}

TEST_CASE("A URL with another scheme is not fetched", "[sync][fetcher]") {
  for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"}) {
    INFO(url);
    Response r = get(url);
    CHECK(r.outcome == Outcome::kNetworkError);
    CHECK(r.body.empty());
  }
}

// ---- errors and rate limits ------------------------------------------------

TEST_CASE("A 500 is an HTTP error with a one-line message, its body and no validators",
          "[sync][fetcher]") {
  TestServer server;
  Reply failing = text("database is on fire");
  failing.status = 500;
  failing.etag = "\"error-page\"";  // not a validator of the feed
  server.route("/feed", failing);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.status == 500);
  CHECK(r.validators == Validators{});
  CHECK(r.error == "server answered 500 Internal Server Error");
  CHECK(r.body == "database is on fire");
}

TEST_CASE("A 404 and a 410 are HTTP errors", "[sync][fetcher]") {
  TestServer server;
  Reply gone = text("gone");
  gone.status = 410;
  server.route("/gone", gone);
  Response missing = get(server.url("/missing"));
  CHECK(missing.outcome == Outcome::kHttpError);
  CHECK(missing.error == "server answered 404 Not Found");
  CHECK(get(server.url("/gone")).error == "server answered 410 Gone");
}

TEST_CASE("A long error body is kept only in part", "[sync][fetcher]") {
  TestServer server;
  Reply failing = text(std::string(2 * 1024 * 1024, 'e'));
  failing.status = 502;
  server.route("/feed", failing);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.error == "server answered 502 Bad Gateway");
  CHECK(r.body == std::string(64 * 1024, 'e'));
}

TEST_CASE("An error status with a body over the limit is still an HTTP error", "[sync][fetcher]") {
  TestServer server;
  Reply failing = text(std::string(2 * 1024 * 1024, 'e'));
  failing.status = 500;
  server.route("/announced", failing);
  failing.send_content_length = false;
  server.route("/unannounced", failing);
  Limits limits = loopback_limits();
  limits.max_body_bytes = 1024 * 1024;
  for (const char* path : {"/announced", "/unannounced"}) {
    INFO(path);
    Response r = get(server.url(path), limits);
    CHECK(r.outcome == Outcome::kHttpError);
    CHECK(r.error == "server answered 500 Internal Server Error");
  }
}

TEST_CASE("A redirect whose target cannot be reached is judged by the target", "[sync][fetcher]") {
  TestServer server;
  int port = sic::test::free_loopback_port();
  server.route("/moved", sic::test::redirect("http://127.0.0.1:" + std::to_string(port) + "/"));
  Response r = get(server.url("/moved"));
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.error.starts_with("could not connect: "));
}

TEST_CASE("A 429 with Retry-After in seconds is rate limited", "[sync][fetcher]") {
  TestServer server;
  server.route("/feed", sic::test::retry_after(429, "120"));
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kRateLimited);
  CHECK(r.status == 429);
  CHECK(r.retry_after == seconds(120));
  CHECK(r.error == "server answered 429 Too Many Requests, retry after 120 s");
}

TEST_CASE("A 503 with Retry-After as a date is rate limited until that date", "[sync][fetcher]") {
  TestServer server;
  server.route("/feed", sic::test::retry_after(
                            503, sic::format_http_date(sic::now_seconds() + seconds(600))));
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kRateLimited);
  CHECK(r.status == 503);
  REQUIRE(r.retry_after.has_value());
  CHECK(*r.retry_after <= seconds(600));
  CHECK(*r.retry_after >= seconds(590));
}

TEST_CASE("A 429 without Retry-After is rate limited with no delay given", "[sync][fetcher]") {
  TestServer server;
  Reply limited = text("slow down");
  limited.status = 429;
  server.route("/feed", limited);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kRateLimited);
  CHECK_FALSE(r.retry_after.has_value());
  CHECK(r.error == "server answered 429 Too Many Requests");
}

// ---- network faults and timeouts -------------------------------------------

TEST_CASE("A refused connection is a network error", "[sync][fetcher]") {
  int port = sic::test::free_loopback_port();
  Response r = get("http://127.0.0.1:" + std::to_string(port) + "/feed");
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.status == 0);
  CHECK(r.error.starts_with("could not connect: "));
}

TEST_CASE("A connection closed in the middle of the body is a network error", "[sync][fetcher]") {
  TestServer server;
  Reply broken = text(std::string(100 * 1000, 'z'));
  broken.close_after = 1000;
  server.route("/feed", broken);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.body.empty());
  CHECK(r.error == "connection closed before the end of the body");
}

TEST_CASE("A server that hangs up without answering is a network error", "[sync][fetcher]") {
  TestServer server;
  Reply rude;
  rude.hang_up = true;
  server.route("/feed", rude);
  Response r = get(server.url("/feed"));
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.status == 0);
  CHECK(r.error == "server closed the connection without answering");
}

TEST_CASE("A trickling server is cut off at the total timeout", "[sync][fetcher]") {
  TestServer server;
  Reply slow = text(std::string(1000, 's'));
  slow.trickle_bytes = 1;
  slow.trickle_interval = milliseconds(100);  // would take 100 s
  server.route("/feed", slow);
  Limits limits = loopback_limits();
  limits.total_timeout = seconds(1);

  auto start = SteadyClock::now();
  Response r = get(server.url("/feed"), limits);
  double elapsed = seconds_since(start);
  CHECK(r.outcome == Outcome::kTimeout);
  CHECK(r.body.empty());
  CHECK(r.error == "timed out after 1 s");
  CHECK(elapsed >= 0.9);
  CHECK(elapsed < 5);
}

TEST_CASE("A zero timeout or a negative redirect count does not turn a limit off",
          "[sync][fetcher]") {
  TestServer server;
  Reply slow = text(std::string(1000, 's'));
  slow.trickle_bytes = 1;
  slow.trickle_interval = milliseconds(100);
  server.route("/slow", slow);
  server.route("/moved", sic::test::redirect("/slow"));
  Limits limits = loopback_limits();
  limits.total_timeout = seconds(0);
  limits.connect_timeout = seconds(-5);
  limits.max_redirects = -1;

  auto start = SteadyClock::now();
  Response slow_response = get(server.url("/slow"), limits);
  CHECK(slow_response.outcome == Outcome::kTimeout);
  CHECK(seconds_since(start) < 5);
  Response moved = get(server.url("/moved"), limits);
  CHECK(moved.outcome == Outcome::kHttpError);
  CHECK(moved.error == "more than 0 redirects");
}

TEST_CASE("A peer that never completes the connection times out on connect", "[sync][fetcher]") {
  Unresponsive black_hole;
  Limits limits = loopback_limits();
  limits.connect_timeout = seconds(1);
  auto start = SteadyClock::now();
  Response r = get("http://127.0.0.1:" + std::to_string(black_hole.port()) + "/", limits);
  double elapsed = seconds_since(start);
  CHECK(r.outcome == Outcome::kTimeout);
  CHECK(r.error == "could not connect within 1 s");
  CHECK(elapsed >= 0.9);
  CHECK(elapsed < 5);
}

// ---- TLS ---------------------------------------------------------------------

TEST_CASE("A TLS server with an untrusted certificate is not fetched", "[sync][fetcher][tls]") {
  if (!std::filesystem::exists("/usr/bin/openssl")) {
    WARN("skipped: /usr/bin/openssl is needed to run a TLS server");
    return;
  }
  sic::test::TempDir dir;
  std::string key = dir.file("key.pem").string(), cert = dir.file("cert.pem").string();
  sic::test::Process keygen(
      {.program = "/usr/bin/openssl",
       .args = {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1"},
       .output_dir = dir.path(),
       .name = "keygen"});
  REQUIRE(keygen.wait_for(SteadyClock::now() + seconds(30)) == 0);
  int port = sic::test::free_loopback_port();
  sic::test::Process server({.program = "/usr/bin/openssl",
                             .args = {"s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                                      "-cert", cert, "-key", key, "-www"},
                             .output_dir = dir.path(),
                             .name = "s_server"});
  REQUIRE(sic::test::poll_for(seconds(10), [&] { return sic::test::loopback_port_accepts(port); }));

  Response r = get("https://127.0.0.1:" + std::to_string(port) + "/");
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.body.empty());
  CHECK(r.error.starts_with("TLS certificate not trusted: "));
}

// ---- the private-address rule ----------------------------------------------

TEST_CASE("Loopback addresses are refused before connecting unless allowed", "[sync][fetcher]") {
  TestServer server;
  server.route("/feed", text("<feed/>"));
  Limits strict = loopback_limits();
  strict.allow_private_addresses = false;
  std::string port = std::to_string(server.port());

  for (std::string url :
       {server.url("/feed"), "http://localhost:" + port + "/feed", "http://127.1:" + port + "/feed",
        "http://[::1]:" + port + "/feed", "http://[::ffff:127.0.0.1]:" + port + "/feed",
        "http://2130706433:" + port + "/feed"}) {
    INFO(url);
    Response r = get(url, strict);
    CHECK(r.outcome == Outcome::kRefused);
    CHECK(r.body.empty());
    CHECK(r.error.find("private") != std::string::npos);
  }
  CHECK(server.request_count() == 0);

  Response allowed = get(server.url("/feed"), loopback_limits());
  CHECK(allowed.outcome == Outcome::kOk);
  CHECK(server.request_count() == 1);
}

TEST_CASE("The refusal names the address", "[sync][fetcher]") {
  TestServer server;
  Limits strict = loopback_limits();
  strict.allow_private_addresses = false;
  Response r = get(server.url("/"), strict);
  CHECK(r.error ==
        "refused to connect to 127.0.0.1: a loopback, private or reserved address "
        "(private addresses are not allowed)");
}

// ---- requests: POST, HEAD, headers, bad requests ---------------------------

TEST_CASE("A POST sends its body and headers", "[sync][fetcher]") {
  TestServer server;
  server.route("/translate", [](const sic::test::RecordedRequest& request) {
    Reply reply = text("{\"echo\":" + request.body + "}");
    reply.content_type = "application/json";
    return reply;
  });
  Request request{.url = server.url("/translate"),
                  .method = "POST",
                  .headers = {{"Content-Type", "application/json"}, {"X-Api-Key", "k1"}},
                  .body = "{\"q\":\"ol\u00e1\"}"};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == "{\"echo\":{\"q\":\"ol\u00e1\"}}");
  auto sent = server.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].method == "POST");
  CHECK(sent[0].body == request.body);
  CHECK(sent[0].header("Content-Type") == "application/json");
  CHECK(sent[0].header("X-Api-Key") == "k1");
  CHECK(sent[0].header("Expect").empty());
}

TEST_CASE("A large POST body arrives whole", "[sync][fetcher]") {
  TestServer server;
  server.route("/translate", [](const sic::test::RecordedRequest& request) {
    return text(std::to_string(request.body.size()));
  });
  Request request{.url = server.url("/translate"), .method = "POST"};
  request.body = std::string(3 * 1024 * 1024, 'p');
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == std::to_string(3 * 1024 * 1024));
}

TEST_CASE("With Digest credentials a POST answers the server's challenge and is sent again",
          "[sync][fetcher][digest]") {
  TestServer server;
  server.route("/translate", [](const sic::test::RecordedRequest& request) {
    if (request.header("Authorization").rfind("Digest ", 0) == 0) return text("4711");
    Reply challenge = text("unauthorized");
    challenge.status = 401;
    challenge.headers = {{"WWW-Authenticate",
                          "Digest realm=\"eTranslation\", qop=\"auth\", nonce=\"n1\", "
                          "algorithm=MD5"}};
    return challenge;
  });
  Request request{.url = server.url("/translate"), .method = "POST", .body = "{\"x\":1}"};
  request.digest = DigestCredentials{"SIC_Node", "secret"};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == "4711");
  auto sent = server.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].header("Authorization").empty());
  std::string answer = sent[1].header("Authorization");
  CHECK(answer.find("username=\"SIC_Node\"") != std::string::npos);
  CHECK(answer.find("realm=\"eTranslation\"") != std::string::npos);
  CHECK(answer.find("nonce=\"n1\"") != std::string::npos);
  CHECK(answer.find("secret") == std::string::npos);  // the password never travels
  CHECK(sent[1].body == request.body);

  // Without credentials the 401 is the answer.
  Request bare{.url = server.url("/translate"), .method = "POST", .body = "{}"};
  Response refused = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(bare);
  CHECK(refused.outcome == Outcome::kHttpError);
  CHECK(refused.status == 401);
}

TEST_CASE("A HEAD request gets the status and validators without a body", "[sync][fetcher]") {
  TestServer server;
  Reply reply = text("<feed/>");
  reply.etag = "\"h\"";
  server.route("/feed", reply);
  Request request{.url = server.url("/feed"), .method = "HEAD"};
  Response r = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch(request);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body.empty());
  CHECK(r.validators.etag == "\"h\"");
  CHECK(server.requests().at(0).method == "HEAD");
}

TEST_CASE("Requests that cannot be sent fail without reaching the server", "[sync][fetcher]") {
  TestServer server;
  auto fetcher = make_curl_fetcher(loopback_limits(), kUserAgent);
  Request put{.url = server.url("/"), .method = "PUT"};
  Request injected{.url = server.url("/"), .headers = {{"X-A", "1\r\nX-Injected: 2"}}};
  Request bad_name{.url = server.url("/"), .headers = {{"X:B", "1"}}};
  Request bad_etag{.url = server.url("/"), .validators = {"\"a\"\r\nX-Injected: 1", ""}};
  auto responses = fetcher->fetch_all({put, injected, bad_name, bad_etag});
  REQUIRE(responses.size() == 4);
  CHECK(responses[0].error == "unsupported method \"PUT\" (GET, POST or HEAD)");
  CHECK(responses[1].error == "request header \"X-A\" is not a valid header");
  CHECK(responses[2].error == "request header \"X:B\" is not a valid header");
  CHECK(responses[3].error == "request validators contain a line break");
  for (const auto& r : responses) CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(server.request_count() == 0);
}

TEST_CASE("A malformed URL is a network error", "[sync][fetcher]") {
  for (const char* url : {"", "not a url", "http://", "http://exa mple.org/"}) {
    INFO(url);
    Response r = get(url);
    CHECK(r.outcome == Outcome::kNetworkError);
    CHECK_FALSE(r.error.empty());
  }
}

// ---- many requests ---------------------------------------------------------

TEST_CASE("Responses come back in request order and progress counts each one", "[sync][fetcher]") {
  TestServer server;
  server.fallback([](const sic::test::RecordedRequest& request) {
    Reply reply = text(request.path);
    // The first paths answer last.
    reply.delay = milliseconds(request.path == "/0" ? 300 : request.path == "/1" ? 150 : 0);
    return reply;
  });
  std::vector<Request> requests;
  for (int i = 0; i < 6; ++i) requests.push_back({.url = server.url("/" + std::to_string(i))});
  requests.push_back(
      {.url = "http://127.0.0.1:" + std::to_string(sic::test::free_loopback_port()) + "/down"});

  std::vector<std::pair<std::size_t, std::size_t>> calls;
  auto responses = make_curl_fetcher(loopback_limits(), kUserAgent)
                       ->fetch_all(requests, [&](std::size_t done, std::size_t total) {
                         calls.emplace_back(done, total);
                       });
  REQUIRE(responses.size() == 7);
  for (int i = 0; i < 6; ++i) CHECK(responses[i].body == "/" + std::to_string(i));
  CHECK(responses[6].outcome == Outcome::kNetworkError);
  REQUIRE(calls.size() == 7);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    CHECK(calls[i] == std::make_pair(i + 1, std::size_t{7}));
  }
}

TEST_CASE("No requests give no responses", "[sync][fetcher]") {
  CHECK(make_curl_fetcher(loopback_limits(), kUserAgent)->fetch_all({}).empty());
}

TEST_CASE("Slow peers are fetched in parallel: the round takes as long as the slowest",
          "[sync][fetcher]") {
  std::vector<std::unique_ptr<TestServer>> servers;
  std::vector<Request> requests;
  for (int i = 0; i < 5; ++i) {
    auto& server = *servers.emplace_back(std::make_unique<TestServer>());
    Reply slow = text("peer " + std::to_string(i));
    slow.delay = seconds(1);
    server.route("/feed", slow);
    requests.push_back({.url = server.url("/feed")});
  }
  auto start = SteadyClock::now();
  auto responses = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch_all(requests);
  double elapsed = seconds_since(start);
  for (int i = 0; i < 5; ++i) {
    CHECK(responses[i].outcome == Outcome::kOk);
    CHECK(responses[i].body == "peer " + std::to_string(i));
  }
  CHECK(elapsed >= 0.9);
  CHECK(elapsed < 4);  // one after the other would take 5 s
}

TEST_CASE("Every request of a call is in flight at the same time", "[sync][fetcher]") {
  // Each server answers only once all five requests have arrived somewhere: a
  // fetcher that waits for one answer before sending the next request gets "alone".
  constexpr int kPeers = 5;
  std::mutex mutex;
  std::condition_variable all_arrived;
  int arrived = 0;
  auto barrier = [&](const sic::test::RecordedRequest&) {
    std::unique_lock lock(mutex);
    ++arrived;
    all_arrived.notify_all();
    bool together = all_arrived.wait_for(lock, seconds(3), [&] { return arrived >= kPeers; });
    return text(together ? "together" : "alone");
  };
  std::vector<std::unique_ptr<TestServer>> servers;
  std::vector<Request> requests;
  for (int i = 0; i < kPeers; ++i) {
    auto& server = *servers.emplace_back(std::make_unique<TestServer>());
    server.route("/feed", barrier);
    requests.push_back({.url = server.url("/feed")});
  }
  auto responses = make_curl_fetcher(loopback_limits(), kUserAgent)->fetch_all(requests);
  for (const auto& r : responses) CHECK(r.body == "together");
}

TEST_CASE("Concurrent calls on one fetcher do not mix their transfers", "[sync][fetcher]") {
  TestServer server;
  server.fallback([](const sic::test::RecordedRequest& request) { return text(request.path); });
  auto fetcher = make_curl_fetcher(loopback_limits(), kUserAgent);
  std::vector<std::vector<Response>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<Request> requests;
      for (int i = 0; i < 5; ++i) {
        requests.push_back({.url = server.url("/" + std::to_string(t) + "/" + std::to_string(i))});
      }
      results[t] = fetcher->fetch_all(requests);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) {
    REQUIRE(results[t].size() == 5);
    for (int i = 0; i < 5; ++i) {
      CHECK(results[t][i].body == "/" + std::to_string(t) + "/" + std::to_string(i));
    }
  }
}
