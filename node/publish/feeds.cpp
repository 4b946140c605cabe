#include "node/catalogue/articles.h"
#include "node/publish/publish.h"

namespace sic::publish {
namespace {

using http::Request;
using http::Response;

constexpr std::size_t kLiveEntries = 50;

const char* media_type(FeedFormat format) {
  switch (format) {
    case FeedFormat::kAtom:
      return "application/atom+xml; charset=utf-8";
    case FeedFormat::kJsonFeed:
      return "application/feed+json; charset=utf-8";
    case FeedFormat::kRss:
      return "application/rss+xml; charset=utf-8";
  }
  return "application/octet-stream";
}

Feed feed_header(const NodeContext& ctx, FeedFormat format) {
  Feed feed;
  std::string self = ctx.url(std::string("/feeds/") + to_string(format));
  feed.id = self;
  feed.title = ctx.config.node.name;
  feed.node = ctx.config.node.id;
  feed.lang = ctx.config.node.languages.front();
  feed.authors.push_back({ctx.config.node.name, ctx.url("/"), ""});
  feed.links.push_back({self, "self", media_type(format), ""});
  feed.links.push_back({ctx.url("/"), "alternate", "text/html", ""});
  return feed;
}

Response serve_feed(NodeContext& ctx, FeedFormat format) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return Response::text(503, cat.error().message + "\n");
  ArticleQuery query;
  query.limit = kLiveEntries;
  auto rows = (*cat)->articles().list(query);
  if (!rows.ok()) return Response::text(503, rows.error().message + "\n");
  Feed feed = feed_header(ctx, format);
  for (auto& stored : *rows) {
    Article& a = stored.article;
    if (a.link.empty()) a.link = ctx.article_url(a.id);
    if (!feed.updated || a.updated > *feed.updated) feed.updated = a.updated;
    feed.articles.push_back(std::move(a));
  }
  if (!feed.updated) feed.updated = ctx.clock->now();
  // Deletions of the last 30 days, so that peers learn them (RFC 6721; docs/sync.md).
  auto gone = (*cat)->articles().tombstones(ctx.clock->now() - std::chrono::days(30));
  if (gone.ok()) feed.tombstones = std::move(*gone);
  Response r{200, {}, write_feed(format, feed)};
  return r.header("Content-Type", media_type(format));
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  for (FeedFormat format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
    router.add(
        http::Method::kGet, std::string("/feeds/") + to_string(format),
        [&ctx, format](const Request&, const http::Params&) { return serve_feed(ctx, format); });
  }
}

}  // namespace sic::publish
