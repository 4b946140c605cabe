// /feeds/{format} and /feeds/{format}/archive/{YYYY-MM} (docs/publishing.md).
#include "node/publish/feed_documents.h"
#include "node/publish/opml.h"
#include "node/publish/publish.h"
#include "node/publish/serve.h"

namespace sic::publish {
namespace {

using http::Params;
using http::Request;
using http::Response;

Result<FeedQuery> read_query(const NodeContext& ctx, const Request& req, Accepts accepts) {
  auto params = decode_target_query(req.target);
  if (!params.ok()) return params.error();
  return parse_query(*params, *ctx.taxonomy, accepts);
}

Response live(NodeContext& ctx, const Request& req, FeedFormat format, const DocumentKind& kind) {
  auto query = read_query(ctx, req, Accepts::kFiltersAndPage);
  if (!query.ok()) return bad_request(query.error().message);
  return serve_document(ctx, req, kind, canonical(*query),
                        [&](Catalogue& cat) { return render_live_feed(ctx, cat, format, *query); });
}

Response archive(NodeContext& ctx, const Request& req, const Params& params, FeedFormat format,
                 const DocumentKind& kind) {
  const std::string& text = params.at("month");
  auto month = parse_month(text);
  if (!month) return bad_request("archive: " + quoted(text) + " is not a month (YYYY-MM)");
  auto query = read_query(ctx, req, Accepts::kFilters);
  if (!query.ok()) return bad_request(query.error().message);
  return serve_document(
      ctx, req, kind, month_text(*month) + "?" + canonical(*query),
      [&](Catalogue& cat) { return render_archive(ctx, cat, format, *month, *query); });
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  declare_cache_metrics(ctx);
  for (FeedFormat format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
    std::string base = std::string("/feeds/") + to_string(format);
    DocumentKind live_kind(ctx, std::string("feed-") + to_string(format));
    DocumentKind archive_kind(ctx, std::string("archive-") + to_string(format));
    router.add(http::Method::kGet, base,
               [&ctx, format, live_kind](const Request& r, const Params&) {
                 return live(ctx, r, format, live_kind);
               });
    router.add(http::Method::kGet, base + "/archive/{month}",
               [&ctx, format, archive_kind](const Request& r, const Params& p) {
                 return archive(ctx, r, p, format, archive_kind);
               });
  }
  add_opml_route(router, ctx);
}

}  // namespace sic::publish
