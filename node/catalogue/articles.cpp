#include "node/catalogue/articles.h"

#include "node/catalogue/article_filter.h"
#include "node/catalogue/columns.h"
#include "node/catalogue/search_index.h"
#include "node/catalogue/session.h"
#include "node/catalogue/translations.h"

namespace sic {
namespace {

using catalogue::unix_or_null;

constexpr const char* kColumns =
    "id, origin, lang, title, summary, content_html, section, link, rights, published, "
    "updated, content_hash, deleted, via, stored_at, seq, sig_by, sig_url, sig_key, sig_value, "
    "image_url, image_alt";

Signature read_signature(const db::Statement& q, int first) {
  return {q.text(first), q.text(first + 1), q.text(first + 2), q.text(first + 3)};
}

StoredArticle read_row(const db::Statement& q) {
  StoredArticle out;
  Article& a = out.article;
  a.id = Iri::parse(q.text(0)).ok() ? *Iri::parse(q.text(0)) : Iri();
  a.origin = q.text(1);
  catalogue::read_text_columns(q, 2, a);
  a.section = q.text(6);
  a.link = q.text(7);
  a.rights = q.text(8);
  if (auto p = q.optional_integer(9)) a.published = from_unix(*p);
  a.updated = from_unix(q.integer(10));
  out.content_hash = q.text(11);
  if (auto d = q.optional_integer(12)) out.deleted = from_unix(*d);
  a.via = q.text(13);
  out.stored_at = from_unix(q.integer(14));
  out.seq = q.integer(15);
  a.signature = read_signature(q, 16);
  a.image = {q.text(20), q.text(21)};
  return out;
}

Status delete_children(catalogue::Session& s, const std::string& id) {
  for (const char* sql : {"DELETE FROM article_authors WHERE article_id = ?1",
                          "DELETE FROM article_tags WHERE article_id = ?1",
                          "DELETE FROM article_enclosures WHERE article_id = ?1"}) {
    SIC_TRY_PREPARE(q, s, sql);
    if (Status st = q.bind(1, id).run(); !st.ok()) return st;
  }
  return Status::Ok();
}

// Inserts one row per item: the article's id as ?1, the item's position as ?2, and
// the item's own columns, which `bind` binds from ?3 on.
template <typename Item, typename Bind>
Status insert_each(catalogue::Session& s, std::string_view sql, const std::string& id,
                   const std::vector<Item>& items, Bind bind) {
  for (size_t i = 0; i < items.size(); ++i) {
    SIC_TRY_PREPARE(q, s, sql);
    bind(q.bind(1, id).bind(2, std::int64_t(i)), items[i]);
    if (Status st = q.run(); !st.ok()) return st;
  }
  return Status::Ok();
}

Status insert_children(catalogue::Session& s, const Article& a) {
  const std::string& id = a.id.str();
  Status st = insert_each(s,
                          "INSERT INTO article_authors (article_id, position, name, uri, email) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)",
                          id, a.authors, [](db::Statement& q, const Person& p) {
                            q.bind(3, p.name).bind(4, p.uri).bind(5, p.email);
                          });
  if (!st.ok()) return st;
  st = insert_each(s, "INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)",
                   id, a.tags, [](db::Statement& q, const std::string& tag) { q.bind(3, tag); });
  if (!st.ok()) return st;
  return insert_each(s,
                     "INSERT INTO article_enclosures (article_id, position, url, type, length, "
                     "title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     id, a.enclosures, [](db::Statement& q, const Enclosure& e) {
                       q.bind(3, e.url).bind(4, e.type).bind(5, e.length).bind(6, e.title);
                     });
}

}  // namespace

namespace catalogue {

std::string text_condition(const SearchQuery& text) {
  return " AND id IN (SELECT article_id FROM search_docs WHERE search_docs.id IN "
         "(SELECT rowid FROM search_words WHERE search_words MATCH :t_words) OR "
         "search_docs.id IN (SELECT rowid FROM search_grams WHERE search_grams MATCH :t_grams" +
         std::string(text.excluded.empty() ? ""
                                           : " AND rowid NOT IN (SELECT rowid FROM search_words "
                                             "WHERE search_words MATCH :t_excluded)") +
         "))";
}

std::string where_clause(const ArticleQuery& q) {
  std::string w = " WHERE 1";
  if (!q.filter.include_deleted) w += " AND deleted IS NULL";
  if (!q.filter.lang.empty()) w += " AND lang = :lang";
  if (!q.filter.available_in.empty())
    w += " AND (lang = :avail OR substr(lang, 1, :avail_n) = :avail_dash OR id IN "
         "(SELECT article_id FROM translations WHERE lang = :avail OR "
         "substr(lang, 1, :avail_n) = :avail_dash))";
  if (!q.filter.section.empty()) w += " AND section = :section";
  if (!q.filter.origin.empty()) w += " AND origin = :origin";
  if (!q.filter.tag.empty())
    w += " AND id IN (SELECT article_id FROM article_tags WHERE tag = :tag)";
  if (q.filter.text) w += text_condition(*q.filter.text);
  if (q.before) w += " AND (updated < :b_updated OR (updated = :b_updated AND id < :b_id))";
  if (q.updated_from) w += " AND updated >= :from";
  if (q.updated_until) w += " AND updated < :until";
  return w;
}

void bind_query(db::Statement& st, const ArticleQuery& q) {
  st.bind_named(":lang", q.filter.lang.str()).bind_named(":section", q.filter.section);
  st.bind_named(":origin", q.filter.origin).bind_named(":tag", q.filter.tag);
  if (!q.filter.available_in.empty()) {
    const std::string& range = q.filter.available_in.str();
    st.bind_named(":avail", range).bind_named(":avail_dash", range + "-");
    st.bind_named(":avail_n", std::int64_t(range.size() + 1));
  }
  if (q.before) {
    st.bind_named(":b_updated", to_unix(q.before->updated)).bind_named(":b_id", q.before->id);
  }
  if (q.filter.text) {
    st.bind_named(":t_words", to_fts5_words(*q.filter.text));
    st.bind_named(":t_grams", to_fts5_grams(*q.filter.text));
    st.bind_named(":t_excluded", to_fts5_excluded(*q.filter.text));
  }
  if (q.updated_from) st.bind_named(":from", to_unix(*q.updated_from));
  if (q.updated_until) st.bind_named(":until", to_unix(*q.updated_until));
}

}  // namespace catalogue

using catalogue::bind_query;
using catalogue::where_clause;

Result<std::optional<StoredArticle>> ArticleStore::find(const Iri& id, bool with_translations) {
  SIC_TRY_PREPARE(q, s_, std::string("SELECT ") + kColumns + " FROM articles WHERE id = ?1");
  q.bind(1, id.str());
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<StoredArticle>();
  StoredArticle out = read_row(q);
  q.reset();
  if (Status st = load_children(out, with_translations); !st.ok()) return st.error();
  return std::optional<StoredArticle>(std::move(out));
}

Result<std::optional<Iri>> ArticleStore::find_hashed(const HashedSegment& segment) {
  // Ids are compared as bytes: those with the prefix follow it, in order.
  SIC_TRY_PREPARE(q, s_, "SELECT id FROM articles WHERE id >= ?1 ORDER BY id LIMIT 10000");
  q.bind(1, segment.prefix);
  std::optional<Iri> found;
  bool past = false;
  Status st = q.each([&] {
    if (found || past) return;
    std::string id = q.text(0);
    if (id.rfind(segment.prefix, 0) != 0) {
      past = true;
      return;
    }
    if (auto iri = Iri::parse(id); iri.ok() && segment.matches(*iri)) found = *iri;
  });
  if (!st.ok()) return st.error();
  return found;
}

Result<std::optional<ArticleHead>> ArticleStore::head(const Iri& id) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT origin, updated, content_hash, deleted, sig_by, sig_url, sig_key, "
                  "sig_value FROM articles WHERE id = ?1");
  auto row = q.bind(1, id.str()).step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<ArticleHead>();
  ArticleHead h{q.text(0), from_unix(q.integer(1)), q.text(2), std::nullopt, read_signature(q, 4)};
  if (auto d = q.optional_integer(3)) h.deleted = from_unix(*d);
  return std::optional<ArticleHead>(std::move(h));
}

Status ArticleStore::load_children(StoredArticle& stored, bool with_translations) {
  Article& a = stored.article;
  const std::string id = a.id.str();
  {
    SIC_TRY_PREPARE(q, s_,
                    "SELECT name, uri, email FROM article_authors WHERE article_id = ?1 "
                    "ORDER BY position");
    Status st = q.bind(1, id).each([&] { a.authors.push_back({q.text(0), q.text(1), q.text(2)}); });
    if (!st.ok()) return st;
  }
  {
    SIC_TRY_PREPARE(q, s_, "SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY position");
    Status st = q.bind(1, id).each([&] { a.tags.push_back(q.text(0)); });
    if (!st.ok()) return st;
  }
  {
    SIC_TRY_PREPARE(q, s_,
                    "SELECT url, type, length, title FROM article_enclosures WHERE article_id = ?1 "
                    "ORDER BY position");
    Status st = q.bind(1, id).each([&] {
      a.enclosures.push_back({q.text(0), q.text(1), q.integer(2), q.text(3)});
    });
    if (!st.ok()) return st;
  }
  if (!with_translations) return Status::Ok();
  auto translations = TranslationStore(s_).list(a.id);
  if (!translations.ok()) return translations.error();
  a.translations = std::move(*translations);
  return Status::Ok();
}

namespace {

db::Statement& bind_signature(db::Statement& q, int first, const Signature& sig) {
  return q.bind(first, sig.by)
      .bind(first + 1, sig.url)
      .bind(first + 2, sig.key)
      .bind(first + 3, sig.value);
}

Status put_row(catalogue::Session& s, const Article& a, std::int64_t seq) {
  SIC_TRY_PREPARE(q, s,
                  "INSERT INTO articles (id, origin, lang, title, summary, content_html, section, "
                  "link, rights, published, updated, content_hash, deleted, via, stored_at, seq, "
                  "sig_by, sig_url, sig_key, sig_value, image_url, image_alt) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL, ?13, ?14, ?15, "
                  "?16, ?17, ?18, ?19, ?20, ?21) "
                  "ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, lang = excluded.lang, "
                  "title = excluded.title, summary = excluded.summary, "
                  "content_html = excluded.content_html, section = excluded.section, "
                  "link = excluded.link, rights = excluded.rights, published = excluded.published, "
                  "updated = excluded.updated, content_hash = excluded.content_hash, "
                  "deleted = NULL, via = excluded.via, stored_at = excluded.stored_at, "
                  "seq = excluded.seq, sig_by = excluded.sig_by, sig_url = excluded.sig_url, "
                  "sig_key = excluded.sig_key, sig_value = excluded.sig_value, "
                  "image_url = excluded.image_url, image_alt = excluded.image_alt");
  q.bind(1, a.id.str()).bind(2, a.origin).bind(3, a.lang.str()).bind(4, a.title);
  q.bind(5, a.summary).bind(6, a.content_html).bind(7, a.section).bind(8, a.link);
  q.bind(9, a.rights).bind(10, unix_or_null(a.published)).bind(11, to_unix(a.updated));
  const std::string hash = a.content_hash();
  q.bind(12, hash).bind(13, a.via).bind(14, to_unix(s.clock->now())).bind(15, seq);
  q.bind(20, a.image.url).bind(21, a.image.alt);
  if (Status st = bind_signature(q, 16, a.signature).run(); !st.ok()) return st;
  if (Status st = delete_children(s, a.id.str()); !st.ok()) return st;
  if (Status st = insert_children(s, a); !st.ok()) return st;
  if (Status st = catalogue::index_original(s, a); !st.ok()) return st;
  // Translations made from another version are kept, marked outdated.
  SIC_TRY_PREPARE(t, s,
                  "UPDATE translations SET outdated = (source_hash != ?2) WHERE article_id = ?1");
  return t.bind(1, a.id.str()).bind(2, hash).run();
}

Status tombstone_row(catalogue::Session& s, const Tombstone& t, std::int64_t seq) {
  SIC_TRY_PREPARE(q, s,
                  "INSERT INTO articles (id, origin, lang, title, summary, content_html, section, "
                  "link, rights, published, updated, content_hash, deleted, via, stored_at, seq, "
                  "sig_by, sig_url, sig_key, sig_value) "
                  "VALUES (?1, ?2, '', '', '', '', '', '', '', NULL, ?3, '', ?3, ?4, ?5, ?6, "
                  "?7, ?8, ?9, ?10) "
                  "ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, title = '', "
                  "summary = '', content_html = '', link = '', rights = '', image_url = '', "
                  "image_alt = '', deleted = excluded.deleted, via = excluded.via, "
                  "stored_at = excluded.stored_at, seq = excluded.seq, sig_by = excluded.sig_by, "
                  "sig_url = excluded.sig_url, sig_key = excluded.sig_key, "
                  "sig_value = excluded.sig_value");
  q.bind(1, t.id.str()).bind(2, t.origin).bind(3, to_unix(t.deleted)).bind(4, t.via);
  q.bind(5, to_unix(s.clock->now())).bind(6, seq);
  if (Status st = bind_signature(q, 7, t.signature).run(); !st.ok()) return st;
  if (Status st = delete_children(s, t.id.str()); !st.ok()) return st;
  if (Status st = catalogue::unindex_article(s, t.id.str()); !st.ok()) return st;
  SIC_TRY_PREPARE(d, s, "DELETE FROM translations WHERE article_id = ?1");
  return d.bind(1, t.id.str()).run();
}

// Runs write_row for each item in one write (one savepoint inside a transaction).
template <typename T, typename F>
Status write_rows(catalogue::Session& s, const std::vector<T>& items, F write_row) {
  if (items.empty()) return Status::Ok();
  return s.write([&]() -> Status {
    auto seq = s.next_version();
    if (!seq.ok()) return seq.error();
    for (const auto& item : items)
      if (Status st = write_row(s, item, *seq); !st.ok()) return st;
    s.touch();
    return Status::Ok();
  });
}

}  // namespace

Status ArticleStore::put(const Article& a) { return put_many({a}); }

Status ArticleStore::put_many(const std::vector<Article>& articles) {
  return write_rows(s_, articles, put_row);
}

Status ArticleStore::tombstone(const Tombstone& t) { return tombstone_many({t}); }

Status ArticleStore::tombstone_many(const std::vector<Tombstone>& tombstones) {
  return write_rows(s_, tombstones, tombstone_row);
}

Result<std::vector<StoredArticle>> ArticleStore::list(const ArticleQuery& query) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM articles" + where_clause(query) +
                    " ORDER BY updated DESC, id DESC LIMIT :limit";
  std::vector<StoredArticle> out;
  {
    SIC_TRY_PREPARE(q, s_, sql);
    bind_query(q, query);
    q.bind_named(":limit", std::int64_t(query.limit));
    if (Status st = q.each([&] { out.push_back(read_row(q)); }); !st.ok()) return st.error();
  }
  for (auto& stored : out)
    if (Status st = load_children(stored, query.with_translations); !st.ok()) return st.error();
  return out;
}

Result<std::int64_t> ArticleStore::count(const ArticleFilter& filter) {
  ArticleQuery query;
  query.filter = filter;
  SIC_TRY_PREPARE(q, s_, "SELECT count(*) FROM articles" + where_clause(query));
  bind_query(q, query);
  auto row = q.step();
  if (!row.ok()) return row.error();
  return q.integer(0);
}

Status ArticleStore::set_signatures(const std::vector<std::pair<Iri, Signature>>& signatures) {
  if (signatures.empty()) return Status::Ok();
  return s_.write([&]() -> Status {
    for (const auto& [id, signature] : signatures) {
      SIC_TRY_PREPARE(q, s_,
                      "UPDATE articles SET sig_by = ?2, sig_url = ?3, sig_key = ?4, "
                      "sig_value = ?5 WHERE id = ?1");
      if (Status st = bind_signature(q.bind(1, id.str()), 2, signature).run(); !st.ok()) return st;
    }
    s_.touch();
    return Status::Ok();
  });
}

Result<std::vector<SignedHead>> ArticleStore::signed_heads(const std::string& origin,
                                                           bool only_unsigned) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT id, origin, updated, content_hash, deleted, sig_by, sig_url, sig_key, "
                  "sig_value FROM articles WHERE (origin = ?1 OR sig_by = ?1) AND "
                  "(?2 = 0 OR sig_value = '') ORDER BY id");
  std::vector<SignedHead> out;
  Status st = q.bind(1, origin).bind(2, std::int64_t(only_unsigned)).each([&] {
    auto id = Iri::parse(q.text(0));
    if (!id.ok()) return;
    SignedHead h{*id,       q.text(1),    from_unix(q.integer(2)),
                 q.text(3), std::nullopt, read_signature(q, 5)};
    if (auto d = q.optional_integer(4)) h.deleted = from_unix(*d);
    out.push_back(std::move(h));
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::vector<Tombstone>> ArticleStore::tombstones(TimePoint since, std::size_t limit) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT id, origin, deleted, via, sig_by, sig_url, sig_key, sig_value "
                  "FROM articles WHERE deleted >= ?1 ORDER BY deleted DESC, id DESC LIMIT ?2");
  q.bind(1, to_unix(since)).bind(2, std::int64_t(limit));
  std::vector<Tombstone> out;
  Status st = q.each([&] {
    if (auto id = Iri::parse(q.text(0)); id.ok())
      out.push_back({*id, q.text(1), from_unix(q.integer(2)), q.text(3), read_signature(q, 4)});
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::vector<StoredArticle>> ArticleStore::deletions(TimePoint from, TimePoint until,
                                                           const std::string& origin,
                                                           std::size_t limit) {
  SIC_TRY_PREPARE(q, s_,
                  std::string("SELECT ") + kColumns +
                      " FROM articles WHERE deleted >= :from AND deleted < :until AND "
                      "(:origin = '' OR origin = :origin) ORDER BY deleted DESC, id DESC "
                      "LIMIT :limit");
  q.bind_named(":from", to_unix(from)).bind_named(":until", to_unix(until));
  q.bind_named(":origin", origin).bind_named(":limit", std::int64_t(limit));
  std::vector<StoredArticle> out;
  if (Status st = q.each([&] { out.push_back(read_row(q)); }); !st.ok()) return st.error();
  return out;
}

Status ArticleStore::archive_rows(const ArticleFilter& filter, TimePoint from, TimePoint until,
                                  const std::function<void(const ArchiveRow&)>& visit) {
  ArticleQuery live;
  live.filter = filter;
  live.filter.include_deleted = false;
  live.updated_from = from;
  live.updated_until = until;
  std::string sql =
      "SELECT id, coalesce(deleted, updated) AS t, deleted IS NOT NULL, "
      "length(CAST(title AS BLOB)) + length(CAST(summary AS BLOB)), "
      "length(CAST(content_html AS BLOB)), "
      "(SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(summary AS BLOB))), 0) "
      " FROM translations WHERE article_id = articles.id), "
      "(SELECT coalesce(sum(length(CAST(content_html AS BLOB))), 0) "
      " FROM translations WHERE article_id = articles.id) "
      "FROM articles WHERE (" +
      where_clause(live).substr(7) +
      ") OR (deleted >= :d_from AND deleted < :d_until AND (:origin = '' OR origin = :origin)) "
      "ORDER BY t, id";
  SIC_TRY_PREPARE(q, s_, sql);
  bind_query(q, live);
  q.bind_named(":d_from", to_unix(from)).bind_named(":d_until", to_unix(until));
  return q.each([&] {
    auto id = Iri::parse(q.text(0));
    if (!id.ok()) return;
    std::int64_t html = q.integer(4) + q.integer(6);
    visit({std::move(*id), from_unix(q.integer(1)), q.integer(2) != 0,
           q.integer(3) + q.integer(5) + html, html});
  });
}

Result<std::vector<std::chrono::year_month>> ArticleStore::months() {
  // Only the months of dates the node accepts (docs/model.md, "Dates"): a value stored
  // out of range before the range was enforced has no archive, and no link points to
  // one.
  SIC_TRY_PREPARE(q, s_,
                  "SELECT CAST(strftime('%Y', t, 'unixepoch') AS INTEGER), "
                  "CAST(strftime('%m', t, 'unixepoch') AS INTEGER) FROM "
                  "(SELECT coalesce(deleted, updated) AS t FROM articles) "
                  "WHERE t BETWEEN ?1 AND ?2 GROUP BY 1, 2 ORDER BY 1, 2");
  q.bind(1, to_unix(kFirstAcceptedDate)).bind(2, to_unix(kLastAcceptedDate));
  std::vector<std::chrono::year_month> out;
  Status st = q.each([&] {
    out.emplace_back(std::chrono::year(int(q.integer(0))),
                     std::chrono::month(unsigned(q.integer(1))));
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::vector<OriginLanguageCount>> ArticleStore::counts() {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT origin, lang, count(*) FROM articles WHERE deleted IS NULL "
                  "GROUP BY origin, lang ORDER BY origin, lang");
  std::vector<OriginLanguageCount> out;
  Status st = q.each([&] { out.push_back({q.text(0), q.text(1), q.integer(2)}); });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace sic
