// The feed formats library: bytes in, a normalized Feed out, and back (docs/feeds.md).
//
// Everything here is a pure function of its arguments: no network, no files, no
// clock, no global state. All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic {

struct SanitizeOptions {
  // Hosts whose https iframes are kept (embedded video), e.g. "www.youtube-nocookie.com",
  // "player.vimeo.com". Compared case-insensitively with the iframe src's host. Empty:
  // every iframe is removed.
  std::vector<std::string> video_hosts;
};

struct ParseOptions {
  // The absolute URL the bytes came from; relative references in the document are
  // resolved against it (after any xml:base). "" when unknown (a local file): relative
  // references that cannot be resolved are then dropped, with a warning.
  std::string base_url;
  // Documents larger than this are refused before any parsing.
  std::size_t max_bytes = 20 * 1024 * 1024;
  SanitizeOptions sanitize;
};

// Detects the format from the content (never from a URL or a media type): an Atom
// <feed> (1.0 or 0.3), an RSS <rss>/<rdf:RDF>/<channel> (0.9x, 1.0, 2.0) or a JSON
// object with a jsonfeed.org "version". Returns an Error naming what was found
// ("detect: not a feed: the root element is <html>") otherwise.
Result<FeedFormat> detect_format(std::string_view bytes);

// Parses a feed document of any supported format and encoding into the model:
// every HTML field sanitized with sanitize_html, titles and summaries plain text,
// every URL absolute, dates to the second. Problems that do not stop the parse (an
// unparseable date, an entry without an id) are listed in Feed::warnings. Returns an
// Error with one line naming the format and the problem ("atom: line 3: mismatched
// end tag </entry>") when the document cannot be read; nothing is half-returned.
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

// Cleans HTML from outside against the allowlist (feeds/sanitize/allowlist.cpp):
// keeps headings, paragraphs, lists, tables, images, links and inline markup;
// removes scripts, styles, forms, event handlers, frames (except https iframes from
// options.video_hosts), dangerous URL schemes and CSS; resolves relative URLs
// against base_url (dropping them when base_url is "" and they are relative).
// The output is balanced, canonical HTML without white space at either end:
// sanitize_html(sanitize_html(x)) ==
// sanitize_html(x) for any x and the same base and options.
std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options);

// The text of an HTML fragment, as titles and summaries are kept: tags removed,
// entities decoded, every run of white space one space, trimmed.
std::string html_to_text(std::string_view html);

// Plain text as the model keeps it: control characters removed, every run of white
// space one space, trimmed, invalid UTF-8 replaced by U+FFFD. Idempotent.
std::string canonical_text(std::string_view text);

// Brings an article from outside (the API, an import) to the form the readers
// produce, so that its content hash survives every hop: text fields through
// canonical_text, content_html (and translations') through sanitize_html with no
// base. Idempotent. Articles from parse_feed are canonical already.
void canonicalize_article(Article& article, const SanitizeOptions& options);

// The `sicnode parse` output: {"feed": {...}, "articles": [...], "tombstones":
// [...], "warnings": [...]} with the model's field names (docs/feeds.md, "JSON").
std::string to_json(const Feed& feed);

}  // namespace sic
