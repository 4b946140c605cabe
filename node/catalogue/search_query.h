// The search box's query language (docs/search.md, "Query language"): words,
// "phrases", OR between two of them, -exclusion and prefix*. Parsed into terms, then
// written out as FTS5 expressions in which every term is a quoted string, so user
// text never reaches FTS5 as syntax. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"

namespace sic {

struct SearchTerm {
  std::string text;     // a word or a phrase, without quotes
  bool prefix = false;  // word* : every word starting with it
  bool phrase = false;  // "two words" : in this order, next to each other
};

// A query in conjunctive form: every group must match (one of its terms, OR), and
// none of the excluded terms may.
struct SearchQuery {
  std::vector<std::vector<SearchTerm>> groups;
  std::vector<SearchTerm> excluded;
  bool empty() const { return groups.empty(); }
};

inline constexpr std::size_t kMaxQueryChars = 256;
inline constexpr std::size_t kMaxQueryTerms = 16;

// Parses what a reader typed. Errors (the message is for the reader, starting
// "search: "): longer than kMaxQueryChars characters, more than kMaxQueryTerms terms,
// a quotation mark not closed, OR without a term on each side or next to an
// exclusion, only exclusions, or nothing to look for (only punctuation or blank).
// Punctuation-only terms are dropped; letters, digits and any non-ASCII character count.
Result<SearchQuery> parse_search_query(std::string_view input);

// The FTS5 MATCH expression for the word index: ("a" OR "b") AND "c" * NOT "d".
std::string to_fts5_words(const SearchQuery& query);
// The expression for the trigram index, without the exclusions (substrings: prefixes
// are implicit; the caller excludes with to_fts5_excluded on the word index).
std::string to_fts5_grams(const SearchQuery& query);
// The excluded terms as one FTS5 expression ("d" OR "e"), "" when there are none.
std::string to_fts5_excluded(const SearchQuery& query);

}  // namespace sic
