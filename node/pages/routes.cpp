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

Response listing(NodeContext& ctx, const Request& req, const publish::DocumentKind& kind) {
  auto query = read_query(ctx, req, Accepts::kFiltersAndPage);
  if (!query.ok()) return publish::bad_request(query.error().message);
  return publish::serve_document(ctx, req, kind, canonical(*query),
                                 [&](Catalogue& cat) { return render_listing(ctx, cat, *query); });
}

// The article a page's segment names: the id itself, or the long id a hashed segment
// stands for (feeds/model/iri.h, iri_path_segment).
Result<Iri> page_id(Catalogue& cat, const std::string& segment, const Iri& id) {
  auto hashed = parse_hashed_segment(segment);
  if (!hashed) return id;
  auto found = cat.articles().find_hashed(*hashed);
  if (!found.ok()) return found.error();
  return found->value_or(id);
}

Response article(NodeContext& ctx, const Request& req, const Params& params,
                 const publish::DocumentKind& kind) {
  auto query = read_query(ctx, req, Accepts::kLangOnly);
  if (!query.ok()) return publish::bad_request(query.error().message);
  auto id = Iri::parse(params.at("id"));
  if (!id.ok()) return publish::respond(req, publish::prepare(not_found_page(ctx)));
  return publish::serve_document(ctx, req, kind, id->str() + "?" + canonical(*query),
                                 [&](Catalogue& cat) -> Result<publish::Document> {
                                   auto real = page_id(cat, params.at("id"), *id);
                                   if (!real.ok()) return real.error();
                                   return render_article(ctx, cat, *real, query->lang);
                                 });
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  publish::DocumentKind listing_kind(ctx, "page-listing"), article_kind(ctx, "page-article");
  router.add(http::Method::kGet, "/", [&ctx, listing_kind](const Request& r, const Params&) {
    return listing(ctx, r, listing_kind);
  });
  router.add(http::Method::kGet, "/articles/{id}",
             [&ctx, article_kind](const Request& r, const Params& p) {
               return article(ctx, r, p, article_kind);
             });
  add_search_route(router, ctx);
  publish::DocumentKind sitemap_kind(ctx, "sitemap");
  router.add(
      http::Method::kGet, "/sitemap.xml", [&ctx, sitemap_kind](const Request& r, const Params&) {
        return publish::serve_document(ctx, r, sitemap_kind, "",
                                       [&](Catalogue& cat) { return render_sitemap(ctx, cat); });
      });
  auto robots = publish::prepare(robots_txt(ctx));
  router.add(http::Method::kGet, "/robots.txt",
             [robots](const Request& r, const Params&) { return publish::respond(r, robots); });
  auto css = publish::prepare(style_sheet(ctx));
  router.add(http::Method::kGet, "/static/style.css",
             [css](const Request& r, const Params&) { return publish::respond(r, css); });
  auto svg = publish::prepare(icon(ctx));
  router.add(http::Method::kGet, "/static/icon.svg",
             [svg](const Request& r, const Params&) { return publish::respond(r, svg); });
}

}  // namespace sic::pages
