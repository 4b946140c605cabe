#include "node/app/edge.h"

#include "feeds/text/utf8.h"
#include "node/api/article_json.h"
#include "node/pages/pages.h"
#include "node/publish/query.h"

namespace sic {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The response's header of that name, or nullptr.
std::string* find_header(http::Response& response, std::string_view name) {
  for (auto& [k, v] : response.headers)
    if (text::iequals(k, name)) return &v;
  return nullptr;
}

bool under_api(std::string_view path) { return path == "/api" || starts_with(path, "/api/"); }

// Read by anyone's browser: the feeds, the OPML list and the read side of the API.
bool public_read(std::string_view path) {
  return starts_with(path, "/feeds/") || path == "/opml" || under_api(path);
}

// The text of an error body, without its final newline; the reason when it is empty.
std::string message_of(const http::Response& response) {
  std::string text(response.payload());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text.empty() ? http::reason(response.status) : text;
}

// The language an error page is written in: the request's ?lang= when it is a
// language tag, else none (English).
LanguageTag requested_lang(const http::Request& request) {
  auto params = publish::decode_target_query(request.target);
  if (!params.ok()) return {};
  for (const auto& [name, value] : *params)
    if (name == "lang")
      if (auto tag = LanguageTag::parse(value); tag.ok()) return *tag;
  return {};
}

void cors_preflight(const http::Request& request, http::Response& response) {
  std::string wanted = request.header("access-control-request-method");
  if (request.header("origin").empty() || wanted.empty()) return;
  // Writes carry a token and come from servers, not from pages on other sites: a
  // preflight for them gets no CORS headers, so browsers do not send them.
  if (wanted != "GET" && wanted != "HEAD") return;
  response.header("Access-Control-Allow-Origin", "*")
      .header("Access-Control-Allow-Methods", "GET, HEAD")
      .header("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since")
      .header("Access-Control-Max-Age", "86400");
}

}  // namespace

EdgePolicy::EdgePolicy(const NodeContext& context) : ctx_(context) {
  csp_ =
      "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; "
      "img-src 'self' https: http:; media-src https: http:; ";
  if (!ctx_.sanitize.video_hosts.empty()) {
    csp_ += "frame-src";
    for (const auto& host : ctx_.sanitize.video_hosts) csp_ += " https://" + host;
    csp_ += "; ";
  }
  csp_ += "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}

void EdgePolicy::apply(const http::Request& request, http::Response& response) const {
  bool api = under_api(request.path);
  if (response.status >= 400) shape_error(request, api, response);
  response.header("X-Content-Type-Options", "nosniff");
  const std::string* type = find_header(response, "content-type");
  if (type && starts_with(*type, "text/html")) {
    response.header("Content-Security-Policy", csp_)
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "strict-origin-when-cross-origin");
  }
  if (!public_read(request.path)) return;
  if (request.method == http::Method::kGet || request.method == http::Method::kHead) {
    response.header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Expose-Headers", "ETag, Link, Location");
  } else if (request.method == http::Method::kOptions) {
    cors_preflight(request, response);
  }
}

void EdgePolicy::shape_error(const http::Request& request, bool api,
                             http::Response& response) const {
  std::string* type = find_header(response, "content-type");
  std::string_view current = type ? std::string_view(*type) : std::string_view();
  bool shaped =
      api ? current.find("json") != std::string_view::npos : starts_with(current, "text/html");
  if (shaped) return;
  std::string message = message_of(response);
  response.shared_body.reset();
  std::string new_type;
  if (api) {
    response.body = api::error_json(response.status, message);
    new_type = "application/json; charset=utf-8";
  } else {
    publish::Document page =
        pages::error_page(ctx_, response.status, message, requested_lang(request));
    response.body = std::move(page.body);
    new_type = std::move(page.content_type);
  }
  if (type)
    *type = std::move(new_type);
  else
    response.header("Content-Type", std::move(new_type));
}

}  // namespace sic
