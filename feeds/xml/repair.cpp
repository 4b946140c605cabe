#include "feeds/xml/repair.h"

#include <vector>

#include "feeds/text/scan.h"

namespace sic::xml {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_name_start(unsigned char c) {
  unsigned char lower = c | 0x20;
  return (lower >= 'a' && lower <= 'z') || c == '_' || c == ':' || c >= 0x80;
}
bool is_name_char(unsigned char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
bool is_digit(char c, bool hex) {
  unsigned char lower = static_cast<unsigned char>(c) | 0x20;
  return (c >= '0' && c <= '9') || (hex && lower >= 'a' && lower <= 'f');
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// The length of the reference starting at s[i] (an '&'): "&name;", "&#123;", "&#x1F;";
// 0 when the '&' starts none.
size_t reference_length(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    bool hex = ++j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    size_t start = j;
    while (j < s.size() && j - start < 10 && is_digit(s[j], hex)) ++j;
    if (j == start) return 0;
  } else {
    if (j >= s.size() || !is_name_start(static_cast<unsigned char>(s[j]))) return 0;
    size_t start = j;
    while (j < s.size() && j - start < 64 && is_name_char(static_cast<unsigned char>(s[j]))) ++j;
  }
  return j < s.size() && s[j] == ';' ? j + 1 - i : 0;
}

class Repairer {
 public:
  Repairer(std::string_view in, const Limits& limits)
      : in_(in), limits_(limits), max_out_(2 * in.size() + 64 * 1024) {
    out_.reserve(in.size() + in.size() / 16 + 64);
  }

  Result<Repaired> run() {
    while (pos_ < in_.size()) {
      size_t lt = text::find_any<'<'>(in_, pos_);
      text(in_.substr(pos_, lt - pos_));
      pos_ = lt;
      if (pos_ < in_.size())
        if (Status s = markup(); !s.ok()) return s.error();
      if (out_.size() > max_out_) return Error{"xml: the document needs too much repair"};
    }
    if (!root_seen_) return Error{"xml: no root element"};
    if (!open_.empty()) {
      ++fixes_;  // a final close tag cut short, or never written
      drop_cut_record();
      close_to(0);
    }
    return Repaired{std::move(out_), fixes_};
  }

 private:
  bool at(std::string_view prefix) const { return in_.substr(pos_, prefix.size()) == prefix; }

  // Moves past the next `end` (or to the end of the document, which is a fix).
  void skip_past(std::string_view end, size_t from) {
    size_t found = in_.find(end, from);
    if (found == std::string_view::npos) ++fixes_;
    pos_ = found == std::string_view::npos ? in_.size() : found + end.size();
  }

  void text(std::string_view run) {
    if (open_.empty()) {
      for (char c : run) fixes_ += !is_space(c);  // text outside the root is dropped
      return;
    }
    append_escaped(run, false);
  }

  // Appends text or an attribute value: references kept, a bare '&' or '<' escaped (a
  // fix), '"' escaped in attribute values (written between double quotes).
  void append_escaped(std::string_view s, bool attribute) {
    size_t i = 0;
    while (i < s.size()) {
      size_t j = attribute ? text::find_any<'&', '<', '"', '\0'>(s, i)
                           : text::find_any<'&', '<', '\0'>(s, i);
      out_.append(s.substr(i, j - i));
      if (j == s.size()) break;
      if (s[j] == '&') {
        if (size_t n = reference_length(s, j)) {
          out_.append(s.substr(j, n));
          i = j + n;
          continue;
        }
        out_ += "&amp;";
        ++fixes_;
      } else if (s[j] == '<') {
        out_ += "&lt;";
        ++fixes_;
      } else if (s[j] == '\0') {  // XML has no NUL, and RapidXML stops at one
        ++fixes_;
      } else {
        out_ += "&quot;";
      }
      i = j + 1;
    }
  }

  Status markup() {
    if (at("<!--")) {
      skip_past("-->", pos_ + 4);  // comments are dropped
    } else if (at("<![CDATA[")) {
      cdata();
    } else if (at("<!")) {
      size_t end = in_.find_first_of("[>", pos_ + 2);
      if (end != std::string_view::npos && in_[end] == '[')
        return Error{"xml: a DOCTYPE with an internal subset is refused (no entity declarations)"};
      skip_past(">", pos_ + 2);
    } else if (at("<?")) {
      skip_past("?>", pos_ + 2);
    } else if (at("</")) {
      end_tag();
    } else if (pos_ + 1 < in_.size() && is_name_start(static_cast<unsigned char>(in_[pos_ + 1]))) {
      return start_tag();
    } else {  // a '<' that starts nothing is text
      if (!open_.empty()) out_ += "&lt;";
      ++fixes_;
      ++pos_;
    }
    return Status::Ok();
  }

  void cdata() {
    size_t start = pos_ + 9, end = in_.find("]]>", start);
    std::string_view content = in_.substr(start, end == std::string_view::npos ? end : end - start);
    if (!open_.empty()) {
      out_ += "<![CDATA[";
      for (char c : content) c != '\0' ? void(out_ += c) : void(++fixes_);
      out_ += "]]>";
    } else {
      text(content);
    }
    if (end == std::string_view::npos) ++fixes_;
    pos_ = end == std::string_view::npos ? in_.size() : end + 3;
  }

  std::string_view name_at(size_t& p) const {
    size_t start = p;
    while (p < in_.size() && is_name_char(static_cast<unsigned char>(in_[p]))) ++p;
    return in_.substr(start, p - start);
  }

  void skip_space(size_t& p) const {
    while (p < in_.size() && is_space(in_[p])) ++p;
  }

  // An attribute's value after its '=': quoted, with a missing closing quote, or bare.
  std::string_view value_at(size_t& p) {
    skip_space(p);
    if (p < in_.size() && (in_[p] == '"' || in_[p] == '\'')) {
      size_t close = in_.find(in_[p], p + 1);
      std::string_view v = in_.substr(p + 1, close == std::string_view::npos ? 0 : close - p - 1);
      // A value that ends one tag and starts another ("a/>t</l><m a=") lost its quote.
      size_t gt = v.find('>');
      bool runaway = gt != std::string_view::npos && v.find('<', gt) != std::string_view::npos;
      if (close != std::string_view::npos && !runaway) {
        p = close + 1;
        return v;
      }
      ++p;  // no closing quote before the next tag: the value runs to the tag's end
    }
    ++fixes_;  // a value without quotes, or without its closing quote
    size_t start = p;
    while (p < in_.size() && !is_space(in_[p]) && in_[p] != '>' && in_[p] != '<') ++p;
    // "href=x/>": the tag was an empty-element one.
    if (p > start && p < in_.size() && in_[p] == '>' && in_[p - 1] == '/') --p;
    return in_.substr(start, p - start);
  }

  // The attributes of a start tag, appended to out_; false when the document ends first.
  // Sets *self_closing for "/>".
  bool attributes(size_t& p, bool& self_closing) {
    std::vector<std::string_view> seen;
    while (true) {
      skip_space(p);
      if (p >= in_.size()) return false;
      char c = in_[p];
      if (c == '>') {
        ++p;
        return true;
      }
      if (c == '/' && p + 1 < in_.size() && in_[p + 1] == '>') {
        p += 2;
        self_closing = true;
        return true;
      }
      if (c == '<') {  // a tag cut short by the next one
        ++fixes_;
        return true;
      }
      if (!is_name_start(static_cast<unsigned char>(c))) {
        ++fixes_;
        ++p;
        continue;
      }
      std::string_view name = name_at(p);
      size_t q = p;
      skip_space(q);
      std::string_view value = name;  // a name without a value: name="name"
      if (q < in_.size() && in_[q] == '=') {
        p = q + 1;
        value = value_at(p);
      } else {
        ++fixes_;
      }
      bool repeated = false;
      for (auto s : seen) repeated |= s == name;
      if (repeated) {
        ++fixes_;
        continue;
      }
      seen.push_back(name);
      out_ += ' ';
      out_ += name;
      out_ += "=\"";
      append_escaped(value, true);
      out_ += '"';
    }
  }

  Status start_tag() {
    size_t p = pos_ + 1;
    std::string_view name = name_at(p);
    size_t mark = out_.size();
    out_ += '<';
    out_ += name;
    bool self_closing = false;
    bool complete = attributes(p, self_closing);
    pos_ = complete ? p : in_.size();
    if (!complete || done_) {  // cut short by the end, or after the root: dropped
      out_.resize(mark);
      ++fixes_;
      return Status::Ok();
    }
    if (++elements_ > limits_.max_elements)
      return Error{"xml: more than " + std::to_string(limits_.max_elements) + " elements"};
    root_seen_ = true;
    if (self_closing) {
      out_ += "/>";
      done_ = open_.empty();
      return Status::Ok();
    }
    out_ += '>';
    open_.push_back(name);
    open_at_.push_back(mark);
    if (open_.size() > limits_.max_depth)
      return Error{"xml: nested deeper than " + std::to_string(limits_.max_depth) + " elements"};
    return Status::Ok();
  }

  void end_tag() {
    size_t p = pos_ + 2;
    std::string_view name = name_at(p);
    size_t end = text::find_any<'>', '<'>(in_, p);
    if (end < in_.size() && in_[end] == '>') {
      for (size_t i = p; i < end; ++i) fixes_ += !is_space(in_[i]);
      pos_ = end + 1;
    } else {
      ++fixes_;  // cut short
      pos_ = end;
    }
    size_t k = open_.size();
    while (k > 0 && open_[k - 1] != name) --k;
    if (k == 0) {
      k = open_.size();
      while (k > 0 && !iequals(open_[k - 1], name)) --k;
    }
    if (k == 0) {  // closes nothing that is open
      ++fixes_;
      return;
    }
    if (k != open_.size() || open_[k - 1] != name) ++fixes_;
    close_to(k - 1);
    done_ = open_.empty();
  }

  // An entry or item still open at the end of the document was cut short: what it
  // holds cannot be trusted (half a body would pass for the whole), so it goes.
  void drop_cut_record() {
    for (size_t k = 1; k < open_.size(); ++k) {
      std::string_view name = open_[k];
      if (size_t colon = name.rfind(':'); colon != std::string_view::npos)
        name.remove_prefix(colon + 1);
      if (name != "entry" && name != "item") continue;
      out_.resize(open_at_[k]);
      open_.resize(k);
      open_at_.resize(k);
      return;
    }
  }

  void close_to(size_t depth) {
    while (open_.size() > depth) {
      out_ += "</";
      out_ += open_.back();
      out_ += '>';
      open_.pop_back();
      open_at_.pop_back();
    }
  }

  std::string_view in_;
  const Limits& limits_;
  const size_t max_out_;
  size_t pos_ = 0;
  std::string out_;
  std::vector<std::string_view> open_;  // names of the open elements, outermost first
  std::vector<size_t> open_at_;         // where each one's start tag is in out_
  size_t elements_ = 0;
  bool root_seen_ = false, done_ = false;  // done_: the root element was closed
  int fixes_ = 0;
};

}  // namespace

Result<Repaired> repair(std::string_view utf8, const Limits& limits) {
  return Repairer(utf8, limits).run();
}

}  // namespace sic::xml
