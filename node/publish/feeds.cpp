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
  auto query = read_query(ctx, req, Accepts::kSearchAndPage);
  if (!query.ok()) return bad_request(query.error().message);
  return serve_document(ctx, req, kind, canonical(*query),
                        [&](Catalogue& cat) { return render_live_feed(ctx, cat, format, *query); });
}

// "3" as a part number (1 to 999999), or nullopt.
std::optional<std::size_t> parse_part(const std::string& text) {
  if (text.empty() || text.size() > 6 || text[0] == '0' ||
      text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::size_t(std::stoul(text));
}

Response archive(NodeContext& ctx, const Request& req, const Params& params, FeedFormat format,
                 const DocumentKind& kind) {
  const std::string& text = params.at("month");
  auto month = parse_month(text);
  if (!month) return bad_request("archive: " + quoted(text) + " is not a month (YYYY-MM)");
  std::optional<std::size_t> part;
  if (auto p = params.find("part"); p != params.end()) {
    part = parse_part(p->second);
    if (!part) return bad_request("archive: " + quoted(p->second) + " is not a part number");
  }
  auto query = read_query(ctx, req, Accepts::kFilters);
  if (!query.ok()) return bad_request(query.error().message);
  std::string key = month_text(*month) + (part ? "/" + std::to_string(*part) : "");
  return serve_document(ctx, req, kind, key + "?" + canonical(*query), [&](Catalogue& cat) {
    return render_archive(ctx, cat, format, *month, *query, part);
  });
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
    for (const char* path : {"/archive/{month}", "/archive/{month}/{part}"})
      router.add(http::Method::kGet, base + path,
                 [&ctx, format, archive_kind](const Request& r, const Params& p) {
                   return archive(ctx, r, p, format, archive_kind);
                 });
  }
  add_opml_route(router, ctx);
}

}  // namespace sic::publish
