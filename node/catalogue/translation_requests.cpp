#include "node/catalogue/translation_requests.h"

#include "node/catalogue/session.h"

namespace sic {
namespace {

constexpr const char* kColumns =
    "SELECT reference, engine, source_hash, source_lang, target_lang, format, secret_hash, "
    "service_id, state, error, sent_at, deadline FROM translation_requests ";

RequestState state_of(const std::string& text) {
  if (text == "done") return RequestState::kDone;
  if (text == "failed") return RequestState::kFailed;
  if (text == "expired") return RequestState::kExpired;
  return RequestState::kSent;
}

TranslationRequest read_row(const db::Statement& q) {
  TranslationRequest r;
  r.reference = q.integer(0);
  r.engine = q.text(1);
  r.source_hash = q.text(2);
  if (auto from = LanguageTag::parse(q.text(3)); from.ok()) r.source_lang = *from;
  if (auto to = LanguageTag::parse(q.text(4)); to.ok()) r.target_lang = *to;
  r.format = q.text(5);
  r.secret_hash = q.text(6);
  r.service_id = q.text(7);
  r.state = state_of(q.text(8));
  r.error = q.text(9);
  r.sent_at = from_unix(q.integer(10));
  r.deadline = from_unix(q.integer(11));
  return r;
}

Result<std::optional<TranslationRequest>> one(db::Statement& q) {
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<TranslationRequest>();
  return std::optional<TranslationRequest>(read_row(q));
}

}  // namespace

const char* to_string(RequestState state) {
  switch (state) {
    case RequestState::kSent:
      return "sent";
    case RequestState::kDone:
      return "done";
    case RequestState::kFailed:
      return "failed";
    case RequestState::kExpired:
      return "expired";
  }
  return "sent";
}

Result<std::optional<TranslationRequest>> TranslationRequestStore::open_request(
    const std::string& engine, const std::string& source_hash, const LanguageTag& from,
    const LanguageTag& to) {
  SIC_TRY_PREPARE(q, s_,
                  std::string(kColumns) +
                      "WHERE engine = ?1 AND source_hash = ?2 AND source_lang = ?3 AND "
                      "target_lang = ?4 AND state IN ('sent', 'failed')");
  q.bind(1, engine).bind(2, source_hash).bind(3, from.str()).bind(4, to.str());
  return one(q);
}

Result<std::optional<TranslationRequest>> TranslationRequestStore::find(std::int64_t reference) {
  SIC_TRY_PREPARE(q, s_, std::string(kColumns) + "WHERE reference = ?1");
  q.bind(1, reference);
  return one(q);
}

Result<std::int64_t> TranslationRequestStore::in_flight(const std::string& engine) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT COUNT(*) FROM translation_requests WHERE engine = ?1 AND state = 'sent'");
  auto row = q.bind(1, engine).step();
  if (!row.ok()) return row.error();
  return q.integer(0);
}

Result<std::vector<TranslationRequest>> TranslationRequestStore::open_requests() {
  SIC_TRY_PREPARE(
      q, s_,
      std::string(kColumns) + "WHERE state IN ('sent', 'failed') ORDER BY sent_at, reference");
  std::vector<TranslationRequest> out;
  Status st = q.each([&] { out.push_back(read_row(q)); });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::optional<std::int64_t>> TranslationRequestStore::add(const TranslationRequest& r) {
  SIC_TRY_PREPARE(q, s_,
                  "INSERT INTO translation_requests (engine, source_hash, source_lang, "
                  "target_lang, format, secret_hash, state, sent_at, deadline) VALUES (?1, ?2, "
                  "?3, ?4, ?5, ?6, 'sent', ?7, ?8) ON CONFLICT DO NOTHING RETURNING reference");
  q.bind(1, r.engine).bind(2, r.source_hash).bind(3, r.source_lang.str());
  q.bind(4, r.target_lang.str()).bind(5, r.format).bind(6, r.secret_hash);
  q.bind(7, to_unix(r.sent_at)).bind(8, to_unix(r.deadline));
  auto row = q.step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(q.integer(0));
}

Status TranslationRequestStore::set_service_id(std::int64_t reference,
                                               const std::string& service_id) {
  SIC_TRY_PREPARE(q, s_, "UPDATE translation_requests SET service_id = ?2 WHERE reference = ?1");
  return q.bind(1, reference).bind(2, service_id).run();
}

namespace {

Status change_state(catalogue::Session& s, std::int64_t reference, const char* to,
                    const std::string& error, bool touch) {
  return s.write([&]() -> Status {
    SIC_TRY_PREPARE(q, s,
                    "UPDATE translation_requests SET state = ?2, error = ?3 WHERE reference = ?1 "
                    "AND state = 'sent'");
    if (Status st = q.bind(1, reference).bind(2, to).bind(3, error).run(); !st.ok()) return st;
    if (touch) s.touch();
    return Status::Ok();
  });
}

}  // namespace

Status TranslationRequestStore::complete(std::int64_t reference) {
  return change_state(s_, reference, "done", "", true);
}

Status TranslationRequestStore::fail(std::int64_t reference, const std::string& error) {
  return change_state(s_, reference, "failed", error, true);
}

Status TranslationRequestStore::expire(std::int64_t reference) {
  return change_state(s_, reference, "expired", "", false);
}

Status TranslationRequestStore::remove(std::int64_t reference) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM translation_requests WHERE reference = ?1");
  return q.bind(1, reference).run();
}

Status TranslationRequestStore::prune(TimePoint before) {
  SIC_TRY_PREPARE(q, s_,
                  "DELETE FROM translation_requests WHERE state IN ('done', 'expired') AND "
                  "sent_at < ?1");
  return q.bind(1, to_unix(before)).run();
}

}  // namespace sic
