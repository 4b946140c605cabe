// RSS 2.0, 0.9x and 1.0 (RDF) reader; see parse_feed in feeds/feeds.h.
#pragma once

#include "feeds/common/options.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "feeds/xml/document.h"

namespace sic::rss {

// Reads a document whose root is <rss>, <rdf:RDF> or <channel>.
Result<Feed> read(const xml::Document& doc, const ParseOptions& options);

}  // namespace sic::rss
