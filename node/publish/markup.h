// Escaping text for HTML and XML documents written by hand (pages, OPML).
#pragma once

#include <string>
#include <string_view>

namespace sic::publish {

// Text escaped for element content and quoted attribute values alike: & < > " ' as
// character references; C0 control characters other than TAB, LF and CR dropped (XML
// 1.0 cannot carry them). The input is UTF-8 and passes through otherwise.
std::string escape(std::string_view text);
void append_escaped(std::string& out, std::string_view text);

}  // namespace sic::publish
