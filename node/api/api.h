// The JSON API under /api (docs/api.md): articles in, articles out. Every write
// needs `Authorization: Bearer TOKEN` (tokens from `sicnode token create`).
#pragma once

#include <optional>

#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::api {

// Adds the /api/articles routes to the router. The context outlives the router.
void add_routes(http::Router& router, NodeContext& context);

// The 401 for a request whose head carries no valid bearer token, or nullopt (also
// when the catalogue cannot say: the handler then answers). The edge asks before it
// reads a write's body, so that no one without a token can make the node hold
// megabytes (docs/http.md, "Limits").
std::optional<http::Response> refuse_without_token(const http::Request& head, NodeContext& context);

}  // namespace sic::api
