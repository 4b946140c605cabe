#include "node/http/http.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "feeds/model/iri.h"
#include "sync/http_client/status.h"

namespace sic::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const char* to_string(Method method) {
  static constexpr const char* kNames[] = {"GET",    "HEAD",    "POST", "PUT",
                                           "DELETE", "OPTIONS", "OTHER"};
  static_assert(std::size(kNames) == std::size_t(Method::kOther) + 1);
  return kNames[std::size_t(method)];
}

std::string Request::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? "" : it->second;
}

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::vector<std::string>> Request::segments() const {
  std::vector<std::string> out;
  size_t start = 1;
  if (path.empty() || path[0] != '/') return std::nullopt;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    auto decoded = percent_decode(std::string_view(path).substr(start, slash - start));
    if (!decoded.ok()) return std::nullopt;
    out.push_back(*decoded);
    start = slash + 1;
  }
  return out;
}

Response& Response::header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string Response::header_value(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (lower(k) == lower(name)) return v;
  return "";
}

Response Response::text(int status, std::string body) {
  Response r{status, {}, std::move(body)};
  return r.header("Content-Type", "text/plain; charset=utf-8"), r;
}

Response Response::json(int status, std::string body) {
  Response r{status, {}, std::move(body)};
  return r.header("Content-Type", "application/json; charset=utf-8"), r;
}

Response Response::html(int status, std::string body) {
  Response r{status, {}, std::move(body)};
  return r.header("Content-Type", "text/html; charset=utf-8"), r;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start < q.size()) {
    size_t amp = q.find('&', start);
    if (amp == std::string_view::npos) amp = q.size();
    std::string item(q.substr(start, amp - start));
    std::replace(item.begin(), item.end(), '+', ' ');
    size_t eq = item.find('=');
    auto key = percent_decode(item.substr(0, eq));
    auto value = percent_decode(eq == std::string::npos ? "" : item.substr(eq + 1));
    if (!key.ok() || !value.ok()) return std::nullopt;
    if (!key->empty()) out.emplace_back(*key, *value);
    start = amp + 1;
  }
  return out;
}

std::optional<std::string> bearer_token(const Request& request) {
  std::string value = request.header("authorization");
  std::string_view v(value);
  std::size_t space = v.find(' ');
  if (space == std::string_view::npos || lower(v.substr(0, space)) != "bearer") return std::nullopt;
  v.remove_prefix(space);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

const char* reason(int status) { return http_status::reason_phrase(status).data(); }

}  // namespace sic::http
