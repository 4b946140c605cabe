// Serving rendered documents through the render cache (docs/publishing.md, "Render
// cache"). Shared by the feeds, the OPML list and the HTML pages.
#pragma once

#include <functional>
#include <string>

#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/context/render_cache.h"
#include "node/http/http.h"

namespace sic::publish {

using Renderer = std::function<Result<Document>(Catalogue&)>;

// The renderings of one kind in progress, by cache key (serve_document).
struct Renderings;

// A kind of document ("feed-atom", "page-article"): the first part of its cache keys
// and the label of its hit and miss counts. Make one per route, when it is added;
// copies share its renderings in progress.
struct DocumentKind {
  DocumentKind(NodeContext& ctx, std::string name);
  std::string name;
  RenderCache::Counters* counters;
  std::shared_ptr<Renderings> renderings;
};

// Declares the render cache's metrics (sicnode_render_cache_hits_total, _misses_total
// by document kind, and the cache's size). Idempotent.
void declare_cache_metrics(NodeContext& ctx);

// Answers a GET or HEAD with the document of `kind` and `key` (a canonical query) at the
// catalogue's current version: from the render cache when it holds it (the only
// catalogue access is then the version check), else rendered by `render` and kept.
// Requests that miss while the same document is being rendered at their version or a
// later one wait for that rendering instead of making their own (after a commit, the
// many requests of a busy feed cost one rendering, not one each).
// Then 304 or 200 as http_cache.h's respond() decides. 503 when the catalogue fails.
http::Response serve_document(NodeContext& ctx, const http::Request& request,
                              const DocumentKind& kind, const std::string& key,
                              const Renderer& render);

// A 400 with the message as text ("lang: ... \n"), for invalid queries.
http::Response bad_request(const std::string& message);

}  // namespace sic::publish
