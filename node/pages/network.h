// The hub operator's view of the network (docs/sync.md, "Health"): GET /network, an
// HTML page with every peer's and source's health, and POST /network/sync, which asks
// the server's background sync for a round now (bearer token, like the API's writes).
#pragma once

#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::pages {

// Adds GET /network and POST /network/sync. The context outlives the router.
void add_network_routes(http::Router& router, NodeContext& context);

// The page's HTML, from the peers' stored state at the context's clock time, in the
// words of `lang` (English when empty or without words: ui_language). Errors: the
// catalogue's.
Result<std::string> render_network(const NodeContext& context, Catalogue& catalogue,
                                   const LanguageTag& lang = {});

}  // namespace sic::pages
