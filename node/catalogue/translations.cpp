#include "node/catalogue/translations.h"

#include "node/catalogue/session.h"

namespace sic {
namespace {

constexpr const char* kSelect =
    "SELECT lang, title, summary, content_html, kind, engine, source_hash, translated_at, "
    "outdated FROM translations WHERE article_id = ?1";

Translation read_row(const db::Statement& q) {
  Translation t;
  if (auto lang = LanguageTag::parse(q.text(0)); lang.ok()) t.lang = *lang;
  t.title = q.text(1);
  t.summary = q.text(2);
  t.content_html = q.text(3);
  t.kind = q.text(4) == "human" ? TranslationKind::kHuman : TranslationKind::kMachine;
  t.engine = q.text(5);
  t.source_hash = q.text(6);
  t.translated_at = from_unix(q.integer(7));
  t.outdated = q.integer(8) != 0;
  return t;
}

}  // namespace

Result<std::vector<Translation>> TranslationStore::list(const Iri& article_id) {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " ORDER BY lang");
  std::vector<Translation> out;
  Status st = q.bind(1, article_id.str()).each([&] { out.push_back(read_row(q)); });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::optional<Translation>> TranslationStore::find(const Iri& article_id,
                                                          const LanguageTag& lang) {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " AND lang = ?2");
  q.bind(1, article_id.str()).bind(2, lang.str());
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<Translation>();
  return std::optional<Translation>(read_row(q));
}

Status TranslationStore::put(const Iri& article_id, const Translation& t, const std::string& via) {
  return s_.write([&]() -> Status {
    SIC_TRY_PREPARE(check, s_, "SELECT deleted IS NULL FROM articles WHERE id = ?1");
    auto row = check.bind(1, article_id.str()).step();
    if (!row.ok()) return row.error();
    if (!*row || check.integer(0) == 0)
      return Error{"catalogue: no article " + article_id.str() + " to translate"};
    check.reset();
    SIC_TRY_PREPARE(q, s_,
                    "INSERT OR REPLACE INTO translations (article_id, lang, title, summary, "
                    "content_html, kind, engine, source_hash, translated_at, outdated, via) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q.bind(1, article_id.str()).bind(2, t.lang.str()).bind(3, t.title).bind(4, t.summary);
    q.bind(5, t.content_html).bind(6, to_string(t.kind)).bind(7, t.engine).bind(8, t.source_hash);
    q.bind(9, to_unix(t.translated_at)).bind(10, std::int64_t(t.outdated)).bind(11, via);
    if (Status st = q.run(); !st.ok()) return st;
    s_.touch();
    return Status::Ok();
  });
}

Status TranslationStore::remove(const Iri& article_id, const LanguageTag& lang) {
  return s_.write([&]() -> Status {
    SIC_TRY_PREPARE(q, s_, "DELETE FROM translations WHERE article_id = ?1 AND lang = ?2");
    if (Status st = q.bind(1, article_id.str()).bind(2, lang.str()).run(); !st.ok()) return st;
    s_.touch();
    return Status::Ok();
  });
}

Result<std::optional<std::string>> TranslationStore::recall(const std::string& source_hash,
                                                            const LanguageTag& from,
                                                            const LanguageTag& to,
                                                            const std::string& engine) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT translation FROM translation_memory WHERE source_hash = ?1 AND "
                  "source_lang = ?2 AND target_lang = ?3 AND engine = ?4");
  q.bind(1, source_hash).bind(2, from.str()).bind(3, to.str()).bind(4, engine);
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q.text(0));
}

Status TranslationStore::remember(const std::string& source_hash, const LanguageTag& from,
                                  const LanguageTag& to, const std::string& engine,
                                  const std::string& translation) {
  SIC_TRY_PREPARE(q, s_,
                  "INSERT OR REPLACE INTO translation_memory (source_hash, source_lang, "
                  "target_lang, engine, translation, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  q.bind(1, source_hash).bind(2, from.str()).bind(3, to.str()).bind(4, engine);
  return q.bind(5, translation).bind(6, to_unix(s_.clock->now())).run();
}

}  // namespace sic
