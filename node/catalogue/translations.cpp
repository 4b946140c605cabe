#include "node/catalogue/translations.h"

#include "node/catalogue/search_index.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

constexpr const char* kSelect =
    "SELECT lang, title, summary, content_html, kind, engine, source_hash, translated_at, "
    "outdated, sig_by, sig_url, sig_key, sig_value FROM translations WHERE article_id = ?1";

// The columns of kSelect from column `c` on.
Translation read_row(const db::Statement& q, int c = 0) {
  Translation t;
  catalogue::read_text_columns(q, c, t);
  t.kind = q.text(c + 4) == "human" ? TranslationKind::kHuman : TranslationKind::kMachine;
  t.engine = q.text(c + 5);
  t.source_hash = q.text(c + 6);
  t.translated_at = from_unix(q.integer(c + 7));
  t.outdated = q.integer(c + 8) != 0;
  t.signature = {q.text(c + 9), q.text(c + 10), q.text(c + 11), q.text(c + 12)};
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
    SIC_TRY_PREPARE(check, s_, "SELECT deleted IS NULL, content_hash FROM articles WHERE id = ?1");
    auto row = check.bind(1, article_id.str()).step();
    if (!row.ok()) return row.error();
    if (!*row || check.integer(0) == 0)
      return Error{"catalogue: no article " + article_id.str() + " to translate"};
    const bool outdated = t.source_hash != check.text(1);
    check.reset();
    SIC_TRY_PREPARE(
        q, s_,
        "INSERT OR REPLACE INTO translations (article_id, lang, title, summary, "
        "content_html, kind, engine, source_hash, translated_at, outdated, via, sig_by, "
        "sig_url, sig_key, sig_value) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.bind(1, article_id.str()).bind(2, t.lang.str()).bind(3, t.title).bind(4, t.summary);
    q.bind(5, t.content_html).bind(6, to_string(t.kind)).bind(7, t.engine).bind(8, t.source_hash);
    q.bind(9, to_unix(t.translated_at)).bind(10, std::int64_t(outdated)).bind(11, via);
    const Signature& sig = t.signature;
    q.bind(12, sig.by).bind(13, sig.url).bind(14, sig.key).bind(15, sig.value);
    if (Status st = q.run(); !st.ok()) return st;
    if (Status st = catalogue::index_translation(s_, article_id.str(), t); !st.ok()) return st;
    s_.touch();
    return Status::Ok();
  });
}

Status TranslationStore::set_signatures(
    const std::vector<std::pair<Iri, Translation>>& signed_translations) {
  if (signed_translations.empty()) return Status::Ok();
  return s_.write([&]() -> Status {
    for (const auto& [id, t] : signed_translations) {
      SIC_TRY_PREPARE(q, s_,
                      "UPDATE translations SET sig_by = ?3, sig_url = ?4, sig_key = ?5, "
                      "sig_value = ?6 WHERE article_id = ?1 AND lang = ?2");
      const Signature& sig = t.signature;
      q.bind(1, id.str()).bind(2, t.lang.str()).bind(3, sig.by).bind(4, sig.url);
      if (Status st = q.bind(5, sig.key).bind(6, sig.value).run(); !st.ok()) return st;
    }
    s_.touch();
    return Status::Ok();
  });
}

Result<std::vector<std::pair<Iri, Translation>>> TranslationStore::made_here(bool only_unsigned) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT article_id, lang, title, summary, content_html, kind, engine, "
                  "source_hash, translated_at, outdated, sig_by, sig_url, sig_key, sig_value "
                  "FROM translations WHERE via = '' AND (?1 = 0 OR sig_value = '') "
                  "ORDER BY article_id, lang");
  std::vector<std::pair<Iri, Translation>> out;
  Status st = q.bind(1, std::int64_t(only_unsigned)).each([&] {
    auto id = Iri::parse(q.text(0));
    if (!id.ok()) return;
    out.emplace_back(*id, read_row(q, 1));
  });
  if (!st.ok()) return st.error();
  return out;
}

Status TranslationStore::remove(const Iri& article_id, const LanguageTag& lang) {
  return s_.write([&]() -> Status {
    SIC_TRY_PREPARE(q, s_, "DELETE FROM translations WHERE article_id = ?1 AND lang = ?2");
    if (Status st = q.bind(1, article_id.str()).bind(2, lang.str()).run(); !st.ok()) return st;
    if (Status st = catalogue::unindex_translation(s_, article_id.str(), lang.str()); !st.ok())
      return st;
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

Result<std::vector<PendingTranslation>> TranslationStore::pending(const LanguageTag& target) {
  SIC_TRY_PREPARE(
      q, s_,
      "SELECT a.id, a.lang, a.content_hash, t.kind IS NOT NULL, t.via != '', "
      "t.source_hash != a.content_hash, f.failures, f.next_attempt FROM articles a "
      "LEFT JOIN translations t ON t.article_id = a.id AND t.lang = :target "
      "LEFT JOIN translation_attempts f ON f.article_id = a.id AND f.lang = :target "
      "AND f.source_hash = a.content_hash "
      "WHERE a.deleted IS NULL AND NOT (a.lang = :primary OR a.lang LIKE :primary || '-%') "
      "AND (t.kind IS NULL OR (t.kind = 'machine' AND (t.source_hash != a.content_hash "
      "OR t.via != ''))) ORDER BY a.updated DESC, a.id DESC");
  q.bind_named(":target", target.str());
  q.bind_named(":primary", target.primary());
  std::vector<PendingTranslation> out;
  Status st = q.each([&] {
    auto id = Iri::parse(q.text(0));
    if (!id.ok()) return;
    PendingTranslation p{*id, {}, q.text(2)};
    if (auto lang = LanguageTag::parse(q.text(1)); lang.ok()) p.source_lang = *lang;
    const bool stored = q.integer(3) != 0;
    p.from_peer = stored && q.integer(4) != 0;
    p.stale = stored && q.integer(5) != 0;
    p.failures = int(q.optional_integer(6).value_or(0));
    if (auto next = q.optional_integer(7)) p.next_attempt = from_unix(*next);
    out.push_back(std::move(p));
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<int> TranslationStore::record_failure(const Iri& article_id, const LanguageTag& lang,
                                             const std::string& source_hash,
                                             const std::string& error, TimePoint next_attempt) {
  SIC_TRY_PREPARE(q, s_,
                  "INSERT INTO translation_attempts (article_id, lang, source_hash, failures, "
                  "last_error, next_attempt) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
                  "ON CONFLICT (article_id, lang) DO UPDATE SET failures = CASE WHEN "
                  "source_hash = excluded.source_hash THEN failures + 1 ELSE 1 END, "
                  "source_hash = excluded.source_hash, last_error = excluded.last_error, "
                  "next_attempt = excluded.next_attempt RETURNING failures");
  q.bind(1, article_id.str()).bind(2, lang.str()).bind(3, source_hash).bind(4, error);
  auto row = q.bind(5, to_unix(next_attempt)).step();
  if (!row.ok()) return row.error();
  if (!*row) return Error{"catalogue: recording a failed translation returned no count"};
  return int(q.integer(0));
}

Status TranslationStore::clear_failures(const Iri& article_id, const LanguageTag& lang) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM translation_attempts WHERE article_id = ?1 AND lang = ?2");
  return q.bind(1, article_id.str()).bind(2, lang.str()).run();
}

Result<std::vector<TranslationFailure>> TranslationStore::failures() {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT f.article_id, f.lang, f.failures, f.last_error, f.next_attempt "
                  "FROM translation_attempts f JOIN articles a ON a.id = f.article_id "
                  "WHERE a.deleted IS NULL AND a.content_hash = f.source_hash "
                  "ORDER BY f.next_attempt, f.article_id, f.lang");
  std::vector<TranslationFailure> out;
  Status st = q.each([&] {
    auto id = Iri::parse(q.text(0));
    auto lang = LanguageTag::parse(q.text(1));
    if (!id.ok() || !lang.ok()) return;
    out.push_back({*id, *lang, int(q.integer(2)), q.text(3), from_unix(q.integer(4))});
  });
  if (!st.ok()) return st.error();
  return out;
}

namespace {

constexpr const char* kRoutesKey = "translation_routes";

// "es>en\npt>en-GB\n": one route a line.
std::string routes_text(const MachineRoutes& routes) {
  std::string out;
  for (const auto& [from, to] : routes) out += from + ">" + to + "\n";
  return out;
}

}  // namespace

Result<MachineRoutes> TranslationStore::machine_routes() {
  SIC_TRY_PREPARE(q, s_, "SELECT value FROM meta WHERE key = ?1");
  auto row = q.bind(1, kRoutesKey).step();
  if (!row.ok()) return row.error();
  MachineRoutes routes;
  if (!*row) return routes;
  std::string text = q.text(0);
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    std::size_t arrow = line.find('>');
    if (arrow != std::string::npos) routes.insert({line.substr(0, arrow), line.substr(arrow + 1)});
    at = end + 1;
  }
  return routes;
}

Status TranslationStore::set_machine_routes(const MachineRoutes& routes) {
  SIC_TRY_PREPARE(q, s_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
  return q.bind(1, kRoutesKey).bind(2, routes_text(routes)).run();
}

}  // namespace sic
