// Articles as the API's JSON (docs/api.md). web::json stays in the .cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/articles.h"
#include "node/config/taxonomy.h"

namespace sic::api {

// An article as a client sends it to POST /api/articles or PUT /api/articles/{id}.
struct ArticleInput {
  std::optional<Iri> id;
  std::string title;
  std::string summary;
  std::string content_html;
  LanguageTag lang;
  std::vector<std::string> tags;
  std::string section;
  std::vector<Person> authors;
  std::string link;
  std::string rights;
  std::vector<Enclosure> enclosures;
  Image image;  // url "" when none
  std::optional<TimePoint> published;
  std::optional<TimePoint> updated;
};

// A request error that names the offending field ("" for the body as a whole).
struct FieldError {
  std::string field;
  std::string message;  // "title: is required"
};

// Parses and validates a JSON article. Unknown fields, wrong types, a missing title
// or lang, a bad language tag, URL, date, section (not in the taxonomy) or an
// oversized value are errors naming the field.
Result<ArticleInput, FieldError> parse_article(std::string_view body, const Taxonomy& taxonomy);

// A human translation as sent to PUT /api/articles/{id}/translations/{lang}:
// {"title": ..., "summary": ..., "content_html": ...}; title is required.
Result<Translation, FieldError> parse_translation(std::string_view body);

// One translation as JSON, as it appears in an article's "translations", plus
// "article" (the article's id).
std::string translation_json(const Iri& article_id, const Translation& translation);

// The stored article as JSON, with `url` (its page here) and, for a tombstone, `deleted`.
std::string article_json(const StoredArticle& stored, const std::string& page_url);
// {"articles": [...], "next": "<url or null>"}
std::string article_list_json(const std::vector<std::string>& article_jsons,
                              const std::string& next_url);
// {"error": {"status": 400, "field": "title", "message": "title: is required"}}
std::string error_json(int status, std::string_view message, std::string_view field = "");

}  // namespace sic::api
