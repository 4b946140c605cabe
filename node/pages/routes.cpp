// The pages' routes, served through the render cache (docs/pages.md).
#include "node/pages/pages.h"
#include "node/publish/http_cache.h"
#include "node/publish/serve.h"

namespace sic::pages {
namespace {

using http::Params;
using http::Request;
using http::Response;
using publish::Accepts;
using publish::FeedQuery;

// A form sends every field, empty ones too: an empty value means "any".
Result<FeedQuery> read_query(const NodeContext& ctx, const Request& req, Accepts accepts) {
  auto params = publish::decode_target_query(req.target);
  if (!params.ok()) return params.error();
  publish::QueryParams given;
  for (auto& [name, value] : *params)
    if (!value.empty()) given.emplace_back(std::move(name), std::move(value));
  return publish::parse_query(given, *ctx.taxonomy, accepts);
}

Response listing(NodeContext& ctx, const Request& req) {
  auto query = read_query(ctx, req, Accepts::kFiltersAndPage);
  if (!query.ok()) return publish::bad_request(query.error().message);
  return publish::serve_document(ctx, req, "page-listing", canonical(*query),
                                 [&](Catalogue& cat) { return render_listing(ctx, cat, *query); });
}

Response article(NodeContext& ctx, const Request& req, const Params& params) {
  auto query = read_query(ctx, req, Accepts::kLangOnly);
  if (!query.ok()) return publish::bad_request(query.error().message);
  auto id = Iri::parse(params.at("id"));
  if (!id.ok()) return publish::respond(req, publish::prepare(not_found_page(ctx)));
  return publish::serve_document(
      ctx, req, "page-article", id->str() + "?" + canonical(*query),
      [&](Catalogue& cat) { return render_article(ctx, cat, *id, query->lang); });
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/",
             [&ctx](const Request& r, const Params&) { return listing(ctx, r); });
  router.add(http::Method::kGet, "/articles/{id}",
             [&ctx](const Request& r, const Params& p) { return article(ctx, r, p); });
  auto css = publish::prepare(style_sheet(ctx));
  router.add(http::Method::kGet, "/static/style.css",
             [css](const Request& r, const Params&) { return publish::respond(r, css); });
}

}  // namespace sic::pages
