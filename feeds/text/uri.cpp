#include "feeds/text/uri.h"

#include <array>
#include <cstring>

#include "feeds/model/iri.h"
#include "feeds/text/scan.h"
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
  auto encode = [&](unsigned char c) { append_percent_encoded(out, c); };
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

// Printable ASCII an IRI may hold as it is.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x21; c < 0x7F; ++c) t[size_t(c)] = true;
  for (unsigned char c : {'<', '>', '"', '{', '}', '|', '\\', '^', '`'}) t[c] = false;
  return t;
}();

// The bytes plain_without_dot_segments must look at.
enum Class : unsigned char { kOrdinary, kNotPlain, kSlash, kQueryOrFragment };
constexpr std::array<Class, 256> kClass = [] {
  std::array<Class, 256> t{};
  for (int c = 0; c < 256; ++c) t[size_t(c)] = kPlain[size_t(c)] ? kOrdinary : kNotPlain;
  t['/'] = kSlash;
  t['?'] = t['#'] = kQueryOrFragment;
  return t;
}();

// True when s holds only printable ASCII an IRI allows and, from its first '/' up to a
// '?' or '#', no "." or ".." segment: resolution leaves such a path as it is.
bool plain_without_dot_segments(std::string_view s) {
  bool in_query = false;  // past a '?' or '#': dots mean nothing there
  for (size_t i = 0; i < s.size(); ++i) {
    switch (kClass[static_cast<unsigned char>(s[i])]) {
      case kOrdinary:
        break;
      case kNotPlain:
        return false;
      case kQueryOrFragment:
        in_query = true;
        break;
      case kSlash: {
        if (in_query) break;
        size_t dots = 0;
        while (dots < 2 && i + 1 + dots < s.size() && s[i + 1 + dots] == '.') ++dots;
        size_t after = i + 1 + dots;  // a segment "." or ".." ends there?
        if (dots > 0 &&
            (after == s.size() || kClass[static_cast<unsigned char>(s[after])] >= kSlash))
          return false;
        break;
      }
    }
  }
  return true;
}

// True when ref is an absolute http(s) URL that resolution would leave unchanged:
// a lower-case scheme, only printable ASCII an IRI allows, no dot segments. Most
// URLs in feeds are; they skip the general algorithm.
bool already_resolved(std::string_view ref) {
  if (ref.substr(0, 7) == "http://") return plain_without_dot_segments(ref.substr(7));
  if (ref.substr(0, 8) == "https://") return plain_without_dot_segments(ref.substr(8));
  return false;
}

// True when ref is a path from the root ("/a/b?c#d") that resolution would leave as it
// is: printable ASCII an IRI allows and no dot segments.
bool is_plain_root_path(std::string_view ref) {
  if (ref.empty() || ref[0] != '/' || (ref.size() > 1 && ref[1] == '/')) return false;
  return plain_without_dot_segments(ref);
}

}  // namespace

std::string iri_safe(std::string_view ref) {
  if (find_non_ascii(ref, 0) == ref.size()) return std::string(ref);
  std::string out;
  out.reserve(ref.size());
  for (size_t i = 0; i < ref.size();) {
    if (static_cast<unsigned char>(ref[i]) < 0x80) {
      out += ref[i++];
      continue;
    }
    size_t start = i;
    char32_t cp = next_code_point(ref, i);
    bool invalid = cp == kReplacement && ref.substr(start, 3) != "\xEF\xBF\xBD";
    if (!invalid && !percent_encoded_code_point(cp) && cp != kReplacement) {
      out.append(ref.substr(start, i - start));
      continue;
    }
    for (size_t k = start; k < i; ++k)
      append_percent_encoded(out, static_cast<unsigned char>(ref[k]));
  }
  return out;
}

std::string uri_scheme(std::string_view ref) {
  std::string cleaned = clean(ref);
  size_t colon = scheme_end(cleaned);
  if (colon == std::string_view::npos) return "";
  std::string scheme = cleaned.substr(0, colon);
  for (char& c : scheme)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return scheme;
}

bool append_resolved_uri(std::string& out, std::string_view base, std::string_view ref) {
  // The common cases first: an absolute URL as resolution would leave it, and a path
  // from the root ("/news/1") against such a base.
  if (already_resolved(ref)) {
    out += ref;
    return true;
  }
  if (is_plain_root_path(ref) && already_resolved(base)) {
    size_t authority = base.find("//") + 2;
    size_t end = find_any<'/', '?', '#'>(base, authority);
    out += base.substr(0, end);
    out += ref;
    return true;
  }
  auto resolved = resolve_uri(base, ref);
  if (!resolved) return false;
  out += *resolved;
  return true;
}

std::optional<std::string> resolve_uri(std::string_view base, std::string_view ref) {
  if (already_resolved(ref)) return std::string(ref);
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
