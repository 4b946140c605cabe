// WebSub on the node's routes (docs/websub.md): POST /websub (the hub), and
// GET / POST /websub/callback/{peer} (this node's subscriptions to its peers' hubs).
#pragma once

#include "node/context/context.h"
#include "node/http/router.h"
#include "node/websub/hub.h"
#include "sync/round/round.h"

namespace sic::websub {

// Adds the routes and declares the WebSub metrics. `hub` may be null ([websub] hub =
// false: POST /websub answers 404); it, the context and `settings` outlive the router.
void add_routes(http::Router& router, NodeContext& context, Hub* hub,
                const sync::SyncSettings& settings);

// The callback base URL of this node: base_url + "websub/callback/".
std::string callback_base(const NodeContext& context);

}  // namespace sic::websub
