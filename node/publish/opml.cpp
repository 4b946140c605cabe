#include "node/publish/opml.h"

#include <map>

#include "node/catalogue/peers.h"
#include "node/publish/http_cache.h"
#include "node/publish/markup.h"
#include "node/publish/query.h"
#include "node/publish/urls.h"

namespace sic::publish {
namespace {

struct Outline {
  std::string text;
  std::string xml_url;
  std::string html_url;
  std::string language;
};

void write_outline(std::string& out, const Outline& o) {
  out += "      <outline type=\"rss\" text=\"";
  append_escaped(out, o.text);
  out += "\" title=\"";
  append_escaped(out, o.text);
  out += "\" xmlUrl=\"";
  append_escaped(out, o.xml_url);
  out += "\"";
  if (!o.html_url.empty()) (out += " htmlUrl=\"", append_escaped(out, o.html_url), out += "\"");
  if (!o.language.empty()) (out += " language=\"", append_escaped(out, o.language), out += "\"");
  out += "/>\n";
}

void write_group(std::string& out, const std::string& text, const std::vector<Outline>& items) {
  out += "    <outline text=\"";
  append_escaped(out, text);
  out += "\">\n";
  for (const auto& o : items) write_outline(out, o);
  out += "    </outline>\n";
}

std::vector<Outline> own_feeds(const NodeContext& ctx) {
  std::vector<Outline> out;
  const std::string& name = ctx.config.node.name;
  for (FeedFormat format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
    FeedQuery all;
    out.push_back({name + " (" + format_name(format) + ")", feed_url(ctx, format, all),
                   listing_url(ctx, all), ""});
    for (const auto& lang : ctx.config.node.languages) {
      FeedQuery q;
      q.lang = lang;
      out.push_back({name + " (" + format_name(format) + ", " + lang.str() + ")",
                     feed_url(ctx, format, q), listing_url(ctx, q), lang.str()});
    }
  }
  return out;
}

Result<std::vector<Outline>> peer_feeds(const NodeContext& ctx, Catalogue& cat) {
  std::map<std::string, std::string> urls;  // id → url, sorted by id
  for (const auto& p : ctx.config.peers) urls[p.id] = p.url;
  auto stored = cat.peers().list(PeerKind::kPeer);
  if (!stored.ok()) return stored.error();
  for (const auto& p : *stored) urls[p.id] = p.url;
  std::vector<Outline> out;
  for (const auto& [id, url] : urls) out.push_back({id, url, "", ""});
  return out;
}

}  // namespace

Result<Document> render_opml(const NodeContext& ctx, Catalogue& cat) {
  auto peers = peer_feeds(ctx, cat);
  if (!peers.ok()) return peers.error();
  const std::string& name = ctx.config.node.name;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n";
  out += "    <title>" + escape(name) + "</title>\n";
  out += "    <ownerName>" + escape(name) + "</ownerName>\n";
  out += "    <docs>http://opml.org/spec2.opml</docs>\n  </head>\n  <body>\n";
  write_group(out, name, own_feeds(ctx));
  if (!peers->empty()) write_group(out, "Peers", *peers);
  out += "  </body>\n</opml>\n";
  Document doc;
  doc.content_type = "text/x-opml; charset=utf-8";
  doc.body = std::move(out);
  doc.cache_control = ctx.config.publish.cache_control;
  doc.self_url = ctx.url("/opml");
  return doc;
}

void add_opml_route(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/opml", [&ctx](const http::Request& req, const http::Params&) {
    auto params = decode_target_query(req.target);
    if (!params.ok() || !params->empty())
      return http::Response::text(400, "opml: takes no parameters\n");
    auto cat = ctx.catalogue->lease();
    if (!cat.ok()) return http::Response::text(503, cat.error().message + "\n");
    auto doc = render_opml(ctx, **cat);
    if (!doc.ok()) return http::Response::text(503, doc.error().message + "\n");
    return respond(req, prepare(std::move(*doc)));
  });
}

}  // namespace sic::publish
