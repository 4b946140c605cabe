#include "sync/round/opml_import.h"

#include <algorithm>
#include <map>

#include "feeds/model/signature.h"
#include "feeds/opml/reader.h"

namespace sic::sync {
namespace {

constexpr std::size_t kMaxId = 64;

// Lower case letters and digits, every other run of characters one '-', no '-' at
// either end, at most `max` characters.
std::string slug(std::string_view text, std::size_t max = kMaxId) {
  std::string out;
  for (char c : text) {
    char l = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (keep)
      out += l;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  if (out.size() > max) out.resize(max);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string host_slug(const HttpUrl& url) {
  std::string_view host = url.host;
  if (host.rfind("www.", 0) == 0) host.remove_prefix(4);
  std::string s = slug(host);
  return s.empty() ? "peer" : s;
}

bool taken(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string normalized(const std::string& url) {
  auto parsed = parse_http_url(url);
  return parsed.ok() ? parsed->str() : url;
}

}  // namespace

std::string opml_peer_id(std::string_view title, const HttpUrl& url,
                         const std::vector<std::string>& ids) {
  if (is_node_id(title) && !taken(ids, std::string(title))) return std::string(title);
  std::string id = host_slug(url);
  if (!taken(ids, id)) return id;
  std::string with_path = slug(host_slug(url) + "-" + url.path);
  if (!taken(ids, with_path)) return with_path;
  for (int n = 2;; ++n) {
    std::string suffix = "-" + std::to_string(n);
    std::string numbered = slug(with_path, kMaxId - suffix.size()) + suffix;
    if (!taken(ids, numbered)) return numbered;
  }
}

Result<OpmlImport> import_opml_peers(Catalogue& catalogue, std::string_view opml_bytes,
                                     const std::string& own_id) {
  auto outlines = opml::read(opml_bytes);
  if (!outlines.ok()) return outlines.error();
  OpmlImport result;
  result.feeds = outlines->size();
  Status st = catalogue.transaction([&]() -> Status {
    auto existing = catalogue.peers().list();
    if (!existing.ok()) return existing.error();
    std::vector<std::string> ids = {own_id};
    std::map<std::string, std::string> by_url;  // normalized url -> id of an existing peer
    std::vector<std::string> seen;              // normalized urls of the list's feeds
    for (const auto& p : *existing) {
      ids.push_back(p.id);
      by_url.emplace(normalized(p.url), p.id);
    }
    for (const auto& o : *outlines) {
      auto url = parse_http_url(o.xml_url);
      if (!url.ok())
        return Error{"opml: line " + std::to_string(o.line) + ": \"" + o.xml_url +
                     "\" is not an http(s) URL: " + url.error().message};
      if (taken(seen, url->str())) {
        ++result.repeated;
        continue;
      }
      seen.push_back(url->str());
      if (auto it = by_url.find(url->str()); it != by_url.end()) {
        result.present.push_back(it->second);
        continue;
      }
      PeerRecord peer{.id = opml_peer_id(o.title, *url, ids), .url = o.xml_url};
      if (Status added = catalogue.peers().upsert(peer); !added.ok()) return added;
      ids.push_back(peer.id);
      result.added.push_back(peer);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return result;
}

}  // namespace sic::sync
