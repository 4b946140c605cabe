#include "node/pages/network.h"

#include <map>

#include "node/catalogue/articles.h"
#include "node/catalogue/peer_health.h"
#include "node/catalogue/peers.h"
#include "node/catalogue/tokens.h"
#include "node/catalogue/websub.h"
#include "node/pages/fragments.h"
#include "node/pages/layout.h"
#include "node/publish/http_cache.h"
#include "node/publish/markup.h"
#include "node/translate/coverage.h"

namespace sic::pages {
namespace {

using http::Request;
using http::Response;
using publish::escape;

// A time as people read it ("3 minutes ago"), the exact time in datetime and title.
std::string when(const std::optional<TimePoint>& t, TimePoint now) {
  if (!t) return "never";
  std::string exact = format_rfc3339(*t);
  return "<time" + attr("datetime", exact) + attr("title", exact) + ">" +
         escape(relative_time(*t, now)) + "</time>";
}

// The peers table's columns: each cell carries its column's name (data-label), which the
// style sheet shows before the value when a narrow screen lays each peer out as a card.
constexpr const char* kColumns[] = {"Peer",     "Health",       "Last success", "Lag",
                                    "Failures", "Next attempt", "Entries",      "Received",
                                    "Pending",  "Feed",         "Push",         "Last error"};

std::string cell(int column, const std::string& html) {
  return "<td" + attr("data-label", kColumns[column]) + ">" + html + "</td>";
}

// 1.2 MB, 340 kB, 512 B.
std::string bytes_text(std::int64_t n) {
  char out[32];
  if (n >= 1000000)
    std::snprintf(out, sizeof out, "%.1f MB", double(n) / 1e6);
  else if (n >= 1000)
    std::snprintf(out, sizeof out, "%lld kB", (long long)(n / 1000));
  else
    std::snprintf(out, sizeof out, "%lld B", (long long)n);
  return out;
}

// The peer's name (from [[peers]] name; its id otherwise), its id and its kind.
std::string peer_heading(const NodeContext& ctx, const PeerRecord& p) {
  std::string name = origin_name(ctx, p.id);
  std::string out = "<th scope=\"row\"" + attr("data-label", kColumns[0]) +
                    "><span class=\"name\">" + escape(name) + "</span>";
  if (name != p.id) out += " <span class=\"id\">" + escape(p.id) + "</span>";
  return out + " <span class=\"kind\">" + (p.kind == PeerKind::kSource ? "source" : "peer") +
         "</span></th>";
}

// WebSub (docs/websub.md, "Visibility"): whether the peer's hub pushes to this node.
std::string push_text(const std::optional<PushSubscription>& s, TimePoint now) {
  if (!s || s->hub.empty()) return "polling (no hub)";
  std::string out;
  if (s->healthy(now))
    out = "subscribed until " + when(s->lease_until, now);
  else if (s->state == PushState::kActive)
    out = "lease ended " + when(s->lease_until, now);
  else
    out = escape(to_string(s->state)) + (s->last_error.empty() ? "" : ": " + escape(s->last_error));
  out += "; last delivery " + when(s->last_delivery, now);
  if (s->signature_failures > 0)
    out += "; " + std::to_string(s->signature_failures) + " bad signatures";
  return out;
}

std::string peer_row(const NodeContext& ctx, const PeerRecord& p,
                     const std::optional<PushSubscription>& push, TimePoint now) {
  Health health = health_of(p, now);
  std::string out = "<tr" + attr("id", "peer-" + p.id) + ">" + peer_heading(ctx, p);
  out += "<td" + attr("class", std::string("health ") + to_string(health)) +
         attr("data-label", kColumns[1]) + ">" + escape(to_string(health)) + "</td>";
  out += cell(2, when(p.last_success, now));
  out += cell(3, escape(lag_text(lag_of(p, now), LagStyle::kWords)));
  out += cell(4, std::to_string(p.consecutive_failures));
  out += cell(5, health == Health::kBackingOff ? when(p.next_attempt, now) : "");
  out += cell(6, std::to_string(p.entries_received));
  out += cell(7, bytes_text(p.bytes_received));
  out += cell(8, p.pending_urls.empty() ? "" : std::to_string(p.pending_urls.size()));
  out += cell(9, "<a" + attr("href", p.url) + ">" + escape(p.url) + "</a>");
  out += cell(10, push_text(push, now));
  out += cell(11, p.consecutive_failures > 0 ? escape(p.last_error) : "");
  return out + "</tr>\n";
}

std::string peers_table(const NodeContext& ctx, const std::vector<PeerRecord>& peers,
                        const std::vector<PushSubscription>& push, TimePoint now) {
  std::string out =
      "<div class=\"body\"><table class=\"network\">\n<caption>Peers and sources</caption>\n"
      "<thead><tr>";
  for (const char* c : kColumns) out += "<th scope=\"col\">" + std::string(c) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& p : peers) {
    std::optional<PushSubscription> pushed;
    for (const auto& s : push)
      if (s.peer == p.id) pushed = s;
    out += peer_row(ctx, p, pushed, now);
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string summary(const std::vector<PeerRecord>& peers, TimePoint now) {
  std::map<Health, int> by_health;
  for (const auto& p : peers) ++by_health[health_of(p, now)];
  std::string out = "<p class=\"summary\">" + std::to_string(peers.size()) + " peers and sources";
  for (auto h : {Health::kOk, Health::kFailing, Health::kBackingOff, Health::kNew})
    if (by_health[h] > 0) out += ", " + std::to_string(by_health[h]) + " " + to_string(h);
  std::string exact = format_rfc3339(now);
  return out + " (at <time" + attr("datetime", exact) + ">" + escape(exact) + "</time>).</p>\n";
}

std::string origins_table(const std::vector<OriginLanguageCount>& counts) {
  std::map<std::string, std::int64_t> by_origin;
  for (const auto& c : counts) by_origin[c.origin] += c.articles;
  std::string out =
      "<div class=\"body\"><table class=\"origins\">\n<caption>Articles by origin</caption>\n"
      "<thead><tr><th scope=\"col\">Origin</th><th scope=\"col\">Articles</th></tr></thead>\n"
      "<tbody>\n";
  for (const auto& [origin, n] : by_origin)
    out += "<tr><th scope=\"row\">" + escape(origin) + "</th>" + "<td>" + std::to_string(n) +
           "</td>" + "</tr>\n";
  return out + "</tbody>\n</table></div>\n";
}

const char* coverage_class(const translate::Coverage& cell) {
  if (cell.same) return "same";
  if (!cell.route) return "unreachable";
  return cell.route->steps() == 1 ? "direct" : "pivot";
}

// The EU's official languages into each of the node's languages (docs/translation.md,
// "Coverage").
std::string coverage_table(const NodeContext& ctx) {
  if (!ctx.translation_engines) return "";
  translate::EngineSet& engines = *ctx.translation_engines;
  auto steps = engines.steps();
  if (!steps.ok())
    return "<p class=\"summary\">Translation coverage is unknown: " +
           escape(steps.error().message) + "</p>\n";
  const auto& targets = ctx.config.node.languages;
  auto cells = translate::coverage(*steps, translate::eu_languages(), targets);
  const std::vector<std::string> names = engines.names();
  std::string out =
      "<div class=\"body\"><table class=\"coverage\">\n<caption>Translation coverage: the EU's "
      "official languages into this node's languages (engines: " +
      escape(engines.description()) + ")</caption>\n<thead><tr><th scope=\"col\">From</th>";
  for (const auto& t : targets) out += "<th scope=\"col\">Into " + escape(t.str()) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i % targets.size() == 0)
      out += std::string(i ? "</tr>\n" : "") + "<tr" +
             attr("id", "coverage-" + cells[i].source.str()) + "><th scope=\"row\">" +
             escape(cells[i].source.str()) + "</th>";
    out += "<td" + attr("class", coverage_class(cells[i])) + ">" +
           escape(translate::describe(cells[i], names)) + "</td>";
  }
  std::size_t all = translate::eu_languages().size();
  out += "</tr>\n</tbody>\n</table></div>\n<p class=\"summary\">" +
         std::to_string(translate::reachable_pairs(*steps, translate::eu_languages())) + " of " +
         std::to_string(all * (all - 1)) +
         " ordered pairs of the EU's official languages have a route with these engines.</p>\n";
  return out;
}

Response network_page(const NodeContext& ctx, const Request& req) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return Response::text(503, cat.error().message + "\n");
  auto html = render_network(ctx, **cat);
  if (!html.ok()) return Response::text(503, html.error().message + "\n");
  publish::Document doc = html_document(ctx, 200, std::move(*html), ctx.url("/network"));
  doc.cache_control = "no-cache";  // health changes without the catalogue changing
  return publish::respond(req, publish::prepare(std::move(doc)));
}

Response request_round(NodeContext& ctx, const Request& req) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return Response::text(503, "catalogue unavailable");
  auto token = http::bearer_token(req);
  auto name =
      token ? (*cat)->tokens().verify(*token) : Result<std::optional<std::string>>(std::nullopt);
  if (!name.ok()) return Response::text(503, "catalogue unavailable");
  if (!name->has_value())
    return Response::text(401, "missing or invalid bearer token")
        .header("WWW-Authenticate", "Bearer realm=\"sicnode\"");
  if (!ctx.request_sync) return Response::text(503, "no background sync runs in this process");
  ctx.request_sync();
  return Response::json(202, "{\"sync\": \"requested\"}");
}

}  // namespace

Result<std::string> render_network(const NodeContext& ctx, Catalogue& cat) {
  auto peers = cat.peers().list();
  if (!peers.ok()) return peers.error();
  auto counts = cat.articles().counts();
  if (!counts.ok()) return counts.error();
  auto push = cat.push().list();
  if (!push.ok()) return push.error();
  TimePoint now = ctx.clock->now();
  std::string main = "<h1>Network</h1>\n" + summary(*peers, now);
  main += peers.value().empty()
              ? "<p>This node reads no peers yet (see <code>sicnode peers add</code>).</p>\n"
              : peers_table(ctx, *peers, *push, now);
  main += origins_table(*counts);
  main += coverage_table(ctx);
  main += "<p class=\"meta\">A sync round now: <code>POST " + escape(ctx.url("/network/sync")) +
          "</code> with an API token (<code>Authorization: Bearer …</code>).</p>\n";
  PageHead head{"Network", LanguageTag::parse("en").value(), {}, ctx.url("/network")};
  return page(ctx, head, main);
}

void add_network_routes(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/network",
             [&ctx](const Request& r, const http::Params&) { return network_page(ctx, r); });
  router.add(http::Method::kPost, "/network/sync",
             [&ctx](const Request& r, const http::Params&) { return request_round(ctx, r); });
}

}  // namespace sic::pages
