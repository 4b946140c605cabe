#include "feeds/xml/encoding.h"

#include <errno.h>
#include <iconv.h>

#include <cstring>

#include "feeds/text/scan.h"
#include "feeds/text/utf8.h"

namespace sic::xml {
namespace {

bool starts(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct Detected {
  std::string encoding;  // "" for UTF-8
  size_t bom = 0;
};

Detected sniff(std::string_view b, Syntax syntax) {
  using namespace std::string_view_literals;
  if (starts(b, "\xEF\xBB\xBF")) return {"", 3};
  if (starts(b, "\x00\x00\xFE\xFF"sv)) return {"UTF-32BE", 4};
  if (starts(b, "\xFF\xFE\x00\x00"sv)) return {"UTF-32LE", 4};
  if (starts(b, "\xFE\xFF")) return {"UTF-16BE", 2};
  if (starts(b, "\xFF\xFE")) return {"UTF-16LE", 2};
  if (starts(b, "\x00\x00\x00"sv) && b.size() >= 4) return {"UTF-32BE", 0};
  if (b.size() >= 4 && b[0] != 0 && b.substr(1, 3) == "\x00\x00\x00"sv) return {"UTF-32LE", 0};
  if (b.size() >= 2 && b[0] == 0 && b[1] != 0) return {"UTF-16BE", 0};
  if (b.size() >= 2 && b[0] != 0 && b[1] == 0) return {"UTF-16LE", 0};
  if (syntax == Syntax::kXml) {
    std::string declared = text::to_lower_ascii(declared_encoding(b));
    // A declaration read in ASCII cannot truly say UTF-16/32: the bytes are 8-bit.
    if (declared.empty() || declared == "utf-8" || declared == "utf8" ||
        starts(declared, "utf-16") || starts(declared, "utf-32") || starts(declared, "ucs"))
      return {"", 0};
    if (declared == "iso-8859-1" || declared == "latin1" || declared == "latin-1" ||
        declared == "us-ascii" || declared == "ascii" || declared == "iso_8859-1" ||
        declared == "l1")
      return {"WINDOWS-1252", 0};
    return {declared, 0};
  }
  return {"", 0};
}

bool valid_encoding_name(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && !std::strchr("-_.:", c)) return false;
  return true;
}

class Iconv {
 public:
  explicit Iconv(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Converts everything; each byte iconv cannot convert becomes U+FFFD.
  std::string convert(std::string_view in) {
    std::string out;
    out.reserve(in.size() * 2 + 16);
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char buf[16384];
    while (src_left > 0) {
      char* dst = buf;
      size_t dst_left = sizeof buf;
      size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
      out.append(buf, size_t(dst - buf));
      if (r == size_t(-1) && errno != E2BIG) {
        out += "\xEF\xBF\xBD";  // EILSEQ or a truncated sequence at the end (EINVAL)
        ++src;
        --src_left;
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);
      }
    }
    return out;
  }

 private:
  iconv_t cd_;
};

// XML 1.0, 2.11: CR LF and lone CR become LF.
void normalize_line_ends(std::string& s) {
  size_t cr = s.find('\r');
  if (cr == std::string::npos) return;
  size_t w = cr;
  for (size_t r = cr; r < s.size(); ++r) {
    if (s[r] == '\r') {
      s[w++] = '\n';
      if (r + 1 < s.size() && s[r + 1] == '\n') ++r;
    } else {
      s[w++] = s[r];
    }
  }
  s.resize(w);
}

// Valid UTF-8 copied with XML's line ends (CR LF and CR become LF) in one pass; false
// (out unspecified) at the first invalid sequence.
bool copy_valid_utf8_xml(std::string_view in, std::string& out) {
  out.resize(in.size() + 16);  // never longer; 16 for copy_scan's whole blocks
  char* w = out.data();
#if defined(__SSE2__)
  auto special16 = [](text::Bytes16 v) { return text::any(text::non_ascii(v), text::eq(v, '\r')); };
#else
  auto special16 = nullptr;
#endif
  auto special = [](unsigned char c) { return c >= 0x80 || c == '\r'; };
  size_t i = 0;
  while ((i = text::copy_scan(in, i, w, special16, special)) < in.size()) {
    if (in[i] == '\r') {
      *w++ = '\n';
      i += i + 1 < in.size() && in[i + 1] == '\n' ? 2 : 1;
      continue;
    }
    size_t start = i;
    char32_t cp = text::next_code_point(in, i);
    if (cp == text::kReplacement && in.substr(start, 3) != "\xEF\xBF\xBD") return false;
    for (size_t k = start; k < i; ++k) *w++ = in[k];
  }
  out.resize(size_t(w - out.data()));
  return true;
}

// Whether some non-ASCII bytes of s form valid UTF-8 (a document written in UTF-8 with
// a few bad bytes) rather than none (a document in an 8-bit encoding it does not name).
bool has_utf8_sequence(std::string_view s) {
  size_t i = 0;
  while ((i = text::find_non_ascii(s, i)) < s.size()) {
    size_t start = i;
    char32_t cp = text::next_code_point(s, i);
    if (cp != text::kReplacement || s.substr(start, 3) == "\xEF\xBF\xBD") return true;
  }
  return false;
}

}  // namespace

std::string declared_encoding(std::string_view b) {
  size_t start = 0;
  while (start < b.size() && text::is_space(b[start])) ++start;
  if (b.substr(start, 5) != "<?xml") return "";
  size_t end = b.find("?>", start);
  std::string_view decl = b.substr(start, end == std::string_view::npos ? 200 : end - start);
  size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return "";
  size_t pos = key + 8;
  while (pos < decl.size() && (text::is_space(decl[pos]) || decl[pos] == '=')) ++pos;
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return "";
  size_t close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return "";
  return std::string(decl.substr(pos + 1, close - pos - 1));
}

Result<std::string> to_utf8(std::string_view bytes, Syntax syntax) {
  Detected d = sniff(bytes, syntax);
  std::string_view body = bytes.substr(d.bom);
  std::string out;
  if (d.encoding.empty()) {
    if (syntax == Syntax::kXml && copy_valid_utf8_xml(body, out)) return out;  // the usual case
    // Not UTF-8 at all and no BOM: an 8-bit document that names no encoding (or says
    // UTF-8 wrongly) is read as windows-1252, as browsers and feed readers do.
    if (syntax == Syntax::kXml && d.bom == 0 && !has_utf8_sequence(body))
      d.encoding = "WINDOWS-1252";
    else
      out = text::make_valid_utf8(body);
  }
  if (!d.encoding.empty()) {
    const char* module = syntax == Syntax::kXml ? "xml" : "json";
    if (!valid_encoding_name(d.encoding))
      return Error{std::string(module) + ": unsupported encoding \"" + d.encoding.substr(0, 40) +
                   "\""};
    Iconv converter(d.encoding);
    if (!converter.ok())
      return Error{std::string(module) + ": unsupported encoding \"" + d.encoding + "\""};
    out = converter.convert(body);
    if (starts(out, "\xEF\xBB\xBF")) out.erase(0, 3);
  }
  if (syntax == Syntax::kXml) normalize_line_ends(out);
  return out;
}

}  // namespace sic::xml
