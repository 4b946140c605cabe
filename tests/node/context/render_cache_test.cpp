#include "node/context/render_cache.h"

#include <catch2/catch.hpp>

using namespace sic;
using namespace sic::publish;

namespace {

std::shared_ptr<const PreparedDocument> doc_of(std::size_t size,
                                               std::optional<TimePoint> fresh = {}) {
  Document d;
  d.body = std::string(size, 'x');
  d.status = 201;  // no gzip copy: bytes() is the body plus a constant
  d.fresh_until = fresh;
  return prepare(std::move(d));
}

}  // namespace

TEST_CASE("The render cache returns a document only for the version it was rendered at",
          "[publish][cache]") {
  RenderCache cache(1 << 20);
  TimePoint now = from_unix(1000);
  auto d = doc_of(100);
  cache.put("feed-atom\n", 7, d);
  CHECK(cache.find("feed-atom\n", 7, now) == d);
  CHECK(cache.find("feed-rss\n", 7, now) == nullptr);
  CHECK(cache.find("feed-atom\n", 8, now) == nullptr);
  CHECK(cache.entries() == 0);  // the stale entry is dropped
}

TEST_CASE("An older rendering does not replace a newer one", "[publish][cache]") {
  RenderCache cache(1 << 20);
  auto newer = doc_of(10), older = doc_of(20);
  cache.put("k", 9, newer);
  cache.put("k", 8, older);
  CHECK(cache.find("k", 9, from_unix(0)) == newer);
}

TEST_CASE("A document is not used after its fresh_until", "[publish][cache]") {
  RenderCache cache(1 << 20);
  cache.put("k", 1, doc_of(10, from_unix(2000)));
  CHECK(cache.find("k", 1, from_unix(1999)) != nullptr);
  CHECK(cache.find("k", 1, from_unix(2000)) == nullptr);
}

TEST_CASE("The render cache drops the least recently used documents beyond its bound",
          "[publish][cache]") {
  std::size_t one = doc_of(1000)->bytes();
  RenderCache cache(3 * one);
  TimePoint now = from_unix(0);
  cache.put("a", 1, doc_of(1000));
  cache.put("b", 1, doc_of(1000));
  cache.put("c", 1, doc_of(1000));
  CHECK(cache.find("a", 1, now) != nullptr);  // a is now the most recent
  cache.put("d", 1, doc_of(1000));
  CHECK(cache.entries() == 3);
  CHECK(cache.bytes() == 3 * one);
  CHECK(cache.find("b", 1, now) == nullptr);
  CHECK(cache.find("a", 1, now) != nullptr);
  CHECK(cache.find("c", 1, now) != nullptr);
  CHECK(cache.find("d", 1, now) != nullptr);
  cache.put("huge", 1, doc_of(4 * one));
  CHECK(cache.find("huge", 1, now) == nullptr);
  CHECK(cache.entries() == 3);
}

TEST_CASE("Prepared documents carry a strong ETag of their body and a gzip copy",
          "[publish][cache]") {
  Document d;
  d.body = std::string(5000, 'z');
  auto p = prepare(d);
  CHECK(p->etag.size() == 34);
  CHECK(p->gzip_etag == p->etag.substr(0, 33) + "-gz\"");
  CHECK(prepare(d)->etag == p->etag);
  d.body += "!";
  CHECK(prepare(d)->etag != p->etag);
  Document tiny;
  tiny.body = "x";
  CHECK(prepare(tiny)->gzip.empty());  // a gzip copy would be larger
}
