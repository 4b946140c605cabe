#include "node/publish/http_cache.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::publish;

namespace {

std::shared_ptr<const PreparedDocument> sample(int status = 200) {
  Document d;
  d.status = status;
  d.content_type = "application/atom+xml; charset=utf-8";
  d.body = std::string(2000, 'a') + "<feed/>";
  d.last_modified = from_unix(1795867200);  // Sat, 28 Nov 2026 12:00:00 GMT
  d.cache_control = "public, max-age=300";
  d.self_url = "https://sic.example.pt/feeds/atom";
  d.hub_urls = {"https://hub.example.eu/"};
  return prepare(std::move(d));
}

http::Request request(std::map<std::string, std::string> headers = {}) {
  http::Request r;
  r.headers = std::move(headers);
  return r;
}

}  // namespace

TEST_CASE("Accept-Encoding allows gzip unless q=0", "[publish][http]") {
  CHECK(accepts_gzip("gzip"));
  CHECK(accepts_gzip("deflate, gzip;q=0.5"));
  CHECK(accepts_gzip("br, GZIP ; q=1.0"));
  CHECK(accepts_gzip("x-gzip"));
  CHECK(accepts_gzip("*"));
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("gzip;q=0.000, br"));
  CHECK_FALSE(accepts_gzip("*;q=1, gzip;q=0"));
  CHECK_FALSE(accepts_gzip("*;q=0"));
  CHECK_FALSE(accepts_gzip("gzip;q=nonsense"));
}

TEST_CASE("If-None-Match matches either variant's ETag, weak or strong, or *", "[publish][http]") {
  auto doc = sample();
  CHECK(none_match_hits(doc->etag, *doc));
  CHECK(none_match_hits(doc->gzip_etag, *doc));
  CHECK(none_match_hits("\"other\", W/" + doc->etag, *doc));
  CHECK(none_match_hits("*", *doc));
  CHECK_FALSE(none_match_hits("\"other\"", *doc));
  CHECK_FALSE(none_match_hits(doc->etag.substr(1), *doc));
}

TEST_CASE("A document gets a strong ETag, Last-Modified, Cache-Control, Vary and Link",
          "[publish][http]") {
  auto doc = sample();
  http::Response r = respond(request(), doc);
  CHECK(r.status == 200);
  CHECK(r.payload() == doc->doc.body);
  CHECK(r.shared_body.get() == &doc->doc.body);  // shared, not copied
  CHECK(r.header_value("ETag") == doc->etag);
  CHECK(r.header_value("ETag").front() == '"');
  CHECK(r.header_value("Last-Modified") == "Sat, 28 Nov 2026 12:00:00 GMT");
  CHECK(r.header_value("Cache-Control") == "public, max-age=300");
  CHECK(r.header_value("Vary") == "Accept-Encoding");
  CHECK(r.header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  CHECK(
      r.header_value("Link") ==
      "<https://sic.example.pt/feeds/atom>; rel=\"self\", <https://hub.example.eu/>; rel=\"hub\"");
  CHECK(r.header_value("Content-Encoding").empty());
}

TEST_CASE("gzip is sent to clients that accept it, with its own ETag", "[publish][http]") {
  auto doc = sample();
  http::Response r = respond(request({{"accept-encoding", "gzip, deflate"}}), doc);
  CHECK(r.header_value("Content-Encoding") == "gzip");
  CHECK(r.header_value("ETag") == doc->gzip_etag);
  CHECK(r.payload() == doc->gzip);
  CHECK(r.payload().size() < doc->doc.body.size());
  CHECK(r.payload().substr(0, 2) == "\x1f\x8b");
  CHECK(doc->gzip == gzip_compress(doc->doc.body));  // deterministic bytes
}

TEST_CASE("A matching If-None-Match gives 304 without a body", "[publish][http]") {
  auto doc = sample();
  http::Response r = respond(request({{"if-none-match", doc->etag}}), doc);
  CHECK(r.status == 304);
  CHECK(r.payload().empty());
  CHECK(r.header_value("ETag") == doc->etag);
  CHECK(r.header_value("Cache-Control") == "public, max-age=300");
  CHECK(r.header_value("Vary") == "Accept-Encoding");
  CHECK(r.header_value("Content-Type").empty());
  CHECK(respond(request({{"if-none-match", "\"x\""}}), doc).status == 200);
}

TEST_CASE("If-Modified-Since is used only without If-None-Match", "[publish][http]") {
  auto doc = sample();
  CHECK(respond(request({{"if-modified-since", "Sat, 28 Nov 2026 12:00:00 GMT"}}), doc).status ==
        304);
  CHECK(respond(request({{"if-modified-since", "Sun, 29 Nov 2026 12:00:00 GMT"}}), doc).status ==
        304);
  CHECK(respond(request({{"if-modified-since", "Sat, 28 Nov 2026 11:59:59 GMT"}}), doc).status ==
        200);
  CHECK(respond(request({{"if-modified-since", "yesterday"}}), doc).status == 200);
  CHECK(respond(request({{"if-modified-since", "Sat, 28 Nov 2026 12:00:00 GMT"},
                         {"if-none-match", "\"other\""}}),
                doc)
            .status == 200);
}

TEST_CASE("Documents other than 200 are sent as they are", "[publish][http]") {
  auto doc = sample(404);
  http::Response r = respond(request({{"if-none-match", "*"}, {"accept-encoding", "gzip"}}), doc);
  CHECK(r.status == 404);
  CHECK(r.header_value("ETag").empty());
  CHECK(r.header_value("Content-Encoding").empty());
  CHECK(r.payload() == doc->doc.body);
}
