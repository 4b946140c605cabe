#include "node/catalogue/search_index.h"

#include "feeds/sanitize/sanitizer.h"
#include "node/catalogue/session.h"

namespace sic::catalogue {
namespace {

// Inserts or updates one text; an unchanged text is not written again (the
// triggers would re-index it).
Status put_doc(Session& s, const std::string& article_id, const std::string& part,
               const std::string& lang, const std::string& title, const std::string& summary,
               const std::string& content_html) {
  SIC_TRY_PREPARE(q, s,
                  "INSERT INTO search_docs (article_id, part, lang, title, summary, body) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (article_id, part) DO UPDATE "
                  "SET lang = excluded.lang, title = excluded.title, "
                  "summary = excluded.summary, body = excluded.body "
                  "WHERE lang != excluded.lang OR title != excluded.title OR "
                  "summary != excluded.summary OR body != excluded.body");
  q.bind(1, article_id).bind(2, part).bind(3, lang).bind(4, title).bind(5, summary);
  return q.bind(6, html_to_text(content_html)).run();
}

Status fill_docs(Session& s) {
  SIC_TRY_PREPARE(q, s,
                  "SELECT a.id, '', a.lang, a.title, a.summary, a.content_html FROM articles a "
                  "WHERE a.deleted IS NULL UNION ALL "
                  "SELECT t.article_id, t.lang, t.lang, t.title, t.summary, t.content_html "
                  "FROM translations t JOIN articles a ON a.id = t.article_id "
                  "WHERE a.deleted IS NULL");
  Status written;
  Status read = q.each([&] {
    if (written.ok())
      written = put_doc(s, q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5));
  });
  if (!read.ok()) return read;
  if (!written.ok()) return written;
  return s.db->exec("DELETE FROM meta WHERE key = 'search_backfill'");
}

}  // namespace

Status index_original(Session& s, const Article& a) {
  return put_doc(s, a.id.str(), "", a.lang.str(), a.title, a.summary, a.content_html);
}

Status index_translation(Session& s, const std::string& article_id, const Translation& t) {
  return put_doc(s, article_id, t.lang.str(), t.lang.str(), t.title, t.summary, t.content_html);
}

Status unindex_translation(Session& s, const std::string& article_id, const std::string& lang) {
  SIC_TRY_PREPARE(q, s, "DELETE FROM search_docs WHERE article_id = ?1 AND part = ?2");
  return q.bind(1, article_id).bind(2, lang).run();
}

Status unindex_article(Session& s, const std::string& article_id) {
  SIC_TRY_PREPARE(q, s, "DELETE FROM search_docs WHERE article_id = ?1");
  return q.bind(1, article_id).run();
}

Status backfill_search(Session& s) {
  {
    SIC_TRY_PREPARE(flag, s, "SELECT 1 FROM meta WHERE key = 'search_backfill'");
    auto row = flag.step();
    if (!row.ok()) return row.error();
    if (!*row) return Status::Ok();
  }
  return s.write([&] { return fill_docs(s); });
}

}  // namespace sic::catalogue
