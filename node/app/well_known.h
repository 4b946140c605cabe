// GET /.well-known/sicnode: the node's key document (docs/api.md), private to node/app.
#pragma once

#include "node/context/context.h"
#include "node/http/router.h"

namespace sic {

// Adds the route. The document is the node's id, name, base URL, current key,
// earlier keys with their rotation statements, and the plain feeds' origins this node
// signs for (feeds/crypto/key_document.h). The context outlives the router.
void add_well_known_route(http::Router& router, NodeContext& context);

}  // namespace sic
