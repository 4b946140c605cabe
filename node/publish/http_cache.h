// HTTP caching for prepared documents (docs/publishing.md, "HTTP caching"): strong
// ETags, Last-Modified, conditional requests, gzip negotiation, Cache-Control, Vary
// and Link headers.
#pragma once

#include <string_view>

#include "node/context/render_cache.h"
#include "node/http/http.h"

namespace sic::publish {

// True when Accept-Encoding allows gzip: "gzip" (or "x-gzip", or "*") listed without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// True when an If-None-Match value ("*", or a list of entity tags, weak or strong)
// matches one of the document's ETags (weak comparison, RFC 9110 13.1.2).
bool none_match_hits(std::string_view if_none_match, const PreparedDocument& doc);

// The response to a GET or HEAD for the document: a 304 with no body when the request's
// If-None-Match matches (or, without If-None-Match, when If-Modified-Since is not older
// than Last-Modified); else the document, gzip-compressed when the client accepts it.
// Conditions are only evaluated for a 200 document.
// The body is shared with the document, not copied.
http::Response respond(const http::Request& request,
                       const std::shared_ptr<const PreparedDocument>& doc);

}  // namespace sic::publish
