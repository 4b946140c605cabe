// The feed formats library: bytes in, a normalized Feed out, and back (docs/feeds.md).
// The one header the rest of the node includes: it declares what feeds.cpp defines
// and brings in the headers of the other public functions (detect_format,
// sanitize_html, html_to_text, canonical_text, to_json).
//
// Everything here is a pure function of its arguments: no network, no files, no
// clock, no global state. All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "feeds/common/options.h"
#include "feeds/detect.h"
#include "feeds/json_output.h"
#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/plain.h"

namespace sic {

// Parses a feed document of any supported format and encoding into the model:
// every HTML field sanitized with sanitize_html, titles and summaries plain text,
// every URL absolute, dates to the second. Problems that do not stop the parse (an
// unparseable date, an entry without an id) are listed in Feed::warnings. Returns an
// Error with one line naming the format and the problem ("atom: xml: line 3: invalid
// closing tag name", "detect: not a feed: the root element is <html>") when the
// document cannot be read; nothing is half-returned.
// Bytes written by write_feed for a valid Feed read back to an equal Feed (for the
// fields each format can carry; see docs/feeds.md, "Round trip").
Result<Feed> parse_feed(std::string_view bytes, const ParseOptions& options);

// Writes an Atom 1.0 (RFC 4287, with RFC 5005 archives and RFC 6721 tombstones),
// JSON Feed 1.1 or RSS 2.0 document, UTF-8. Our own fields (origin, section, via,
// translations, shown_translation, tombstones outside Atom) go into the sicnode
// extension (docs/feeds.md). Never fails: it expects a valid model (absolute ids
// and URLs, text canonical as canonicalize_article leaves it); characters XML
// cannot carry are dropped.
std::string write_feed(FeedFormat format, const Feed& feed);

// Brings an article from outside (the API, an import) to the form the readers
// produce, so that its content hash survives every hop: text fields through
// canonical_text, content_html (and translations') through sanitize_html with no
// base, URLs to absolute http(s) ones (others become ""), "und" languages to the
// empty tag, characters XML cannot carry in the id percent-encoded. Idempotent.
// Articles from parse_feed are canonical already. For an article that shows a
// translation (shown_translation set), lang is the language shown.
void canonicalize_article(Article& article, const SanitizeOptions& options);

}  // namespace sic
