// Bytes to UTF-8 before parsing (internal to feeds/; docs/feeds.md, "Encodings").
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic::xml {

enum class Syntax { kXml, kJson };

// Converts a document to UTF-8 without a byte order mark:
//  - a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides; else the first bytes of a
//    UTF-16/32 document without BOM; else, for XML, the encoding named in the XML
//    declaration (ISO-8859-1 and US-ASCII are read as their superset windows-1252, as
//    browsers do; any other name glibc's iconv knows is accepted); else UTF-8.
//  - bytes that are invalid in the encoding become U+FFFD, one per byte.
//  - for XML, line ends are normalized (CR LF and CR become LF, XML 1.0 section 2.11).
// Returns an Error naming the encoding when iconv does not know it.
Result<std::string> to_utf8(std::string_view bytes, Syntax syntax);

// The encoding named in an XML declaration at the start of ASCII-compatible bytes
// ("" when there is none), e.g. "ISO-8859-2".
std::string declared_encoding(std::string_view bytes);

}  // namespace sic::xml
