// A small streaming XML writer for the Atom and RSS writers (internal to feeds/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sic::xml {

// Appends s escaped as XML character data (or an attribute value when in_attribute):
// & < > always, " in attributes, CR and (in attributes) TAB and LF as character
// references so that they survive a parser's normalization; characters XML 1.0
// cannot carry (most C0 controls, U+FFFE, U+FFFF, invalid UTF-8) are dropped.
void append_escaped(std::string& out, std::string_view s, bool in_attribute);

// Writes an indented document. Usage:
//   Writer w;  w.open("feed", {{"xmlns", kAtomNs}});  w.leaf("id", id);  w.close();
// Elements with text are written on one line, so no white space enters their text.
class Writer {
 public:
  using Attrs = std::vector<std::pair<std::string_view, std::string_view>>;

  Writer();  // writes the XML declaration
  void open(std::string_view name, const Attrs& attrs = {});
  void close();
  // <name attrs>text</name>; <name attrs/> when text is empty.
  void leaf(std::string_view name, std::string_view text, const Attrs& attrs = {});
  void empty(std::string_view name, const Attrs& attrs) { leaf(name, "", attrs); }
  // Returns the document; the writer is left empty.
  std::string finish();

 private:
  void start_tag(std::string_view name, const Attrs& attrs);
  void indent();
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace sic::xml
