// Routes requests to handlers by method and path pattern. Patterns are literal
// segments and "{name}" captures of one percent-decoded segment:
//   router.add(Method::kGet, "/articles/{id}", handler);
// A path that matches no pattern is 404; a path matched for other methods (TRACE
// included) is 405 with an Allow header. HEAD is routed to the GET handler. OPTIONS is
// answered by the router: 204 with the path's Allow (for "*", every method served).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "node/http/http.h"

namespace sic::http {

using Params = std::map<std::string, std::string>;
using RouteHandler = std::function<Response(const Request&, const Params&)>;

// Asked once a request's head is read, before its body: an answer sent instead of
// reading the body (e.g. 403 for a callback with a wrong secret), or none.
using AdmitCheck =
    std::function<std::optional<Response>(const Request& head, const Params& params)>;

struct RouteOptions {
  // The largest request body the route takes; a larger one gets 413 before it is read.
  std::size_t max_body = 1024;
  // For a route whose callers prove who they are otherwise than with a bearer token
  // (the callbacks of asynchronous translation services: a secret in the path). The
  // node asks it in place of the bearer token it asks of routes that take large bodies.
  AdmitCheck admit;
};

// What the route of a request's head says before the body is read.
struct RouteAdmission {
  std::size_t max_body = RouteOptions{}.max_body;
  bool checked = false;            // the route has an AdmitCheck; `answer` is its answer
  std::optional<Response> answer;  // refuses the request without reading its body
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
  // The body limit of the request's route and, when the route has an AdmitCheck, its
  // answer for the head. Defaults for a request no route takes.
  RouteAdmission admission(const Request& head) const;
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
