#include "feeds/model/iri.h"

#include "feeds/model/hash.h"

#include <array>
#include <cctype>
#include <cstring>

namespace sic {
namespace {

bool valid_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  return true;
}

constexpr std::array<bool, 256> kForbidden = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c <= 0x20; ++c) t[size_t(c)] = true;
  for (unsigned char c : {'<', '>', '"', '{', '}', '|', '\\', '^', '`', '\x7f'}) t[c] = true;
  return t;
}();

bool forbidden_in_iri(unsigned char c) { return kForbidden[c]; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr const char* kTooLong = "longer than 2048 bytes";

// Why text is not an absolute IRI, or nullptr when it is one.
const char* iri_problem(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || !valid_scheme(text.substr(0, colon)))
    return "not an absolute IRI (no scheme)";
  if (colon + 1 == text.size()) return "nothing after the scheme";
  if (text.size() > 2048) return kTooLong;
  for (unsigned char c : text)
    if (forbidden_in_iri(c)) return "contains a space or forbidden character";
  return nullptr;
}

Error iri_error(const char* problem, std::string_view text) {
  if (problem == kTooLong) return Error{std::string("iri: ") + problem};
  return Error{std::string("iri: ") + problem + ": \"" + std::string(text.substr(0, 200)) + "\""};
}

}  // namespace

Result<Iri> Iri::parse(std::string_view text) {
  if (const char* problem = iri_problem(text)) return iri_error(problem, text);
  return Iri(std::string(text));
}

Result<Iri> Iri::parse(std::string&& text) {
  if (const char* problem = iri_problem(text)) return iri_error(problem, text);
  return Iri(std::move(text));
}

std::string Iri::scheme() const { return lower(std::string_view(iri_).substr(0, iri_.find(':'))); }

std::string HttpUrl::origin() const {
  bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  return scheme + "://" + host + (default_port ? "" : ":" + std::to_string(port));
}

std::string HttpUrl::str() const { return origin() + path; }

Result<HttpUrl> parse_http_url(std::string_view text) {
  auto quoted = " in \"" + std::string(text.substr(0, 200)) + "\"";
  HttpUrl url;
  size_t sep = text.find("://");
  if (sep == std::string_view::npos) return Error{"url: not an absolute http(s) URL" + quoted};
  url.scheme = lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https")
    return Error{"url: the scheme must be http or https" + quoted};
  for (unsigned char c : text)
    if (forbidden_in_iri(c)) return Error{"url: contains a space or forbidden character" + quoted};
  std::string_view rest = text.substr(sep + 3);
  size_t path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos)
    return Error{"url: user information is not allowed" + quoted};
  std::string_view host = authority, port;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Error{"url: unclosed IPv6 literal" + quoted};
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Error{"url: bad characters after the IPv6 literal" + quoted};
      port = after.substr(1);
    }
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Error{"url: no host" + quoted};
  url.host = lower(host);
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port.empty()) {
    int p = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || p > 65535)
        return Error{"url: bad port" + quoted};
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return Error{"url: bad port" + quoted};
    url.port = p;
  }
  if (!path.empty() && path[0] != '/')
    url.path = "/" + std::string(path);
  else
    url.path = path.empty() ? "/" : std::string(path);
  if (size_t hash = url.path.find('#'); hash != std::string::npos) url.path.resize(hash);
  return url;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += char(c);
    else
      append_percent_encoded(out, c);
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

void append_percent_encoded(std::string& out, unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  out += '%';
  out += kDigits[byte >> 4];
  out += kDigits[byte & 15];
}

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
    int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) return Error{"url: malformed percent escape"};
    out += char(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace sic

namespace sic {

namespace {
constexpr std::size_t kMaxPlainSegment = 200, kHashedPrefix = 150, kHashDigits = 32;
}

std::string iri_path_segment(const Iri& iri) {
  std::string encoded = percent_encode(iri.str());
  if (encoded.size() <= kMaxPlainSegment) return encoded;
  std::size_t cut = kHashedPrefix;
  // Never inside an escape: "%4" or "%" at the cut would not decode.
  if (encoded[cut - 1] == '%')
    cut -= 1;
  else if (encoded[cut - 2] == '%')
    cut -= 2;
  return encoded.substr(0, cut) + "~" + sha256_hex(iri.str()).substr(0, kHashDigits);
}

std::optional<HashedSegment> parse_hashed_segment(std::string_view decoded) {
  if (decoded.size() <= kHashDigits + 1) return std::nullopt;
  std::string_view hash = decoded.substr(decoded.size() - kHashDigits);
  if (decoded[decoded.size() - kHashDigits - 1] != '~' ||
      hash.find_first_not_of("0123456789abcdef") != std::string_view::npos)
    return std::nullopt;
  return HashedSegment{std::string(decoded.substr(0, decoded.size() - kHashDigits - 1)),
                       std::string(hash)};
}

bool HashedSegment::matches(const Iri& iri) const {
  return iri.str().rfind(prefix, 0) == 0 && sha256_hex(iri.str()).substr(0, kHashDigits) == hash;
}

}  // namespace sic
