#include "node/app/app.h"

#include <cstdio>
#include <filesystem>

#include "node/api/api.h"
#include "node/publish/publish.h"

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

}  // namespace

Result<std::unique_ptr<App>> App::create(const Config& config, const Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(config.node.data_dir, ec);
  if (ec) return Error{"node: cannot create data_dir " + config.node.data_dir + ": " + ec.message()};
  auto pool = CataloguePool::open(config.catalogue_path(), clock);
  if (!pool.ok()) return pool.error();
  std::unique_ptr<App> app(new App());
  NodeContext& ctx = app->context_;
  ctx.config = config;
  ctx.clock = &clock;
  ctx.taxonomy = &builtin_taxonomy();
  ctx.catalogue = std::move(*pool);
  add_health(app->router_, ctx);
  api::add_routes(app->router_, ctx);
  publish::add_routes(app->router_, ctx);
  return app;
}

http::Response App::handle(const http::Request& request) const { return router_.handle(request); }

std::string log_line(const http::Request& request, const http::Response& response,
                     std::chrono::microseconds elapsed) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1fms", double(elapsed.count()) / 1000.0);
  return request.remote + " \"" + to_string(request.method) + " " + request.target + "\" " +
         std::to_string(response.status) + " " + std::to_string(response.body.size()) + " " + buf;
}

}  // namespace sic
