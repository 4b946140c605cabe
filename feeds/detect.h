// Format detection from the content (internal to feeds/; see detect_format in feeds.h).
#pragma once

#include <string_view>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic::detect {

// What a document looks like before it is parsed.
enum class Syntax { kXml, kJson };

// JSON when the first character after a BOM and white space is '{' (or '[', which no
// feed is), XML when it is '<'; an Error otherwise.
Result<Syntax> syntax_of(std::string_view bytes);

// The local name of the root element of an XML document (after the declaration,
// comments, processing instructions and a DOCTYPE), "" when there is none.
std::string_view root_name(std::string_view utf8);

}  // namespace sic::detect
