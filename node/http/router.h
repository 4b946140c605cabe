// Routes requests to handlers by method and path pattern. Patterns are literal
// segments and "{name}" captures of one percent-decoded segment:
//   router.add(Method::kGet, "/articles/{id}", handler);
// A path that matches no pattern is 404; a path matched for other methods is 405
// with an Allow header. HEAD is routed to the GET handler.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "node/http/http.h"

namespace sic::http {

using Params = std::map<std::string, std::string>;
using RouteHandler = std::function<Response(const Request&, const Params&)>;
// The body of an answer no handler gives (a 400 for a malformed path, a 404, a 405),
// from its status and a one-line message.
using ErrorFormat = std::function<Response(int status, const std::string& message)>;

class Router {
 public:
  void add(Method method, std::string pattern, RouteHandler handler);
  // Answers the router gives itself under a path prefix ("/api/") are made by format
  // instead of as plain text (the API's JSON errors). The longest matching prefix wins.
  void set_error_format(std::string prefix, ErrorFormat format);
  // The handler's response, with Response::route set to the matched pattern
  // ("/articles/{id}"; "" for a 400, 404 or 405), for the logs and metrics.
  Response handle(const Request& request) const;
  // The pattern a request matches, or "": for responses made outside handle() (a 413
  // or a 500 of the server).
  std::string pattern_of(const Request& request) const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> parts;
    RouteHandler handler;
  };
  const Route* match(const Request& request, const std::vector<std::string>& segments,
                     Params& params, bool& path_known) const;
  Response error(const Request& request, int status, const std::string& message) const;
  std::vector<Route> routes_;
  std::vector<std::pair<std::string, ErrorFormat>> error_formats_;
};

}  // namespace sic::http
