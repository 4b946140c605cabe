#include "node/catalogue/search.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "node/catalogue/article_filter.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

// Markers that highlight() and snippet() put around matches; removed from the text.
constexpr char kOpen = '\x02';
constexpr char kClose = '\x03';
constexpr double kSecondsPerYear = 31557600.0;

// Ranking (docs/search.md, "Ranking"): bm25 with title 10, summary 4, body 1; a match
// found only through the trigram index counts half; the score is divided by
// 1 + the article's age in years. Without filters, each index gives its kCandidates
// most recently stored matches (bm25 costs about 2 us a match: a word in every
// article would cost 200 ms at 100,000); with filters, every match.
constexpr int kCandidates = 2000;

std::string candidates(const char* index, const char* weights, const char* param,
                       const std::string& extra, bool capped) {
  std::string sql = std::string("SELECT rowid AS doc, ") + weights + " AS score FROM " + index +
                    " WHERE " + index + " MATCH " + param + extra;
  if (!capped) return sql;
  return "SELECT * FROM (" + sql + " ORDER BY rowid DESC LIMIT " + std::to_string(kCandidates) +
         ")";
}

std::string ranking_sql(const SearchQuery& query, const ArticleQuery& filter, bool capped) {
  std::string excluded =
      query.excluded.empty()
          ? ""
          : " AND rowid NOT IN (SELECT rowid FROM search_words WHERE search_words MATCH "
            ":excluded)";
  return "WITH hits (doc, score) AS (" +
         candidates("search_words", "bm25(search_words, 10.0, 4.0, 1.0)", ":words", "", capped) +
         " UNION ALL " +
         candidates("search_grams", "0.5 * bm25(search_grams, 10.0, 4.0)", ":grams", excluded,
                    capped) +
         "), best (article, s) AS (SELECT d.article_id, min(h.score) FROM hits h "
         "JOIN search_docs d ON d.id = h.doc GROUP BY d.article_id) "
         "SELECT id, score FROM (SELECT articles.id AS id, best.s / (1.0 + max(0, :now - "
         "articles.updated) / " +
         std::to_string(kSecondsPerYear) +
         ") AS score FROM best JOIN articles ON articles.id = "
         "best.article" +
         catalogue::where_clause(filter) +
         ") WHERE :a_set = 0 OR score > :a_score OR (score = :a_score AND id > :a_id) "
         "ORDER BY score, id LIMIT :limit";
}

bool has_filters(const ArticleFilter& f) {
  return !f.lang.empty() || !f.available_in.empty() || !f.tag.empty() || !f.section.empty() ||
         !f.origin.empty();
}

MarkedText marked(const std::string& text) {
  MarkedText out;
  MarkedSpan span;
  for (char c : text) {
    if (c != kOpen && c != kClose) {
      span.text += c;
      continue;
    }
    const bool open = c == kOpen;
    if (open == span.marked) continue;  // a stray marker: ignored
    if (!span.text.empty()) out.push_back(std::move(span));
    span = MarkedSpan{"", open};
  }
  if (!span.text.empty()) out.push_back(std::move(span));
  return out;
}

MarkedText plain(std::string text) {
  if (text.empty()) return {};
  return {MarkedSpan{std::move(text), false}};
}

struct Doc {
  std::int64_t id = 0;
  std::string part, lang, title, summary;
};

// The text a hit shows: the reader's language when the article has it (exact tag,
// then primary subtag), else the original.
const Doc* shown_doc(const std::vector<Doc>& docs, const LanguageTag& reader) {
  const Doc* original = nullptr;
  const Doc* primary = nullptr;
  for (const auto& d : docs) {
    if (d.part.empty()) original = &d;
    if (reader.empty()) continue;
    if (d.lang == reader.str()) return &d;
    auto tag = LanguageTag::parse(d.lang);
    if (!primary && tag.ok() && tag->primary() == reader.primary()) primary = &d;
  }
  if (primary) return primary;
  return original ? original : (docs.empty() ? nullptr : &docs.front());
}

std::string ellipsized(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace

std::string search_cursor_text(const SearchCursor& cursor) {
  char score[40];
  std::snprintf(score, sizeof score, "%.17g", cursor.score);
  return std::string(score) + "|" + std::to_string(cursor.now) + "|" + cursor.id;
}

std::optional<SearchCursor> parse_search_cursor(std::string_view text) {
  const std::size_t a = text.find('|');
  const std::size_t b = a == std::string_view::npos ? a : text.find('|', a + 1);
  if (b == std::string_view::npos || b + 1 >= text.size()) return std::nullopt;
  const std::string score(text.substr(0, a)), now(text.substr(a + 1, b - a - 1));
  char* end = nullptr;
  SearchCursor c;
  c.score = std::strtod(score.c_str(), &end);
  if (score.empty() || *end != '\0' || !std::isfinite(c.score)) return std::nullopt;
  if (now.empty() || now.size() > 12 || now.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  c.now = std::stoll(now);
  c.id = std::string(text.substr(b + 1));
  if (!Iri::parse(c.id).ok()) return std::nullopt;
  return c;
}

Result<SearchPage> SearchStore::search(const SearchRequest& request) {
  ArticleQuery filter;
  filter.filter = request.filter;
  filter.filter.include_deleted = false;
  filter.filter.text.reset();  // the request's query ranks; it is not a filter here
  const std::int64_t now = request.after ? request.after->now : to_unix(s_.clock->now());
  std::vector<std::pair<std::string, double>> ranked;
  {
    SIC_TRY_PREPARE(q, s_, ranking_sql(request.query, filter, !has_filters(filter.filter)));
    catalogue::bind_query(q, filter);
    q.bind_named(":words", to_fts5_words(request.query));
    q.bind_named(":grams", to_fts5_grams(request.query));
    q.bind_named(":excluded", to_fts5_excluded(request.query));
    q.bind_named(":now", now).bind_named(":a_set", std::int64_t(request.after ? 1 : 0));
    if (request.after) {
      q.bind_named(":a_id", request.after->id);
      q.bind_named_real(":a_score", request.after->score);
    }
    q.bind_named(":limit", std::int64_t(request.limit + 1));
    Status st = q.each([&] { ranked.emplace_back(q.text(0), q.real(1)); });
    if (!st.ok()) return st.error();
  }
  SearchPage page;
  if (ranked.size() > request.limit) {
    ranked.resize(request.limit);
    page.next = SearchCursor{ranked.back().second, ranked.back().first, now};
  }
  for (const auto& [id, score] : ranked) {
    auto hit = make_hit(id, score, request);
    if (!hit.ok()) return hit.error();
    if (*hit) page.hits.push_back(std::move(**hit));
  }
  return page;
}

Result<std::optional<SearchHit>> SearchStore::make_hit(const std::string& id, double score,
                                                       const SearchRequest& request) {
  auto iri = Iri::parse(id);
  if (!iri.ok()) return std::optional<SearchHit>();
  auto stored = ArticleStore(s_).find(*iri);
  if (!stored.ok()) return stored.error();
  if (!*stored) return std::optional<SearchHit>();
  std::vector<Doc> docs;
  {
    SIC_TRY_PREPARE(q, s_,
                    "SELECT id, part, lang, title, summary FROM search_docs "
                    "WHERE article_id = ?1 ORDER BY part");
    Status st = q.bind(1, id).each([&] {
      docs.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    });
    if (!st.ok()) return st.error();
  }
  SearchHit hit{std::move(**stored), {}, {}, {}, score};
  const Doc* doc = shown_doc(docs, request.reader_lang);
  if (!doc) return std::optional<SearchHit>(std::move(hit));
  if (auto lang = LanguageTag::parse(doc->lang); lang.ok()) hit.shown_lang = *lang;
  hit.title = plain(doc->title);
  hit.snippet = plain(ellipsized(doc->summary, 300));
  SIC_TRY_PREPARE(q, s_,
                  "SELECT highlight(search_words, 0, char(2), char(3)), "
                  "snippet(search_words, 2, char(2), char(3), '…', 32), "
                  "length(search_docs.body) FROM search_words JOIN search_docs "
                  "ON search_docs.id = search_words.rowid "
                  "WHERE search_words MATCH ?1 AND search_words.rowid = ?2");
  auto row = q.bind(1, to_fts5_words(request.query)).bind(2, doc->id).step();
  if (!row.ok()) return row.error();
  if (*row) {
    hit.title = marked(q.text(0));
    if (q.integer(2) > 0) hit.snippet = marked(q.text(1));
  }
  return std::optional<SearchHit>(std::move(hit));
}

Status SearchStore::check_index() {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT (SELECT count(*) FROM articles WHERE deleted IS NULL AND id NOT IN "
                  "(SELECT article_id FROM search_docs WHERE part = '')) + "
                  "(SELECT count(*) FROM translations t WHERE NOT EXISTS (SELECT 1 FROM "
                  "search_docs d WHERE d.article_id = t.article_id AND d.part = t.lang)) + "
                  "(SELECT count(*) FROM search_docs d JOIN articles a ON a.id = d.article_id "
                  "WHERE a.deleted IS NOT NULL)");
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (q.integer(0) != 0)
    return Error{"catalogue: the search text misses or keeps " + std::to_string(q.integer(0)) +
                 " texts of the catalogue"};
  for (const char* sql : {"INSERT INTO search_words (search_words) VALUES ('integrity-check')",
                          "INSERT INTO search_grams (search_grams) VALUES ('integrity-check')"}) {
    if (Status st = s_.db->exec(sql); !st.ok())
      return Error{"catalogue: the search index disagrees with the catalogue: " + st.message()};
  }
  return Status::Ok();
}

}  // namespace sic
