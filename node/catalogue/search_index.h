// Private to node/catalogue: keeping the search text (table search_docs, whose
// triggers keep the FTS5 indexes) in step with articles and translations
// (docs/search.md, "The index"). Called inside the write that changes the article,
// so the index never disagrees with the catalogue.
#pragma once

#include <string>

#include "feeds/model/article.h"
#include "feeds/model/result.h"

namespace sic::catalogue {
struct Session;

// Writes the text of a live original (the translations' rows are kept).
Status index_original(Session& s, const Article& article);
// Writes the text of a translation of a live article.
Status index_translation(Session& s, const std::string& article_id, const Translation& t);
// Drops the text of one translation.
Status unindex_translation(Session& s, const std::string& article_id, const std::string& lang);
// Drops every text of an article (it became a tombstone).
Status unindex_article(Session& s, const std::string& article_id);
// Fills search_docs from the articles and translations when the migration that made
// it asked for it (meta 'search_backfill'), and clears the request, in one write; a
// crash before it commits leaves the request for the next open. Only a read when
// nothing was asked.
Status backfill_search(Session& s);

}  // namespace sic::catalogue
