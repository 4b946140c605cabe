#include "node/pages/network.h"

#include <map>

#include "node/catalogue/articles.h"
#include "node/catalogue/peer_health.h"
#include "node/catalogue/peers.h"
#include "node/catalogue/tokens.h"
#include "node/catalogue/websub.h"
#include "node/pages/fragments.h"
#include "node/pages/layout.h"
#include "node/pages/pages.h"
#include "node/pages/strings.h"
#include "node/publish/http_cache.h"
#include "node/publish/markup.h"
#include "node/translate/coverage.h"

namespace sic::pages {
namespace {

using http::Request;
using http::Response;
using publish::escape;

// /network, or /network?lang=de.
std::string network_url(const NodeContext& ctx, const LanguageTag& lang) {
  return ctx.url(lang.empty() ? "/network" : "/network?lang=" + lang.str());
}

// The page in the words of ?lang= (English without it or for a language without words).
struct View {
  const NodeContext& ctx;
  TimePoint now;
  LanguageTag ui;
  std::string say(Text id) const { return escape(text(id, ui)); }
};

// A time as people read it ("3 minutes ago"), the exact time in datetime and title.
std::string when(const View& v, const std::optional<TimePoint>& t) {
  if (!t) return v.say(Text::kNever);
  std::string exact = format_rfc3339(*t);
  return "<time" + attr("datetime", exact) + attr("title", exact) + ">" +
         escape(relative_time(*t, v.now, v.ui)) + "</time>";
}

// "5 min", "3 h", "2 days" (rounded as lag_text rounds).
std::string lag_words(const View& v, std::chrono::seconds lag) {
  LagParts p = lag_parts(lag);
  std::string n = std::to_string(p.count);
  switch (p.unit) {
    case LagUnit::kSeconds:
      return fill(text(Text::kSeconds, v.ui), {n});
    case LagUnit::kMinutes:
      return fill(text(Text::kMinutes, v.ui), {n});
    case LagUnit::kHours:
      return fill(text(Text::kHours, v.ui), {n});
    case LagUnit::kDays:
      break;
  }
  return counted(Counted::kDays, p.count, v.ui);
}

// The peers table's columns: each cell carries its column's name (data-label), which the
// style sheet shows before the value when a narrow screen lays each peer out as a card.
constexpr Text kColumns[] = {Text::kPeer,    Text::kHealth,   Text::kLastSuccess,
                             Text::kLag,     Text::kFailures, Text::kNextAttempt,
                             Text::kEntries, Text::kReceived, Text::kPending,
                             Text::kFeed,    Text::kPush,     Text::kLastError};

std::string label(const View& v, int column) {
  return attr("data-label", text(kColumns[column], v.ui));
}

std::string cell(const View& v, int column, const std::string& html) {
  return "<td" + label(v, column) + ">" + html + "</td>";
}

Text health_text(Health h) {
  static_assert(int(Text::kHealthBackingOff) - int(Text::kHealthNew) == int(Health::kBackingOff));
  return Text(int(Text::kHealthNew) + int(h));
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
std::string peer_heading(const View& v, const PeerRecord& p) {
  std::string name = origin_name(v.ctx, p.id);
  std::string out =
      "<th scope=\"row\"" + label(v, 0) + "><span class=\"name\">" + escape(name) + "</span>";
  if (name != p.id) out += " <span class=\"id\">" + escape(p.id) + "</span>";
  return out + " <span class=\"kind\">" +
         v.say(p.kind == PeerKind::kSource ? Text::kKindSource : Text::kKindPeer) + "</span></th>";
}

// WebSub (docs/websub.md, "Visibility"): whether the peer's hub pushes to this node.
std::string push_text(const View& v, const std::optional<PushSubscription>& s) {
  if (!s || s->hub.empty()) return v.say(Text::kPushPolling);
  std::string out;
  if (s->healthy(v.now))
    out = fill(v.say(Text::kPushUntil), {when(v, s->lease_until)});
  else if (s->state == PushState::kActive)
    out = fill(v.say(Text::kPushLeaseEnded), {when(v, s->lease_until)});
  else
    out = escape(to_string(s->state)) + (s->last_error.empty() ? "" : ": " + escape(s->last_error));
  out += "; " + fill(v.say(Text::kPushLastDelivery), {when(v, s->last_delivery)});
  if (s->signature_failures > 0)
    out += "; " + fill(v.say(Text::kPushBadSignatures), {std::to_string(s->signature_failures)});
  return out;
}

std::string peer_row(const View& v, const PeerRecord& p,
                     const std::optional<PushSubscription>& push) {
  Health health = health_of(p, v.now);
  std::string out = "<tr" + attr("id", "peer-" + p.id) + ">" + peer_heading(v, p);
  out += "<td" + attr("class", std::string("health ") + to_string(health)) + label(v, 1) + ">" +
         v.say(health_text(health)) + "</td>";
  out += cell(v, 2, when(v, p.last_success));
  out += cell(v, 3, escape(lag_words(v, lag_of(p, v.now))));
  out += cell(v, 4, std::to_string(p.consecutive_failures));
  out += cell(v, 5, health == Health::kBackingOff ? when(v, p.next_attempt) : "");
  out += cell(v, 6, std::to_string(p.entries_received));
  out += cell(v, 7, bytes_text(p.bytes_received));
  out += cell(v, 8, p.pending_urls.empty() ? "" : std::to_string(p.pending_urls.size()));
  out += cell(v, 9, "<a" + attr("href", p.url) + ">" + escape(p.url) + "</a>");
  out += cell(v, 10, push_text(v, push));
  out += cell(v, 11, p.consecutive_failures > 0 ? escape(p.last_error) : "");
  return out + "</tr>\n";
}

std::string peers_table(const View& v, const std::vector<PeerRecord>& peers,
                        const std::vector<PushSubscription>& push) {
  std::string out = "<div class=\"body\"><table class=\"network\">\n<caption>" +
                    v.say(Text::kPeersAndSources) + "</caption>\n<thead><tr>";
  for (Text c : kColumns) out += "<th scope=\"col\">" + v.say(c) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& p : peers) {
    std::optional<PushSubscription> pushed;
    for (const auto& s : push)
      if (s.peer == p.id) pushed = s;
    out += peer_row(v, p, pushed);
  }
  return out + "</tbody>\n</table></div>\n";
}

// "2 peers, 1 source; ok: 2, failing: 1 (as of 2026-11-28T12:00:00Z)."
std::string summary(const View& v, const std::vector<PeerRecord>& peers) {
  std::map<Health, int> by_health;
  std::int64_t sources = 0;
  for (const auto& p : peers) {
    ++by_health[health_of(p, v.now)];
    sources += p.kind == PeerKind::kSource;
  }
  std::int64_t others = std::int64_t(peers.size()) - sources;
  std::string out = "<p class=\"summary\">" + escape(counted(Counted::kPeers, others, v.ui)) +
                    ", " + escape(counted(Counted::kSources, sources, v.ui));
  std::string sep = "; ";
  for (auto h : {Health::kOk, Health::kFailing, Health::kBackingOff, Health::kNew}) {
    if (by_health[h] == 0) continue;
    out += sep + v.say(health_text(h)) + ": " + std::to_string(by_health[h]);
    sep = ", ";
  }
  std::string exact = format_rfc3339(v.now);
  std::string time = "<time" + attr("datetime", exact) + ">" + escape(exact) + "</time>";
  return out + " (" + fill(v.say(Text::kAsOf), {time}) + ").</p>\n";
}

// Articles per origin, each shown by its name ([[peers]] name, this node's name, else
// the id) with the id as the row's anchor.
std::string origins_table(const View& v, const std::vector<OriginLanguageCount>& counts) {
  std::map<std::string, std::int64_t> by_origin;
  for (const auto& c : counts) by_origin[c.origin] += c.articles;
  std::string out = "<div class=\"body\"><table class=\"origins\">\n<caption>" +
                    v.say(Text::kArticlesByOrigin) + "</caption>\n<thead><tr><th scope=\"col\">" +
                    v.say(Text::kOrigin) + "</th><th scope=\"col\">" + v.say(Text::kArticles) +
                    "</th></tr></thead>\n<tbody>\n";
  for (const auto& [origin, n] : by_origin) {
    std::string name = origin_name(v.ctx, origin);
    std::string shown = escape(name);
    if (name != origin) shown += " <span class=\"id\">" + escape(origin) + "</span>";
    out += "<tr" + attr("id", "origin-" + origin) + "><th scope=\"row\">" + shown + "</th><td>" +
           std::to_string(n) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string coverage_text(const View& v, const translate::Coverage& cell,
                          const std::vector<std::string>& names) {
  if (cell.same) return text(Text::kSameLanguage, v.ui);
  if (!cell.route) return text(Text::kUnreachable, v.ui);
  std::string engines = translate::route_engines(*cell.route, names);
  if (cell.route->steps() == 1) return fill(text(Text::kDirect, v.ui), {engines});
  return fill(text(Text::kPivot, v.ui), {translate::route_pivots(*cell.route), engines});
}

const char* coverage_class(const translate::Coverage& cell) {
  if (cell.same) return "same";
  if (!cell.route) return "unreachable";
  return cell.route->steps() == 1 ? "direct" : "pivot";
}

// The EU's official languages into each of the node's languages (docs/translation.md,
// "Coverage").
std::string coverage_table(const View& v) {
  const NodeContext& ctx = v.ctx;
  if (!ctx.translation_engines) return "";
  translate::EngineSet& engines = *ctx.translation_engines;
  auto steps = engines.steps();
  if (!steps.ok())
    return "<p class=\"summary\">" +
           fill(v.say(Text::kCoverageUnknown), {escape(steps.error().message)}) + "</p>\n";
  const auto& targets = ctx.config.node.languages;
  auto cells = translate::coverage(*steps, translate::eu_languages(), targets);
  const std::vector<std::string> names = engines.names();
  std::string out = "<div class=\"body\"><table class=\"coverage\">\n<caption>" +
                    fill(v.say(Text::kCoverageCaption), {escape(engines.description())}) +
                    "</caption>\n<thead><tr><th scope=\"col\">" + v.say(Text::kFrom) + "</th>";
  for (const auto& t : targets)
    out += "<th scope=\"col\">" + fill(v.say(Text::kInto), {escape(t.str())}) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i % targets.size() == 0)
      out += std::string(i ? "</tr>\n" : "") + "<tr" +
             attr("id", "coverage-" + cells[i].source.str()) + "><th scope=\"row\">" +
             escape(cells[i].source.str()) + "</th>";
    out += "<td" + attr("class", coverage_class(cells[i])) + ">" +
           escape(coverage_text(v, cells[i], names)) + "</td>";
  }
  std::size_t all = translate::eu_languages().size();
  std::string reached =
      std::to_string(translate::reachable_pairs(*steps, translate::eu_languages()));
  return out + "</tr>\n</tbody>\n</table></div>\n<p class=\"summary\">" +
         fill(v.say(Text::kPairsCovered), {reached, std::to_string(all * (all - 1))}) + "</p>\n";
}

// ?lang=, or the empty tag without it. Error: "lang: ..." for a value that is not a tag.
Result<LanguageTag> asked_language(const Request& req) {
  auto params = publish::decode_target_query(req.target);
  if (!params.ok()) return params.error();
  LanguageTag lang;
  for (const auto& [name, value] : *params) {
    if (name != "lang" || value.empty()) continue;
    auto parsed = LanguageTag::parse(value);
    if (!parsed.ok()) return Error{"lang: " + parsed.error().message};
    lang = *parsed;
  }
  return lang;
}

Response network_page(const NodeContext& ctx, const Request& req) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return Response::text(503, cat.error().message + "\n");
  auto lang = asked_language(req);
  if (!lang.ok())
    return publish::respond(req, publish::prepare(error_page(ctx, 400, lang.error().message)));
  auto html = render_network(ctx, **cat, *lang);
  if (!html.ok()) return Response::text(503, html.error().message + "\n");
  publish::Document doc = html_document(ctx, 200, std::move(*html), network_url(ctx, *lang));
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

Result<std::string> render_network(const NodeContext& ctx, Catalogue& cat,
                                   const LanguageTag& lang) {
  auto peers = cat.peers().list();
  if (!peers.ok()) return peers.error();
  auto counts = cat.articles().counts();
  if (!counts.ok()) return counts.error();
  auto push = cat.push().list();
  if (!push.ok()) return push.error();
  View v{ctx, ctx.clock->now(), ui_language(lang)};
  std::string main = "<h1>" + v.say(Text::kNetwork) + "</h1>\n" + summary(v, *peers);
  main += peers.value().empty()
              ? "<p>" + fill(v.say(Text::kNoPeers), {"<code>sicnode peers add</code>"}) + "</p>\n"
              : peers_table(v, *peers, *push);
  main += origins_table(v, *counts);
  main += coverage_table(v);
  main += "<p class=\"meta\">" +
          fill(v.say(Text::kSyncNow), {"<code>POST " + escape(ctx.url("/network/sync")) + "</code>",
                                       "<code>Authorization: Bearer …</code>"}) +
          "</p>\n";
  PageHead head{text(Text::kNetwork, v.ui), v.ui, {}, network_url(ctx, lang)};
  for (const auto& l : ctx.config.node.languages) head.switcher.push_back({l, network_url(ctx, l)});
  head.languages = head.switcher;
  head.shown = lang;
  return page(ctx, head, main);
}

void add_network_routes(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/network",
             [&ctx](const Request& r, const http::Params&) { return network_page(ctx, r); });
  router.add(http::Method::kPost, "/network/sync",
             [&ctx](const Request& r, const http::Params&) { return request_round(ctx, r); });
}

}  // namespace sic::pages
