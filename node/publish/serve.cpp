#include "node/publish/serve.h"

#include <future>
#include <map>
#include <mutex>
#include <unordered_map>

#include "node/publish/http_cache.h"

namespace sic::publish {
namespace {

constexpr const char* kHits = "sicnode_render_cache_hits_total";
constexpr const char* kMisses = "sicnode_render_cache_misses_total";

http::Response unavailable(const Error& e) {
  return http::Response::text(503, e.message + "\n").header("Retry-After", "5");
}

struct Rendering {
  Document document;
  std::int64_t version = 0;
  bool consistent = false;  // no write committed while it was rendered
};

// Renders, then checks that the catalogue's version did not move meanwhile (every
// committed write bumps it), so that the document shows the catalogue at one version
// without holding a transaction open. Tries a few times when writes interleave; the
// last rendering is served but not cached.
Result<Rendering> render_consistent(Catalogue& cat, std::int64_t version, const Renderer& render) {
  Rendering out;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto doc = render(cat);
    if (!doc.ok()) return doc.error();
    auto after = cat.version();
    if (!after.ok()) return after.error();
    out = Rendering{std::move(*doc), version, *after == version};
    if (out.consistent) break;
    version = *after;
  }
  return out;
}

using Prepared = std::shared_ptr<const PreparedDocument>;

}  // namespace

struct Renderings {
  struct Flight {
    std::int64_t version;  // the catalogue's version when the rendering started
    std::shared_future<Result<Prepared>> done;
  };
  std::mutex mutex;
  std::unordered_map<std::string, Flight> flights;  // by cache key
};

DocumentKind::DocumentKind(NodeContext& ctx, std::string name)
    : name(std::move(name)),
      counters(&ctx.render_cache->counters(this->name)),
      renderings(std::make_shared<Renderings>()) {}

namespace {

// Renders the document and keeps it in the cache (when no write interleaved).
Result<Prepared> render_and_keep(NodeContext& ctx, const std::string& cache_key,
                                 std::int64_t version, const Renderer& render) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return cat.error();
  auto made = render_consistent(**cat, version, render);
  if (!made.ok()) return made.error();
  Prepared doc = prepare(std::move(made->document));
  if (made->consistent) ctx.render_cache->put(cache_key, made->version, doc);
  return doc;
}

// The document at `version` or later: rendered here, or by the request already rendering
// it, whose result is shared.
Result<Prepared> render_once(NodeContext& ctx, const DocumentKind& kind,
                             const std::string& cache_key, std::int64_t version,
                             const Renderer& render) {
  Renderings& r = *kind.renderings;
  std::promise<Result<Prepared>> promise;
  std::shared_future<Result<Prepared>> done;
  bool mine = false;
  {
    std::lock_guard lock(r.mutex);
    auto it = r.flights.find(cache_key);
    if (it != r.flights.end() && it->second.version >= version) {
      done = it->second.done;
    } else {
      mine = true;
      r.flights[cache_key] = {version, promise.get_future().share()};
    }
  }
  if (!mine) return done.get();
  auto land = [&] {
    std::lock_guard lock(r.mutex);
    auto it = r.flights.find(cache_key);
    if (it != r.flights.end() && it->second.version == version) r.flights.erase(it);
  };
  try {
    Result<Prepared> result = render_and_keep(ctx, cache_key, version, render);
    promise.set_value(result);
    land();
    return result;
  } catch (...) {  // a bug: the waiters get it too, and the next request tries again
    promise.set_exception(std::current_exception());
    land();
    throw;
  }
}

}  // namespace

void declare_cache_metrics(NodeContext& ctx) {
  metrics::Registry& m = ctx.metrics;
  m.counter(kHits, "Documents served from the render cache, by kind.");
  m.counter(kMisses, "Documents rendered because the render cache did not hold them, by kind.");
  m.gauge("sicnode_render_cache_bytes", "Bytes held by the render cache.");
  m.gauge("sicnode_render_cache_entries", "Documents held by the render cache.");
  // Requests count hits and misses in the cache's lock-free counters; /metrics adds what
  // is new since it last looked.
  struct Reported {
    std::mutex mutex;
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> seen;
  };
  auto reported = std::make_shared<Reported>();
  m.add_collector([&ctx, reported](metrics::Registry& reg) {
    reg.set("sicnode_render_cache_bytes", {}, double(ctx.render_cache->bytes()));
    reg.set("sicnode_render_cache_entries", {}, double(ctx.render_cache->entries()));
    std::lock_guard lock(reported->mutex);
    for (const auto& c : ctx.render_cache->counts()) {
      auto& [hits, misses] = reported->seen[c.kind];
      reg.inc(kHits, {{"kind", c.kind}}, double(c.hits - hits));
      reg.inc(kMisses, {{"kind", c.kind}}, double(c.misses - misses));
      hits = c.hits;
      misses = c.misses;
    }
  });
}

http::Response bad_request(const std::string& message) {
  return http::Response::text(400, message + "\n");
}

http::Response serve_document(NodeContext& ctx, const http::Request& request,
                              const DocumentKind& kind, const std::string& key,
                              const Renderer& render) {
  std::string cache_key = kind.name + "\n" + key;
  // A cached document costs no catalogue transaction (CataloguePool::version).
  auto version = ctx.catalogue->version();
  if (!version.ok()) return unavailable(version.error());
  std::shared_ptr<const PreparedDocument> doc =
      ctx.render_cache->find(cache_key, *version, ctx.clock->now());
  if (doc) {
    kind.counters->hits.fetch_add(1, std::memory_order_relaxed);
  } else {
    kind.counters->misses.fetch_add(1, std::memory_order_relaxed);
    auto made = render_once(ctx, kind, cache_key, *version, render);
    if (!made.ok()) return unavailable(made.error());
    doc = std::move(*made);
  }
  return respond(request, doc);
}

}  // namespace sic::publish
