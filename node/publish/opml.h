// /opml: an OPML 2.0 subscription list of the node's own feeds (each format, for all
// languages and for each of the node's languages) and of its peers' feeds.
#pragma once

#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/context/render_cache.h"
#include "node/http/router.h"

namespace sic::publish {

// The OPML document. Peers are those of the catalogue (kind peer) and of the config,
// by id. Errors: the catalogue's.
Result<Document> render_opml(const NodeContext& ctx, Catalogue& cat);

// GET /opml. Peers are not part of the catalogue's version, so the list is rendered on
// every request (it is small); its ETag still gives 304s.
void add_opml_route(http::Router& router, NodeContext& ctx);

}  // namespace sic::publish
