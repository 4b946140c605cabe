// The node's feeds: /feeds/atom, /feeds/json and /feeds/rss (docs/publishing.md).
#pragma once

#include "node/app/context.h"
#include "node/http/router.h"

namespace sic::publish {

void add_routes(http::Router& router, NodeContext& context);

}  // namespace sic::publish
