#include "node/context/render_cache.h"

#include <zlib.h>

#include <stdexcept>

#include "feeds/model/hash.h"

namespace sic::publish {

std::string gzip_compress(std::string_view bytes) {
  z_stream z{};
  // 15 window bits + 16: a gzip wrapper with a zeroed header (no name, no time).
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, uLong(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = uInt(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

std::shared_ptr<const PreparedDocument> prepare(Document doc) {
  auto p = std::make_shared<PreparedDocument>();
  std::string digits = sha256_hex(doc.body).substr(0, 32);
  p->etag = "\"" + digits + "\"";
  p->gzip_etag = "\"" + digits + "-gz\"";
  if (doc.last_modified) p->last_modified = format_http_date(*doc.last_modified);
  if (!doc.self_url.empty()) p->link = "<" + doc.self_url + ">; rel=\"self\"";
  for (const auto& hub : doc.hub_urls)
    p->link += (p->link.empty() ? "<" : ", <") + hub + ">; rel=\"hub\"";
  if (doc.status == 200) p->gzip = gzip_compress(doc.body);
  if (p->gzip.size() >= doc.body.size()) p->gzip.clear();  // not worth it
  p->doc = std::move(doc);
  return p;
}

std::shared_ptr<const PreparedDocument> RenderCache::find(const std::string& key,
                                                          std::int64_t version, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  const Entry& e = *it->second;
  const auto& fresh_until = e.document->doc.fresh_until;
  if (e.version != version || (fresh_until && now >= *fresh_until)) {
    erase(it->second);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return e.document;
}

void RenderCache::put(const std::string& key, std::int64_t version,
                      std::shared_ptr<const PreparedDocument> document) {
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    if (it->second->version > version) return;  // a newer rendering is there already
    erase(it->second);
  }
  std::size_t size = document->bytes();
  if (size > max_bytes_) return;
  lru_.push_front(Entry{key, version, std::move(document)});
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_) erase(std::prev(lru_.end()));
}

void RenderCache::erase(std::list<Entry>::iterator it) {
  bytes_ -= it->document->bytes();
  index_.erase(it->key);
  lru_.erase(it);
}

std::size_t RenderCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

RenderCache::Counters& RenderCache::counters(const std::string& kind) {
  std::lock_guard lock(mutex_);
  auto& slot = counters_[kind];
  if (!slot) slot = std::make_unique<Counters>();
  return *slot;
}

std::vector<RenderCache::KindCount> RenderCache::counts() const {
  std::lock_guard lock(mutex_);
  std::vector<KindCount> out;
  for (const auto& [kind, c] : counters_) out.push_back({kind, c->hits.load(), c->misses.load()});
  return out;
}

std::size_t RenderCache::entries() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

}  // namespace sic::publish
