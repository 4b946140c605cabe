// canonical_text: the one form plain text takes in the model (docs/feeds.md, "Text").
#include "feeds/feeds.h"
#include "feeds/text/utf8.h"

namespace sic {
namespace {

// Characters dropped from plain text: C0 and C1 controls other than white space, DEL,
// and the non-characters XML cannot carry.
bool is_dropped(char32_t c) {
  return (c < 0x20 && !text::is_space(char(c))) || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
         c == 0xFFFF;
}

}  // namespace

std::string canonical_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < in.size()) {
    // A run of printable ASCII other than space is copied at once.
    std::size_t run = pos;
    while (run < in.size() && static_cast<unsigned char>(in[run]) > 0x20 &&
           static_cast<unsigned char>(in[run]) < 0x7F)
      ++run;
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
