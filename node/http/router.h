// Routes requests to handlers by method and path pattern. Patterns are literal
// segments and "{name}" captures of one percent-decoded segment:
//   router.add(Method::kGet, "/articles/{id}", handler);
// A path that matches no pattern is 404; a path matched for other methods (TRACE
// included) is 405 with an Allow header. HEAD is routed to the GET handler. OPTIONS is
// answered by the router: 204 with the path's Allow (for "*", every method served).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "node/http/http.h"

namespace sic::http {

using Params = std::map<std::string, std::string>;
using RouteHandler = std::function<Response(const Request&, const Params&)>;

struct RouteOptions {
  // The largest request body the route takes; a larger one gets 413 before it is read.
  std::size_t max_body = 1024;
};

class Router {
 public:
  void add(Method method, std::string pattern, RouteHandler handler, RouteOptions options = {});
  // The handler's response, with Response::route set to the matched pattern
  // ("/articles/{id}"; "" for a 400, 404 or 405), for the logs and metrics.
  Response handle(const Request& request) const;
  // The pattern a request matches, or "": for responses made outside handle() (a 413
  // or a 500 of the server).
  std::string pattern_of(const Request& request) const;
  // The largest body the route of a request's head takes; RouteOptions' default for a
  // request no route takes.
  std::size_t body_limit(const Request& head) const;
  // The methods served at the request's path ("GET, HEAD, OPTIONS"); "" for an unknown
  // path.
  std::string allow(const Request& request) const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> parts;
    RouteHandler handler;
    RouteOptions options;
  };
  std::string allow(const std::vector<std::string>& segments) const;
  const Route* match(const Request& request, const std::vector<std::string>& segments,
                     Params& params, bool& path_known) const;
  std::vector<Route> routes_;
};

}  // namespace sic::http
