// Format detection from the content: detect_format, and the steps it takes (the
// sic::detect functions, internal to feeds/). Pure; thread-safe.
#pragma once

#include <string_view>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic {

// Detects the format from the content (never from a URL or a media type): an Atom
// <feed> (1.0 or 0.3), an RSS <rss>/<rdf:RDF>/<channel> (0.9x, 1.0, 2.0) or a JSON
// object with a jsonfeed.org "version". Returns an Error naming what was found
// ("detect: not a feed: the root element is <html>") otherwise.
Result<FeedFormat> detect_format(std::string_view bytes);

}  // namespace sic

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
