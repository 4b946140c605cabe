// Identifiers and addresses: absolute IRIs (RFC 3987) and HTTP(S) URLs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feeds/model/result.h"

namespace sic {

// An absolute IRI such as "tag:sic.example.pt,2026:a/12" or "https://x.eu/a".
// Article ids are IRIs: minted once by the origin, never changed (docs/model.md).
class Iri {
 public:
  // Accepts a scheme (RFC 3986 syntax) followed by ':' and a non-empty rest with
  // no spaces, control characters or the characters <>"{}|\^`. Returns an Error
  // quoting the text otherwise.
  static Result<Iri> parse(std::string_view text);
  static Result<Iri> parse(std::string&& text);  // the same, without a copy
  static Result<Iri> parse(const char* text) { return parse(std::string_view(text)); }

  Iri() = default;
  const std::string& str() const { return iri_; }
  bool empty() const { return iri_.empty(); }
  // The scheme in lower case ("tag", "https").
  std::string scheme() const;

  friend bool operator==(const Iri&, const Iri&) = default;
  friend auto operator<=>(const Iri&, const Iri&) = default;

 private:
  explicit Iri(std::string iri) : iri_(std::move(iri)) {}
  std::string iri_;
};

// An absolute http:// or https:// URL, split into its parts.
struct HttpUrl {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 literal keeps its brackets
  int port = 0;        // the explicit port, or 80 / 443
  std::string path;    // from the first '/' on (query included); "/" when empty

  std::string origin()
      const;                // "https://host[:port]" (the port only when explicit and not default)
  std::string str() const;  // origin() + path
};

// Parses an absolute http(s) URL. Returns an Error naming the problem ("url: no host
// in \"https:///x\"") for other schemes, missing hosts, bad ports, spaces or user info.
Result<HttpUrl> parse_http_url(std::string_view text);

// Percent-encodes every byte outside RFC 3986 "unreserved" (for ids in paths and queries,
// and application/x-www-form-urlencoded bodies).
std::string percent_encode(std::string_view text);
// An application/x-www-form-urlencoded body: name=value pairs, each percent-encoded,
// joined by '&' (WebSub's requests).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// Appends one byte percent-encoded, with upper-case digits ("%2F").
void append_percent_encoded(std::string& out, unsigned char byte);
// Decodes %XX escapes; returns an Error on a malformed escape. '+' is kept as is.
Result<std::string> percent_decode(std::string_view text);

// An IRI as one path segment of bounded length: an article's page URL, its folder in
// an export (docs/publishing.md, "Article URLs"). percent_encode(iri) when that is at
// most 200 bytes, as every id a node mints is; otherwise its first 150 bytes (whole
// escapes), '~' and 32 hex digits of the IRI's SHA-256: at most 183 bytes, within the
// 255-byte limit of file names.
std::string iri_path_segment(const Iri& iri);

// A segment of the second form, percent-decoded as routers give it: the IRI's first
// characters and the digits of its hash. nullopt for any other text.
struct HashedSegment {
  std::string prefix;
  std::string hash;
  // Whether iri is the one the segment stands for.
  bool matches(const Iri& iri) const;
};
std::optional<HashedSegment> parse_hashed_segment(std::string_view decoded);

}  // namespace sic
