// Publishing (docs/publishing.md): the feeds /feeds/{atom,json,rss} with their pages
// and monthly archives /feeds/{format}/archive/{YYYY-MM}, and the OPML list /opml, all
// served through the render cache with HTTP validators.
#pragma once

#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::publish {

// Adds the routes and declares the render cache's metrics. The context (with its
// render_cache set) outlives the router.
void add_routes(http::Router& router, NodeContext& context);

}  // namespace sic::publish
