// The JSON API under /api (docs/api.md): articles in, articles out. Every write
// needs `Authorization: Bearer TOKEN` (tokens from `sicnode token create`).
#pragma once

#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::api {

// Adds the /api/articles routes to the router. The context outlives the router.
void add_routes(http::Router& router, NodeContext& context);

}  // namespace sic::api
