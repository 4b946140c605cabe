// Cleaning HTML from outside (docs/feeds.md, "Sanitizer"). Pure functions of their
// arguments; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sic {

struct SanitizeOptions {
  // Hosts whose https iframes are kept (embedded video), e.g. "www.youtube-nocookie.com",
  // "player.vimeo.com". Compared case-insensitively with the iframe src's host. Empty:
  // every iframe is removed.
  std::vector<std::string> video_hosts;
};

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

// The first <img> of a fragment sanitize_html wrote: its src and alt, references
// decoded; nullopt when it has none with a src.
struct HtmlImage {
  std::string src;
  std::string alt;
};
std::optional<HtmlImage> first_image(std::string_view sanitized_html);

}  // namespace sic
