// The query of a feed or listing: ?lang=&tag=&section=&origin=&page= (docs/publishing.md).
// Parsing is strict: an unknown parameter, a repeated one or a malformed value is an
// error naming the parameter, so a typo never silently yields an unfiltered feed.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/catalogue/articles.h"
#include "node/config/taxonomy.h"

namespace sic::publish {

struct FeedQuery {
  LanguageTag lang;                 // show every article in this language (original or translation)
  std::string tag;                  // a topic keyword
  std::string section;              // a section id of the taxonomy
  std::string origin;               // an origin centre's node id
  std::string q;                    // a search query as given (docs/search.md); "" none
  std::optional<SearchQuery> text;  // q parsed
  std::optional<ArticleCursor> page;  // continue after this entry (from a `next` link)

  bool filtered() const {
    return !lang.empty() || !tag.empty() || !section.empty() || !origin.empty() || !q.empty();
  }
  // The catalogue filter these parameters select.
  ArticleFilter filter() const;
  // The same query without the page.
  FeedQuery first_page() const;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The parameter names a document accepts. kFilters (archives) and kSearchAndPage (live
// feeds) take q too: a saved search is a feed, archives included (docs/publishing.md).
enum class Accepts { kFilters, kFiltersAndPage, kLangOnly, kSearchAndPage };

// Reads decoded parameters. Errors (one line, naming the parameter):
//   `unknown parameter "q" (known: lang, tag, section, origin, page)`,
//   `lang: given more than once`, `lang: "en_GB" is not a BCP 47 language tag`,
//   `section: "gossip" is not a section of the taxonomy`, `origin: "X" is not a node id`,
//   `tag: must be 1-64 characters without control characters`,
//   `page: not a cursor from a next link`, `q: search: a quotation mark is not closed...`
//   (parse_search_query's message).
Result<FeedQuery> parse_query(const QueryParams& params, const Taxonomy& taxonomy, Accepts accepts);

// The raw query string of a target ("a=1&b=2" from "/x?a=1&b=2"), decoded into pairs;
// an Error for a malformed percent escape ("query: malformed percent escape").
Result<QueryParams> decode_target_query(std::string_view target);

// The canonical query string: parameters in a fixed order (lang, origin, q, section, tag,
// page), percent-encoded, "" when none. Equal queries give equal strings, so it is a
// cache key and the query of self links.
std::string canonical(const FeedQuery& query);
// "?" + canonical(query), or "" when there are no parameters.
std::string query_suffix(const FeedQuery& query);

// The cursor of a `next` link: "2026-06-28T12:00:00Z|tag:sic.example.pt,2026:a/1".
std::string cursor_text(const ArticleCursor& cursor);
std::optional<ArticleCursor> parse_cursor(std::string_view text);

// A value as error messages quote it: "\"value\"", valid UTF-8 without control
// characters, cut after 80 bytes.
std::string quoted(const std::string& value);

}  // namespace sic::publish
