// Rendered documents (feeds, pages) and the cache that keeps them between requests
// (docs/publishing.md, "Render cache"). A document is rendered once per change of the
// catalogue and per query; its ETag and gzip copy are computed once, when it is made.
// It sits in node/context, below node/publish and node/pages, because the NodeContext
// owns the cache; its types keep the publish namespace, whose documents they hold.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "feeds/model/datetime.h"

namespace sic::publish {

// What a renderer produces: a whole HTTP representation, independent of the request.
struct Document {
  int status = 200;
  std::string content_type;  // with its charset
  std::string body;
  std::optional<TimePoint> last_modified;
  std::string cache_control;
  std::string self_url;               // for `Link: <...>; rel="self"`; "" for none
  std::vector<std::string> hub_urls;  // for `Link: <...>; rel="hub"` (WebSub)
  // The document changes at this time even when the catalogue does not (a tombstone
  // leaves the live window, a month ends): a cached copy is not used after it.
  std::optional<TimePoint> fresh_until;
};

// A document ready to send: its strong ETags and its gzip copy.
struct PreparedDocument {
  Document doc;
  std::string etag;  // "\"<32 hex digits of SHA-256>\"" of doc.body
  std::string gzip;  // doc.body gzip-compressed; "" when the status is not 200 or it is no smaller
  std::string gzip_etag;      // "\"<same digits>-gz\""
  std::string last_modified;  // doc.last_modified as an HTTP date; "" when unset
  std::string link;           // the Link header: self and hubs; "" when none
  std::size_t bytes() const { return doc.body.size() + gzip.size() + 256; }
};

// Computes the ETags and, for a 200, the gzip copy (deterministic: no time or name in
// the gzip header, so equal bodies compress to equal bytes).
std::shared_ptr<const PreparedDocument> prepare(Document doc);

// gzip (RFC 1952) of the bytes at the best compression.
std::string gzip_compress(std::string_view bytes);

// An LRU map from a key (document kind and canonical query) to the document rendered
// at one catalogue version. Thread-safe. Bounded by the sum of PreparedDocument::bytes();
// a document larger than the bound is not kept.
class RenderCache {
 public:
  explicit RenderCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The document for the key if it was rendered at `version` and is fresh at `now`;
  // nullptr otherwise (a stale entry is dropped).
  std::shared_ptr<const PreparedDocument> find(const std::string& key, std::int64_t version,
                                               TimePoint now);
  // Keeps the document as the key's, replacing any older one, and evicts the least
  // recently used entries beyond the bound.
  void put(const std::string& key, std::int64_t version,
           std::shared_ptr<const PreparedDocument> document);

  std::size_t bytes() const;
  std::size_t entries() const;

  // Hits and misses of one kind of document ("feed-atom", "page-listing"), counted
  // without a lock.
  struct Counters {
    std::atomic<std::uint64_t> hits{0}, misses{0};
  };
  // The counters of a kind, created on first use; the reference stays valid as long as
  // the cache. Take it once (when a route is added), not per request.
  Counters& counters(const std::string& kind);
  struct KindCount {
    std::string kind;
    std::uint64_t hits, misses;
  };
  std::vector<KindCount> counts() const;

 private:
  struct Entry {
    std::string key;
    std::int64_t version;
    std::shared_ptr<const PreparedDocument> document;
  };
  void erase(std::list<Entry>::iterator it);

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::map<std::string, std::unique_ptr<Counters>> counters_;  // under mutex_
};

}  // namespace sic::publish
