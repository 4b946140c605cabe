#include "node/app/app.h"

#include <charconv>
#include <filesystem>

#include "node/api/api.h"
#include "node/app/build_info.h"
#include "node/app/client_address.h"
#include "node/app/federation.h"
#include "node/app/translation.h"
#include "node/app/well_known.h"
#include "node/catalogue/articles.h"
#include "node/metrics/process.h"
#include "node/pages/network.h"
#include "node/pages/pages.h"
#include "node/publish/publish.h"
#include "node/websub/websub.h"

namespace sic {
namespace {

void add_health(http::Router& router, NodeContext& ctx) {
  router.add(http::Method::kGet, "/healthz", [&ctx](const http::Request&, const http::Params&) {
    auto cat = ctx.catalogue->lease();
    if (!cat.ok()) return http::Response::text(503, "catalogue unavailable\n");
    auto version = (*cat)->version();
    if (!version.ok()) return http::Response::text(503, "catalogue unavailable\n");
    return http::Response::text(200, "ok\n");
  });
}

void add_metrics(http::Router& router, NodeContext& ctx) {
  metrics::Registry& m = ctx.metrics;
  const BuildInfo& build = build_info();
  m.gauge("sicnode_build_info", "Always 1; the labels say which sicnode this is.");
  m.set("sicnode_build_info",
        {{"version", build.version}, {"compiler", build.compiler}, {"sqlite", build.sqlite}}, 1);
  m.counter("sicnode_http_requests_total", "HTTP requests by route pattern, method and status.");
  m.histogram("sicnode_http_request_duration_seconds", "Time to answer a request, by route.",
              {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5});
  m.gauge("sicnode_catalogue_articles", "Live articles in the catalogue by origin and language.");
  m.add_collector([&ctx](metrics::Registry& reg) {
    auto cat = ctx.catalogue->lease();
    if (!cat.ok()) return;
    auto counts = (*cat)->articles().counts();
    if (!counts.ok()) return;
    reg.clear("sicnode_catalogue_articles");
    for (const auto& c : *counts)
      reg.set("sicnode_catalogue_articles", {{"origin", c.origin}, {"lang", c.lang}},
              double(c.articles));
  });
  metrics::add_process_metrics(m);
  router.add(http::Method::kGet, "/metrics", [&m](const http::Request&, const http::Params&) {
    http::Response r{200, {}, m.render()};
    return r.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace

Status sign_own_catalogue(CataloguePool& pool, const keys::NodeKeys& keys) {
  auto cat = pool.lease();
  if (!cat.ok()) return cat.error();
  auto signed_now = keys::sign_catalogue(**cat, keys, false);
  if (!signed_now.ok()) return signed_now.error();
  return Status::Ok();
}

Result<std::unique_ptr<App>> App::create(const Config& config, const Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(config.node.data_dir, ec);
  if (ec)
    return Error{"node: cannot create data_dir " + config.node.data_dir + ": " + ec.message()};
  auto pool = CataloguePool::open(config.catalogue_path(), clock);
  if (!pool.ok()) return pool.error();
  auto keys =
      keys::NodeKeys::open(config.node.data_dir, config.node.id, config.node.base_url.str(), clock);
  if (!keys.ok()) return keys.error();
  if (Status signed_all = sign_own_catalogue(**pool, **keys); !signed_all.ok())
    return signed_all.error();
  std::unique_ptr<App> app(new App());
  NodeContext& ctx = app->context_;
  ctx.config = config;
  ctx.keys = std::move(*keys);
  ctx.clock = &clock;
  ctx.taxonomy = &builtin_taxonomy();
  ctx.catalogue = std::move(*pool);
  ctx.render_cache = std::make_unique<publish::RenderCache>(config.publish.render_cache_bytes);
  auto engines = translation::make_engines(config);
  if (!engines.ok()) return engines.error();
  ctx.translation_engines = std::move(*engines);
  ctx.translation_notice = [&ctx](const Iri& id, const LanguageTag& original,
                                  const TranslationNote& note, const LanguageTag& lang) {
    return pages::translation_notice(ctx, id, original, note, lang, pages::NoticeFor::kFeed);
  };
  add_health(app->router_, ctx);
  add_well_known_route(app->router_, ctx);
  add_metrics(app->router_, ctx);
  federation::add_metrics(ctx);
  translation::add_metrics(ctx.metrics);
  translation::add_routes(app->router_, ctx);
  api::add_routes(app->router_, ctx);
  publish::add_routes(app->router_, ctx);
  pages::add_routes(app->router_, ctx);
  pages::add_network_routes(app->router_, ctx);
  app->push_cache_ = std::make_unique<sync::VerificationCache>();
  app->push_settings_ = std::make_unique<sync::SyncSettings>(
      federation::sync_settings(config, ctx.keys.get(), ctx.sanitize));
  app->push_settings_->cache = app->push_cache_.get();
  if (config.websub.hub) {
    App* self = app.get();
    app->hub_ = std::make_unique<websub::Hub>(
        ctx, [self](const http::Request& r) { return self->handle(r); },
        federation::make_hub_fetcher(config));
  }
  websub::add_routes(app->router_, ctx, app->hub_.get(), *app->push_settings_);
  app->edge_ = std::make_unique<EdgePolicy>(ctx);
  return app;
}

App::~App() {
  if (hub_) hub_->stop();  // its threads use the router and the context
}

http::Response App::handle(const http::Request& request) const { return router_.handle(request); }

http::Admission App::admit(const http::Request& head) {
  http::RouteAdmission route = router_.admission(head);
  http::Admission admission{route.max_body, std::move(route.answer)};
  if (!route.checked && admission.max_body > http::RouteOptions{}.max_body)
    admission.answer = api::refuse_without_token(head, context_);
  return admission;
}

void App::observe(const http::Request& request, const http::Response& response,
                  std::chrono::microseconds elapsed) {
  std::string_view route = response.route;
  std::string matched;  // a response made outside the router (413, 500...)
  if (route.empty()) route = matched = router_.pattern_of(request);
  if (route.empty()) route = "(unmatched)";
  auto [count, duration] = series_of(route, request.method, response.status);
  count->fetch_add(1, std::memory_order_relaxed);
  duration->observe(double(elapsed.count()) / 1e6);
}

std::pair<std::atomic<double>*, metrics::Registry::HistogramSeries*> App::series_of(
    std::string_view route, http::Method method, int status) {
  auto find = [&]() -> std::pair<std::atomic<double>*, metrics::Registry::HistogramSeries*> {
    auto it = series_.find(route);
    if (it == series_.end()) return {nullptr, nullptr};
    for (const auto& r : it->second.requests)
      if (r.method == method && r.status == status) return {r.count, it->second.duration};
    return {nullptr, it->second.duration};
  };
  {
    std::shared_lock lock(series_mutex_);
    if (auto found = find(); found.first) return found;
  }
  std::unique_lock lock(series_mutex_);
  if (auto found = find(); found.first) return found;
  metrics::Registry& m = context_.metrics;
  std::string name(route);
  auto [it, added] = series_.try_emplace(name);
  if (added)
    it->second.duration =
        &m.histogram_series("sicnode_http_request_duration_seconds", {{"route", name}});
  auto* count = &m.counter_series(
      "sicnode_http_requests_total",
      {{"route", name}, {"method", to_string(method)}, {"status", std::to_string(status)}});
  it->second.requests.push_back({method, status, count});
  return {count, it->second.duration};
}

std::string log_line(std::string_view client, const http::Request& request,
                     const http::Response& response, std::chrono::microseconds elapsed) {
  // Written for every request: one buffer, no printf.
  auto number = [](std::string& out, long long n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
  };
  std::string out;
  out.reserve(client.size() + request.target.size() + 40);
  out += client;
  out += " \"";
  out += to_string(request.method);
  out += ' ';
  out += request.target;
  out += "\" ";
  number(out, response.status);
  out += ' ';
  number(out, (long long)response.payload().size());
  out += ' ';
  long long tenths = (elapsed.count() + 50) / 100;  // milliseconds with one decimal
  number(out, tenths / 10);
  out += '.';
  out += char('0' + tenths % 10);
  out += "ms";
  return out;
}

void log_request(const log::Logger& logger, const std::vector<IpNetwork>& trusted_proxies,
                 const http::Request& request, const http::Response& response,
                 std::chrono::microseconds elapsed) {
  log::Level level = response.status >= 500                                   ? log::Level::kError
                     : response.status == 200 && response.route == "/healthz" ? log::Level::kDebug
                                                                              : log::Level::kInfo;
  if (!logger.enabled(level)) return;
  std::string client = client_address(request, trusted_proxies);
  logger.write(level, log_line(client, request, response, elapsed),
               {{"client", client},
                {"remote", request.remote},
                {"method", to_string(request.method)},
                {"target", request.target},
                {"route", response.route},
                {"status", double(response.status)},
                {"bytes", double(response.payload().size())},
                {"duration_seconds", double(elapsed.count()) / 1e6}});
}

}  // namespace sic
