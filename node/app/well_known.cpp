#include "node/app/well_known.h"

#include "node/catalogue/origins.h"

namespace sic {

void add_well_known_route(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/.well-known/sicnode",
             [&ctx](const http::Request&, const http::Params&) {
               crypto::KeyDocument doc = ctx.keys->document();
               doc.name = ctx.config.node.name;
               auto cat = ctx.catalogue->lease();
               if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
               auto origins = (*cat)->origins().list();
               if (!origins.ok()) return http::Response::text(503, "catalogue unavailable\n");
               for (const auto& o : *origins)
                 if (o.kind == OriginKind::kPlain && o.direct) doc.vouches_for.push_back(o.id);
               http::Response r = http::Response::json(200, crypto::write_key_document(doc));
               return r.header("Cache-Control", "public, max-age=300");
             });
}

}  // namespace sic
