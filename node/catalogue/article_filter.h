// Private to node/catalogue: the WHERE clause of an article query over table
// `articles` (unqualified column names), shared by the listing and search.
#pragma once

#include <string>

#include "node/catalogue/articles.h"
#include "node/catalogue/db.h"

namespace sic::catalogue {

// " WHERE 1 AND ..." for the query's filter, cursor and time range.
std::string where_clause(const ArticleQuery& q);
// " AND id IN (...)": the articles one of whose texts matches (bound by bind_query).
std::string text_condition(const SearchQuery& text);
// Binds the named parameters where_clause used.
void bind_query(db::Statement& st, const ArticleQuery& q);

}  // namespace sic::catalogue
