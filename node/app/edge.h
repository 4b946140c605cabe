// What the node adds to every response at its HTTP edge (docs/http.md, "Headers"):
// security headers for pages, CORS for the public read-only resources, and error bodies
// in the shape of their path: JSON under /api/, an HTML page elsewhere.
#pragma once

#include <string>

#include "node/context/context.h"
#include "node/http/http.h"

namespace sic {

class EdgePolicy {
 public:
  // The context outlives the policy.
  explicit EdgePolicy(const NodeContext& context);
  // Completes the response to the request. Thread-safe.
  void apply(const http::Request& request, http::Response& response) const;
  // The Content-Security-Policy of the pages: no script at all; style from the style
  // sheet and the (sanitized) style attributes of articles; images and media from
  // anywhere over http(s); frames only from the sanitizer's video hosts.
  const std::string& content_security_policy() const { return csp_; }

 private:
  void shape_error(const http::Request& request, bool api, http::Response& response) const;
  const NodeContext& ctx_;
  std::string csp_;
};

}  // namespace sic
