#include "feeds/text/uri.h"

#include <cstring>

#include "feeds/text/utf8.h"

namespace sic::text {
namespace {

struct Parts {
  std::string scheme;
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;
};

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// Code points RFC 3987 keeps out of IRIs that feeds still carry: C1 controls,
// non-characters, bidirectional formatting characters.
bool percent_encoded_code_point(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || c == kReplacement;
}

// Browsers strip leading and trailing C0 controls and spaces and remove every tab
// and newline; we do the same, and percent-encode what an IRI cannot hold.
std::string clean(std::string_view ref) {
  size_t b = 0, e = ref.size();
  while (b < e && static_cast<unsigned char>(ref[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(ref[e - 1]) <= 0x20) --e;
  std::string out;
  out.reserve(e - b);
  static const char* hex = "0123456789ABCDEF";
  auto encode = [&](unsigned char c) {
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
  };
  for (size_t i = b; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(ref[i]);
    if (c >= 0x80) {  // a whole code point: kept, or percent-encoded byte by byte
      size_t start = i;
      char32_t cp = next_code_point(ref.substr(0, e), i);
      bool invalid = cp == kReplacement && ref.substr(start, 3) != "\xEF\xBF\xBD";
      if (invalid || percent_encoded_code_point(cp))
        for (size_t k = start; k < i; ++k) encode(static_cast<unsigned char>(ref[k]));
      else
        out.append(ref.substr(start, i - start));
      --i;
      continue;
    }
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c <= 0x20 || c == 0x7F || std::strchr("<>\"{}|\\^`", c) != nullptr) {
      encode(c);
    } else {
      out += char(c);
    }
  }
  return out;
}

size_t scheme_end(std::string_view s) {
  if (s.empty() || !is_scheme_char(s[0], true)) return std::string_view::npos;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ':') return i;
    if (!is_scheme_char(s[i], false)) return std::string_view::npos;
  }
  return std::string_view::npos;
}

Parts split(std::string_view s) {
  Parts p;
  if (size_t colon = scheme_end(s); colon != std::string_view::npos) {
    p.scheme = s.substr(0, colon);
    for (char& c : p.scheme)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    s.remove_prefix(colon + 1);
  }
  if (size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (size_t q = s.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    p.has_authority = true;
    s.remove_prefix(2);
    size_t slash = s.find('/');
    p.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  p.path = s;
  return p;
}

// RFC 3986, 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      out.append(in.substr(0, next));
      in = next == std::string_view::npos ? std::string_view() : in.substr(next);
    }
  }
  return out;
}

std::string merge(const Parts& base, std::string_view ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(ref_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  return base.path.substr(0, slash + 1) + std::string(ref_path);
}

std::string join(const Parts& p) {
  std::string out = p.scheme + ":";
  if (p.has_authority) out += "//" + p.authority;
  out += p.path;
  if (p.has_query) out += "?" + p.query;
  if (p.has_fragment) out += "#" + p.fragment;
  return out;
}

}  // namespace

std::string uri_scheme(std::string_view ref) {
  std::string cleaned = clean(ref);
  size_t colon = scheme_end(cleaned);
  if (colon == std::string_view::npos) return "";
  std::string scheme = cleaned.substr(0, colon);
  for (char& c : scheme)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return scheme;
}

std::optional<std::string> resolve_uri(std::string_view base, std::string_view ref) {
  Parts r = split(clean(ref));
  if (!r.scheme.empty()) {
    r.path = remove_dot_segments(r.path);
    return join(r);
  }
  Parts b = split(clean(base));
  if (b.scheme.empty()) return std::nullopt;
  Parts t;
  t.scheme = b.scheme;
  if (r.has_authority) {
    t.has_authority = true;
    t.authority = r.authority;
    t.path = remove_dot_segments(r.path);
    t.has_query = r.has_query, t.query = r.query;
  } else {
    t.has_authority = b.has_authority;
    t.authority = b.authority;
    if (r.path.empty()) {
      t.path = b.path;
      t.has_query = r.has_query || b.has_query;
      t.query = r.has_query ? r.query : b.query;
    } else {
      t.path = remove_dot_segments(r.path[0] == '/' ? r.path : merge(b, r.path));
      t.has_query = r.has_query, t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment, t.fragment = r.fragment;
  return join(t);
}

}  // namespace sic::text
