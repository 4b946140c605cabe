// The normalized model every module speaks: articles, translations, tombstones and
// feeds (docs/model.md). Text fields are UTF-8. Titles and summaries are plain
// text; content_html is sanitized HTML; every URL is absolute.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/iri.h"
#include "feeds/model/language.h"
#include "feeds/model/signature.h"

namespace sic {

enum class FeedFormat { kAtom, kJsonFeed, kRss };
const char* to_string(FeedFormat format);  // "atom", "json", "rss"

struct Person {
  std::string name;
  std::string uri;    // absolute URL or ""
  std::string email;  // or ""
  friend bool operator==(const Person&, const Person&) = default;
};

// An attached file (Atom rel="enclosure", RSS <enclosure>, JSON Feed attachments).
struct Enclosure {
  std::string url;          // absolute
  std::string type;         // MIME type or ""
  std::int64_t length = 0;  // bytes; 0 when unknown
  std::string title;
  friend bool operator==(const Enclosure&, const Enclosure&) = default;
};

// The article's picture, shown beside its title (docs/model.md, "Image"). Hot-linked:
// the url is the origin's, never a copy.
struct Image {
  std::string url;  // absolute http(s) URL; "" when the article has none
  std::string alt;  // plain text; "" when the feed gave none (decorative)
  friend bool operator==(const Image&, const Image&) = default;
};
// Readers drop an alt text longer than this (bytes): no image description is that long.
inline constexpr std::size_t kMaxImageAlt = 1000;

enum class TranslationKind { kHuman, kMachine };
const char* to_string(TranslationKind kind);  // "human", "machine"

// An article's title, summary and body in another language (docs/translation.md).
struct Translation {
  LanguageTag lang;
  std::string title;
  std::string summary;
  std::string content_html;
  TranslationKind kind = TranslationKind::kMachine;
  std::string
      engine;  // how a machine translation was made ("apertium", "apertium:pt>es>en"); "" for human
  std::string source_hash;  // Article::content_hash() of the original it was made from
  TimePoint translated_at{};
  bool outdated = false;  // a human translation whose original changed since
  // The URL of a page showing this translation, or "" when unknown; not content. Feeds
  // carry it as an alternate link with hreflang (docs/feeds.md, "Extension").
  std::string link;
  // By the node that made it (signature.by, the translator), over
  // translation_statement (docs/merge.md); not content.
  Signature signature;

  // SHA-256 (hex) over the language, title, summary, content_html, kind, engine,
  // source_hash and translated_at: what the translator's signature covers.
  std::string content_hash() const;

  friend bool operator==(const Translation&, const Translation&) = default;
};

// Set on an article whose title, summary and content_html show a translation instead
// of the original (the lang=X feeds and pages).
struct TranslationNote {
  LanguageTag original_lang;
  TranslationKind kind = TranslationKind::kMachine;
  std::string engine;
  bool outdated = false;
  std::string by;  // the node that made the translation, or "" when unknown
  friend bool operator==(const TranslationNote&, const TranslationNote&) = default;
};

struct Article {
  Iri id;              // global, minted by the origin, never changes
  std::string origin;  // the origin centre's node id, e.g. "sic-pt"
  LanguageTag lang;    // the original's language
  std::string title;
  std::string summary;
  std::string content_html;
  std::vector<Person> authors;
  std::string section;            // a section id from config/taxonomy.toml, or ""
  std::vector<std::string> tags;  // topic keywords, in the origin's order
  std::string link;               // the article's page at its origin, or ""
  std::string rights;
  std::vector<Enclosure> enclosures;
  Image image;  // url "" when none
  std::optional<TimePoint> published;
  // The last change. A reader that finds no usable date leaves TimePoint{} (the epoch)
  // and reports it in Feed::warnings; it never invents one.
  TimePoint updated{};
  std::vector<Translation> translations;
  std::optional<TranslationNote> shown_translation;  // not content
  std::string via;  // the node this copy was received from ("" when first-hand); not content
  // By the origin (or, for a plain feed's article, the node that read it first-hand),
  // over article_statement of this version (docs/merge.md); not content.
  Signature signature;

  // SHA-256 (hex) over every content field above except translations and via: the
  // tie-break of merges (docs/merge.md). Equal articles hash equal on every node. The
  // image counts only when there is one: articles without one hash as they always did.
  std::string content_hash() const;

  friend bool operator==(const Article&, const Article&) = default;
};

// A deleted article (RFC 6721 at:deleted-entry).
struct Tombstone {
  Iri id;
  std::string origin;  // the centre that deleted it
  TimePoint deleted{};
  std::string via;
  Signature signature;  // over article_statement with the deleted flag (docs/merge.md)
  friend bool operator==(const Tombstone&, const Tombstone&) = default;
};

// A link in a feed document's header (RFC 4287 / RFC 5005).
struct FeedLink {
  std::string href;
  std::string rel;  // "self", "alternate", "next", "prev-archive", "hub", ...
  std::string type;
  std::string hreflang;
  friend bool operator==(const FeedLink&, const FeedLink&) = default;
};

// A feed document: its header, articles and tombstones.
struct Feed {
  std::string id;  // Atom id / JSON Feed feed_url / RSS link
  std::string title;
  std::string subtitle;
  std::string node;  // the publishing node's id when it is a sicnode, else ""
  std::string key;   // the publishing node's current public key ("ed25519:..."), or ""
  LanguageTag lang;
  std::optional<TimePoint> updated;
  std::vector<Person> authors;
  std::vector<FeedLink> links;
  std::string icon;
  std::string rights;    // Atom rights (0.3 copyright), RSS copyright / dc:rights
  bool archive = false;  // RFC 5005 fh:archive
  std::vector<Article> articles;
  std::vector<Tombstone> tombstones;
  // Problems that did not stop the parse ("rss: item 4: unparseable pubDate \"...\"").
  std::vector<std::string> warnings;

  // The href of the first link with this rel, or "".
  std::string link(std::string_view rel) const;
};

// The statements model values are signed over (feeds/model/signature.h): a version's
// (updated, content_hash()), a tombstone's (deleted, deleted flag), a translation's
// (translator = t.signature.by).
std::string statement_of(const Article& version);
std::string statement_of(const Tombstone& tombstone);
std::string statement_of(const Iri& article, const Translation& t);

}  // namespace sic
