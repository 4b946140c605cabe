#include "feeds/xml/writer.h"

#include "feeds/text/markup.h"
#include "feeds/text/utf8.h"

namespace sic::xml {

void append_escaped(std::string& out, std::string_view s, bool in_attribute) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b >= 0x80) {
      std::size_t start = pos;
      char32_t c = text::next_code_point(s, pos);
      bool valid = !(c == text::kReplacement && pos - start != 3);
      if (valid && text::is_xml_char(c)) out.append(s.substr(start, pos - start));
      continue;
    }
    ++pos;
    if (std::string_view e = text::escape_of(char(b), in_attribute); !e.empty()) {
      out += e;
      continue;
    }
    switch (b) {
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += in_attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += in_attribute ? "&#9;" : "\t";
        break;
      default:
        if (b >= 0x20) out += char(b);  // other C0 controls cannot be written in XML 1.0
    }
  }
}

Writer::Writer() { out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"; }

void Writer::indent() { out_.append(2 * open_.size(), ' '); }

void Writer::start_tag(std::string_view name, const Attrs& attrs) {
  indent();
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attrs) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    append_escaped(out_, value, true);
    out_ += '"';
  }
}

void Writer::open(std::string_view name, const Attrs& attrs) {
  start_tag(name, attrs);
  out_ += ">\n";
  open_.emplace_back(name);
}

void Writer::close() {
  std::string name = std::move(open_.back());
  open_.pop_back();
  indent();
  out_ += "</" + name + ">\n";
}

void Writer::leaf(std::string_view name, std::string_view text, const Attrs& attrs) {
  start_tag(name, attrs);
  if (text.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += '>';
  append_escaped(out_, text, false);
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

std::string Writer::finish() {
  while (!open_.empty()) close();
  return std::move(out_);
}

}  // namespace sic::xml
