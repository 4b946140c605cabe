// canonical_text: the one form plain text takes in the model (docs/feeds.md, "Text").
#include "feeds/text/plain.h"

#include "feeds/text/scan.h"
#include "feeds/text/utf8.h"

namespace sic {
namespace {

// Characters dropped from plain text: C0 and C1 controls other than white space, DEL,
// and the non-characters XML cannot carry.
bool is_dropped(char32_t c) {
  return (c < 0x20 && !text::is_space(char(c))) || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
         c == 0xFFFF;
}

// Bytes other than printable ASCII (0x21-0x7E), sixteen at a time: 0x80-0xFF compare
// as negative.
#if defined(__SSE2__)
const auto kNotPrintable16 = [](text::Bytes16 v) {
  return text::any(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)), text::eq(v, 0x7F));
};
#else
constexpr auto kNotPrintable16 = nullptr;
#endif

// True when canonical_text would give in back as it is: single spaces between
// characters that are kept, nothing else that changes (most titles and names are so).
bool is_canonical(std::string_view in) {
  auto printable = [](unsigned char c) { return c > 0x20 && c != 0x7F; };
  for (std::size_t pos = 0; (pos = text::scan(in, pos, kNotPrintable16, [](unsigned char c) {
                               return c <= 0x20 || c >= 0x7F;
                             })) < in.size();) {
    unsigned char b = static_cast<unsigned char>(in[pos]);
    if (b == ' ') {
      if (pos == 0 || pos + 1 == in.size() || !printable(static_cast<unsigned char>(in[pos + 1])))
        return false;
      ++pos;
    } else if (b >= 0x80) {
      std::size_t start = pos;
      char32_t c = text::next_code_point(in, pos);
      if (is_dropped(c) || (c == text::kReplacement && pos - start != 3)) return false;
    } else {
      return false;  // other white space, a control character, DEL
    }
  }
  return true;
}

}  // namespace

std::string canonical_text(std::string_view in) {
  if (is_canonical(in)) return std::string(in);
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < in.size()) {
    // A run of printable ASCII other than space is copied at once.
    std::size_t run = text::scan(in, pos, kNotPrintable16,
                                 [](unsigned char c) { return c <= 0x20 || c >= 0x7F; });
    if (run > pos) {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(in.data() + pos, run - pos);
      pos = run;
      continue;
    }
    unsigned char b = static_cast<unsigned char>(in[pos]);
    if (b < 0x80) {
      ++pos;
      if (text::is_space(char(b))) pending_space = !out.empty();
      continue;  // white space, or a control character (dropped)
    }
    std::size_t start = pos;
    char32_t c = text::next_code_point(in, pos);
    if (is_dropped(c)) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    if (c == text::kReplacement && pos - start != 3)
      text::append_utf8(out, c);
    else
      out.append(in.substr(start, pos - start));
  }
  return out;
}

}  // namespace sic
