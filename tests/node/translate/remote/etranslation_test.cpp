// The eTranslation engine against a local stand-in written from the service's
// documentation (support/fake_etranslation.py): requests with HTTP Digest
// authentication, and the callbacks the stand-in sends to a test server standing for
// the node's callback route. The whole path through a running node is in
// tests/e2e/translation_etranslation_test.cpp.
#include <cpprest/json.h>

#include <catch2/catch.hpp>

#include "node/http/http.h"
#include "node/translate/factory.h"
#include "node/translate/remote/remote_engine.h"
#include "tests/node/translate/support/fetcher.h"
#include "tests/node/translate/support/server_process.h"
#include "tests/support/test_server.h"

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

struct Service {
  std::unique_ptr<testing::ServerProcess> server;
  test::TestServer node;  // stands for the node's callback route
  std::shared_ptr<fetch::Fetcher> fetcher = testing::engine_fetcher(std::chrono::seconds(5));

  Service() {
    auto started = testing::ServerProcess::start(
        {"/usr/bin/python3", testing::support_file("fake_etranslation.py")},
        std::chrono::seconds(20));
    if (!started.ok()) FAIL(started.error().message);
    server = std::move(*started);
    node.fallback([](const test::RecordedRequest&) { return test::Reply{200, "ok\n"}; });
  }

  std::shared_ptr<Engine> engine(const std::string& password = "secret-password") {
    EngineConfig config;
    config.engine = "etranslation";
    config.url = server->url() + "/etranslation/si/translate";
    config.application = "SIC_Node";
    config.password = password;
    config.username = "sic-de";
    config.callback_url = node.url("/");
    config.max_attempts = 2;
    config.initial_backoff = std::chrono::milliseconds(10);
    auto made = make_engine(config, fetcher);
    REQUIRE(made.ok());
    return *made;
  }

  void plan(const std::string& json) {
    auto r = fetcher->fetch(remote::http_request(server->url() + "/_plan", "POST",
                                                 {{"Content-Type", "application/json"}}, json));
    REQUIRE(r.outcome == fetch::Outcome::kOk);
  }

  web::json::value requests() {
    auto r = fetcher->fetch(remote::http_request(server->url() + "/_requests", "GET"));
    return web::json::value::parse(r.body);
  }

  // The callback the stand-in sent to the node, as the node's route reads it.
  Callback callback(std::size_t index) {
    REQUIRE(node.wait_for_requests(index + 1, std::chrono::seconds(20)));
    test::RecordedRequest r = node.requests().at(index);
    Callback cb;
    cb.kind = r.path.substr(r.path.rfind('/') + 1);
    cb.content_type = r.header("Content-Type");
    cb.body = r.body;
    std::size_t q = r.target.find('?');
    if (q != std::string::npos) cb.query = http::parse_query(r.target.substr(q + 1)).value();
    if (cb.content_type.rfind("application/x-www-form-urlencoded", 0) == 0)
      cb.form = http::parse_query(r.body).value();
    return cb;
  }
};

const char* kPrefixPath = "/translation/callbacks/17/0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("eTranslation: a title goes out with Digest authentication and comes back as text",
          "[translate][etranslation]") {
  Service s;
  auto engine = s.engine();
  AsyncEngine* async = engine->asynchronous();
  REQUIRE(async);
  auto pairs = engine->pairs();
  REQUIRE(pairs.ok());
  CHECK(pairs->size() == 24 * 23);
  auto id = async->submit("Der Hund frisst Äpfel", tag("de"), tag("en"), TextFormat::kPlain, "17",
                          s.node.url(kPrefixPath));
  REQUIRE(id.ok());
  CHECK(*id == "4711");
  auto sent = s.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].at("kind").as_string() == "text");
  CHECK(sent[0].at("reference").as_string() == "17");
  CHECK(sent[0].at("source").as_string() == "DE");
  CHECK(sent[0].at("target").as_string() == "EN");

  Callback cb = s.callback(0);
  CHECK(s.node.requests().at(0).path == std::string(kPrefixPath) + "/text");
  CHECK(cb.kind == "text");
  auto content = async->read_callback(cb, TextFormat::kPlain);
  REQUIRE(content.ok());
  CHECK_FALSE(content->failed);
  CHECK(content->text == "The Dog eats Apples");  // the stand-in keeps initial capitals
  CHECK(content->reference == "17");
  CHECK(content->target_primary == "en");
  CHECK_FALSE(engine->translate("x", tag("de"), tag("en"), TextFormat::kPlain).ok());
}

TEST_CASE("eTranslation: a body goes out as an HTML document and comes back with its markup",
          "[translate][etranslation]") {
  Service s;
  auto engine = s.engine();
  auto id =
      engine->asynchronous()->submit("<p>Der <b>Hund</b> frisst Äpfel &amp; mehr.</p>", tag("de"),
                                     tag("en"), TextFormat::kHtml, "17", s.node.url(kPrefixPath));
  REQUIRE(id.ok());
  CHECK(s.requests()[0].at("kind").as_string() == "document");
  Callback cb = s.callback(0);
  CHECK(cb.kind == "document");
  CHECK(cb.content_type.empty());  // the destination gets the bare base64 document
  auto content = engine->asynchronous()->read_callback(cb, TextFormat::kHtml);
  REQUIRE(content.ok());
  CHECK(content->text == "<p>The <b>Dog</b> eats Apples &amp; mehr.</p>");
  CHECK(content->reference == "17");
  CHECK(content->target_primary == "en");
}

TEST_CASE("eTranslation: an error callback is read as the service's failure",
          "[translate][etranslation]") {
  Service s;
  s.plan(R"({"mode": "fail", "count": 1})");
  auto engine = s.engine();
  REQUIRE(
      engine->asynchronous()
          ->submit("Hallo", tag("de"), tag("en"), TextFormat::kPlain, "17", s.node.url(kPrefixPath))
          .ok());
  Callback cb = s.callback(0);
  CHECK(cb.kind == "error");
  auto content = engine->asynchronous()->read_callback(cb, TextFormat::kPlain);
  REQUIRE(content.ok());
  CHECK(content->failed);
  CHECK(content->error ==
        "etranslation: the service failed the request: -20028 Concurrency quota exceeded");
}

TEST_CASE("eTranslation: refusals are errors naming the cause", "[translate][etranslation]") {
  Service s;
  SECTION("a wrong password is refused by the Digest authentication") {
    auto id = s.engine("wrong")->asynchronous()->submit(
        "Hallo", tag("de"), tag("en"), TextFormat::kPlain, "17", s.node.url(kPrefixPath));
    REQUIRE_FALSE(id.ok());
    CHECK_THAT(id.error().message, Catch::StartsWith("etranslation: HTTP 401"));
  }
  SECTION("a negative answer is the service's error code") {
    s.plan(R"({"mode": "refuse", "code": -20028, "count": 1})");
    auto id = s.engine()->asynchronous()->submit("Hallo", tag("de"), tag("en"), TextFormat::kPlain,
                                                 "17", s.node.url(kPrefixPath));
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().message ==
          "etranslation: the service refused the request: -20028 (concurrency quota exceeded)");
  }
  SECTION("a language outside the EU's official ones is not sent") {
    auto id = s.engine()->asynchronous()->submit("Hæ", tag("is"), tag("en"), TextFormat::kPlain,
                                                 "17", s.node.url(kPrefixPath));
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().message == "etranslation: cannot translate from is to en");
    CHECK(s.requests().size() == 0);
  }
  SECTION("a callback that is not the service's is malformed") {
    Callback no_text{"text", "application/x-www-form-urlencoded", "", {}, {{"request-id", "1"}}};
    CHECK_FALSE(s.engine()->asynchronous()->read_callback(no_text, TextFormat::kPlain).ok());
    Callback other{"surprise", "", "x", {}, {}};
    CHECK_FALSE(s.engine()->asynchronous()->read_callback(other, TextFormat::kPlain).ok());
  }
}
