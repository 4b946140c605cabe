#include "feeds/model/article.h"

#include <iterator>

#include "feeds/model/hash.h"

namespace sic {

const char* to_string(FeedFormat format) {
  static constexpr const char* kNames[] = {"atom", "json", "rss"};
  static_assert(std::size(kNames) == std::size_t(FeedFormat::kRss) + 1);
  return kNames[std::size_t(format)];
}

const char* to_string(TranslationKind kind) {
  return kind == TranslationKind::kHuman ? "human" : "machine";
}

std::string Article::content_hash() const {
  FieldHasher h;
  h.add("sicnode-article-v1").add(id.str()).add(origin).add(lang.str()).add(title).add(summary);
  h.add(content_html).add(section).add(link).add(rights);
  h.add(std::to_string(authors.size()));
  for (const auto& a : authors) h.add(a.name).add(a.uri).add(a.email);
  h.add(std::to_string(tags.size()));
  for (const auto& t : tags) h.add(t);
  h.add(std::to_string(enclosures.size()));
  for (const auto& e : enclosures)
    h.add(e.url).add(e.type).add(std::to_string(e.length)).add(e.title);
  h.add(published ? std::to_string(to_unix(*published)) : "-");
  h.add(std::to_string(to_unix(updated)));
  if (!image.url.empty()) h.add("image").add(image.url).add(image.alt);
  return h.hex();
}

std::string Translation::content_hash() const {
  FieldHasher h;
  h.add("sicnode-translation-v1").add(lang.str()).add(title).add(summary).add(content_html);
  h.add(to_string(kind)).add(engine).add(source_hash);
  h.add(std::to_string(to_unix(translated_at)));
  return h.hex();
}

std::string statement_of(const Article& version) {
  return article_statement(version.id, version.origin, version.updated, version.content_hash(),
                           false);
}

std::string statement_of(const Tombstone& tombstone) {
  return article_statement(tombstone.id, tombstone.origin, tombstone.deleted, "", true);
}

std::string statement_of(const Iri& article, const Translation& t) {
  return translation_statement(article, t.source_hash, t.lang, to_string(t.kind), t.content_hash(),
                               t.signature.by);
}

std::string Feed::link(std::string_view rel) const {
  for (const auto& l : links)
    if (l.rel == rel) return l.href;
  return "";
}

}  // namespace sic
