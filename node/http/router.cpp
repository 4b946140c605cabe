#include "node/http/router.h"

#include <set>

namespace sic::http {
namespace {

std::vector<std::string> split(const std::string& pattern) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    if (slash == std::string::npos) slash = pattern.size();
    out.push_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_capture(const std::string& part) {
  return part.size() > 2 && part.front() == '{' && part.back() == '}';
}

bool matches(const std::vector<std::string>& parts, const std::vector<std::string>& segments,
             Params& params) {
  if (parts.size() != segments.size()) return false;
  Params captured;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (is_capture(parts[i])) {
      if (segments[i].empty()) return false;
      captured[parts[i].substr(1, parts[i].size() - 2)] = segments[i];
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, RouteHandler handler, RouteOptions options) {
  routes_.push_back({method, pattern, split(pattern), std::move(handler), std::move(options)});
}

const Router::Route* Router::match(const Request& request, const std::vector<std::string>& segments,
                                   Params& params, bool& path_known) const {
  path_known = false;
  Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  for (const auto& route : routes_) {
    Params p;
    if (!matches(route.parts, segments, p)) continue;
    path_known = true;
    if (route.method == wanted) {
      params = std::move(p);
      return &route;
    }
  }
  return nullptr;
}

Response Router::handle(const Request& request) const {
  if (request.method == Method::kOptions && request.path == "*")
    return Response{204, {{"Allow", allow(std::vector<std::string>{})}}, ""};
  Params params;
  bool path_known = false;
  auto parsed = request.segments();
  if (!parsed) return Response::text(400, "malformed percent escape in the path\n");
  const std::vector<std::string>& segments = *parsed;
  if (const Route* route = match(request, segments, params, path_known)) {
    Response response = route->handler(request, params);
    response.route = route->pattern;
    return response;
  }
  if (!path_known) return Response::text(404, "not found\n");
  if (request.method == Method::kOptions) return Response{204, {{"Allow", allow(segments)}}, ""};
  return Response::text(405, "method not allowed\n").header("Allow", allow(segments));
}

// The methods of the routes matching the segments (of every route when empty), with
// HEAD beside GET and OPTIONS always, in a fixed order.
std::string Router::allow(const std::vector<std::string>& segments) const {
  std::set<Method> methods{Method::kOptions};
  for (const auto& route : routes_) {
    Params p;
    if (!segments.empty() && !matches(route.parts, segments, p)) continue;
    methods.insert(route.method);
    if (route.method == Method::kGet) methods.insert(Method::kHead);
  }
  std::string out;
  for (Method m : methods) out += (out.empty() ? "" : ", ") + std::string(to_string(m));
  return out;
}

std::string Router::allow(const Request& request) const {
  auto segments = request.segments();
  if (!segments) return "";
  bool known = false;
  for (const auto& route : routes_) {
    Params p;
    known = known || matches(route.parts, *segments, p);
  }
  return known ? allow(*segments) : "";
}

std::size_t Router::body_limit(const Request& head) const {
  auto segments = head.segments();
  if (!segments) return RouteOptions{}.max_body;
  Params params;
  bool path_known = false;
  const Route* route = match(head, *segments, params, path_known);
  return route ? route->options.max_body : RouteOptions{}.max_body;
}

RouteAdmission Router::admission(const Request& head) const {
  auto segments = head.segments();
  if (!segments) return {};
  Params params;
  bool path_known = false;
  const Route* route = match(head, *segments, params, path_known);
  if (!route) return {};
  RouteAdmission out{route->options.max_body, bool(route->options.admit), std::nullopt};
  if (out.checked) out.answer = route->options.admit(head, params);
  return out;
}

std::string Router::pattern_of(const Request& request) const {
  auto segments = request.segments();
  if (!segments) return "";
  Params params;
  bool path_known = false;
  const Route* route = match(request, *segments, params, path_known);
  return route ? route->pattern : "";
}

}  // namespace sic::http
