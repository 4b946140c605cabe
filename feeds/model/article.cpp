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
  return h.hex();
}

std::string Feed::link(std::string_view rel) const {
  for (const auto& l : links)
    if (l.rel == rel) return l.href;
  return "";
}

}  // namespace sic
