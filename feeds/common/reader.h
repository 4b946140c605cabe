// What the three readers share: the context of one parse, and the steps that turn
// what a format says into model values (internal to feeds/; docs/feeds.md).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/common/options.h"
#include "feeds/model/article.h"

namespace sic::reader {

// Where a problem is, for warnings: "entry 3" and "<updated>". The text is built only
// when a warning is written.
struct Where {
  Where(std::string_view p) : prefix(p) {}    // NOLINT: implicit by design
  Where(const std::string& p) : prefix(p) {}  // NOLINT: implicit by design
  Where(const char* p) : prefix(p) {}         // NOLINT: implicit by design
  Where(std::string_view p, std::string_view s) : prefix(p), suffix(s) {}
  // "item 3 <pubDate>" from the element's name.
  static Where element(std::string_view p, std::string_view name) {
    Where w(p, name);
    w.bracket = true;
    return w;
  }
  std::string str() const {
    if (suffix.empty()) return std::string(prefix);
    return std::string(prefix) + (bracket ? " <" : " ") + std::string(suffix) +
           (bracket ? ">" : "");
  }
  std::string_view prefix, suffix;
  bool bracket = false;
};

struct Context {
  Context(const ParseOptions& o, std::string_view m, Feed& f) : options(o), module(m), feed(f) {}
  const ParseOptions& options;
  std::string_view module;  // "atom", "rss", "json"
  Feed& feed;
  // Written by sicnode: entries do not inherit the feed's authors (docs/feeds.md).
  bool sicnode = false;
  // Identifies the feed for ids that are not IRIs (RSS guids, JSON Feed ids).
  std::string feed_key;

  // The last few language tags read, and the texts they were read from
  // (reader::language): feeds mostly say one language, a hub's a few in turn.
  struct KnownLanguage {
    std::string text;
    LanguageTag tag;
  };
  mutable std::array<KnownLanguage, 4> known_languages;
  mutable std::size_t next_known_language = 0;

  void warn(std::string message) const {
    if (feed.warnings.size() < 1000)
      feed.warnings.push_back(std::string(module) + ": " + std::move(message));
  }
};

// An absolute URL: ref resolved against base; "" (with a warning naming where) when
// it cannot be made absolute or is not a valid IRI.
std::string absolute_url(const Context& ctx, std::string_view base, std::string_view ref,
                         const Where& where);

// A date in any of the accepted forms (text::parse_feed_date); nullopt with a warning
// ("rss: item 3: unparseable <pubDate> \"...\"") when it is present but unreadable.
std::optional<TimePoint> date(const Context& ctx, std::string_view text, const Where& where);

// A language tag; "" for "und" and, with a warning, for a malformed one.
LanguageTag language(const Context& ctx, std::string_view text, const Where& where);

// Plain text from a format that may hold markup in it (RSS titles and descriptions):
// html_to_text when it looks like HTML, canonical_text otherwise.
std::string maybe_html_text(std::string_view text);

// Completes an article: the id from raw_id (an IRI as it is; another string mapped
// into urn:sicnode:guid:...), else the link, else one derived from the content, with
// a warning; updated from published when absent, else the epoch with a warning.
void finish_article(const Context& ctx, Article& a, std::string_view raw_id, bool has_updated,
                    const Where& where);

// Sets a.image from what a format named: url resolved against base (http(s) only, as
// absolute_url) and alt, plain text, canonical ("" when longer than sic::kMaxImageAlt bytes).
// Returns false, leaving a.image as it was, when the url is not usable.
bool set_image(const Context& ctx, Article& a, std::string_view base, std::string_view url,
               std::string_view alt, const Where& where);

// When a feed not written by sicnode named no image: the first enclosure with an
// image/ type, else the first <img> of the (sanitized) body. A sicnode feed says its
// articles' images itself; guessing there would change their signed content hash.
void fallback_image(const Context& ctx, Article& a, const Where& where);

// "RSS 2.0 <author>", dc:creator: "email (Name)", "Name (email)", "Name <email>", "email"
// or "Name" (all of a text without '@' is the name).
Person person_from_text(std::string_view text);

}  // namespace sic::reader
