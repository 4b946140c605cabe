// Atom 1.0 (RFC 4287) and Atom 0.3 reader; see parse_feed in feeds/feeds.h.
#pragma once

#include "feeds/common/options.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "feeds/xml/document.h"

namespace sic::atom {

// Reads a document whose root is an Atom <feed> (or a lone <entry>).
Result<Feed> read(const xml::Document& doc, const ParseOptions& options);

}  // namespace sic::atom
