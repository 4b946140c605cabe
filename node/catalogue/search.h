// Search over the catalogue's articles and translations (docs/search.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/search_query.h"

namespace sic {
namespace catalogue {
struct Session;
}

// Keyset paging over ranked results: hits ranked after (score, id), scored as at `now`
// (the recency factor's clock is fixed for every page of one search).
struct SearchCursor {
  double score = 0;
  std::string id;
  std::int64_t now = 0;  // Unix seconds
};

// "-3.0171853393740004|1795881845|tag:sic.example.pt,2026:a/1": a cursor in links.
std::string search_cursor_text(const SearchCursor& cursor);
// nullopt when the text is not one search_cursor_text made.
std::optional<SearchCursor> parse_search_cursor(std::string_view text);

struct SearchRequest {
  SearchQuery query;
  ArticleFilter filter;     // lang, tag, section, origin, available_in; live articles only
  LanguageTag reader_lang;  // show a hit in this language when it has that text; "" none
  std::size_t limit = 20;
  std::optional<SearchCursor> after;
};

// Text with the query's matches marked; the spans are plain text (not escaped).
struct MarkedSpan {
  std::string text;
  bool marked = false;
};
using MarkedText = std::vector<MarkedSpan>;

struct SearchHit {
  StoredArticle stored;    // with its translations
  LanguageTag shown_lang;  // the language of title and snippet
  MarkedText title;
  MarkedText snippet;  // from the body (or the summary when the body has no text)
  double score = 0;    // lower ranks first (bm25 with the recency factor)
};

struct SearchPage {
  std::vector<SearchHit> hits;
  std::optional<SearchCursor> next;  // set when more hits may follow
};

class SearchStore {
 public:
  explicit SearchStore(catalogue::Session& session) : s_(session) {}

  // One page of the articles matching the request, best first, one hit per article
  // (an original and its translations count once). Errors: the catalogue's.
  Result<SearchPage> search(const SearchRequest& request);
  // Checks that search_docs holds exactly the live originals and translations and that
  // the FTS5 indexes agree with it ('integrity-check'). Error: what disagrees.
  Status check_index();

 private:
  Result<std::optional<SearchHit>> make_hit(const std::string& id, double score,
                                            const SearchRequest& request);
  catalogue::Session& s_;
};

}  // namespace sic
