#include "node/publish/http_cache.h"

#include <cctype>
#include <cstdlib>

namespace sic::publish {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Calls fn for each comma-separated item, trimmed, skipping empty ones.
template <typename F>
void each_item(std::string_view list, F&& fn) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    if (!item.empty()) fn(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// The q value of a coding item ("gzip;q=0.5" → 0.5); 1 when absent, 0 when unreadable.
double quality(std::string_view item) {
  size_t semi = item.find(';');
  while (semi != std::string_view::npos) {
    item.remove_prefix(semi + 1);
    semi = item.find(';');
    std::string_view param = trim(item.substr(0, semi));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string value(param.substr(2));
      char* end = nullptr;
      double q = std::strtod(value.c_str(), &end);
      return end && *end == '\0' ? q : 0;
    }
  }
  return 1;
}

bool not_modified(const http::Request& request, const PreparedDocument& doc) {
  if (doc.doc.status != 200) return false;
  std::string inm = request.header("if-none-match");
  if (!inm.empty()) return none_match_hits(inm, doc);
  std::string ims_text = request.header("if-modified-since");
  if (ims_text.empty() || !doc.doc.last_modified) return false;
  auto ims = parse_http_date(ims_text);
  return ims && *doc.doc.last_modified <= *ims;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<double> gzip, star;
  each_item(accept_encoding, [&](std::string_view item) {
    std::string name = lower(trim(item.substr(0, item.find(';'))));
    if (name == "gzip" || name == "x-gzip") gzip = quality(item);
    if (name == "*") star = quality(item);
  });
  if (gzip) return *gzip > 0;
  return star && *star > 0;
}

bool none_match_hits(std::string_view if_none_match, const PreparedDocument& doc) {
  bool hit = false;
  each_item(if_none_match, [&](std::string_view tag) {
    if (tag == "*") hit = true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == doc.etag || tag == doc.gzip_etag) hit = true;
  });
  return hit;
}

http::Response respond(const http::Request& request,
                       const std::shared_ptr<const PreparedDocument>& shared) {
  const PreparedDocument& prepared = *shared;
  const Document& doc = prepared.doc;
  bool gzip = !prepared.gzip.empty() && accepts_gzip(request.header("accept-encoding"));
  bool unchanged = not_modified(request, prepared);
  http::Response r{unchanged ? 304 : doc.status, {}, ""};
  if (!unchanged) r.header("Content-Type", doc.content_type);
  if (doc.status == 200) {
    r.header("ETag", gzip ? prepared.gzip_etag : prepared.etag);
    if (!prepared.last_modified.empty()) r.header("Last-Modified", prepared.last_modified);
    r.header("Vary", "Accept-Encoding");
  }
  if (!doc.cache_control.empty()) r.header("Cache-Control", doc.cache_control);
  if (!prepared.link.empty()) r.header("Link", prepared.link);
  if (unchanged) return r;
  if (gzip) r.header("Content-Encoding", "gzip");
  // Aliasing: the body keeps the whole document alive.
  r.shared_body = std::shared_ptr<const std::string>(shared, gzip ? &prepared.gzip : &doc.body);
  return r;
}

}  // namespace sic::publish
