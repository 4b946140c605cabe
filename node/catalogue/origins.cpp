#include "node/catalogue/origins.h"

#include "node/catalogue/columns.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

using catalogue::optional_time;
using catalogue::unix_or_null;

constexpr const char* kSelect =
    "SELECT id, kind, base_url, bound_by, direct, vouches_for, checked_at, next_check, "
    "failures, last_error, first_seen FROM origins";

OriginKind kind_of(const std::string& text) {
  if (text == "signed") return OriginKind::kSigned;
  if (text == "plain") return OriginKind::kPlain;
  return OriginKind::kUnknown;
}

const char* bound_name(BoundBy b) {
  return b == BoundBy::kConfig ? "config" : b == BoundBy::kLearned ? "learned" : "";
}

OriginRecord read_row(const db::Statement& q) {
  OriginRecord r;
  r.id = q.text(0);
  r.kind = kind_of(q.text(1));
  r.base_url = q.text(2);
  std::string bound = q.text(3);
  r.bound_by = bound == "config"    ? BoundBy::kConfig
               : bound == "learned" ? BoundBy::kLearned
                                    : BoundBy::kNone;
  r.direct = q.integer(4) != 0;
  r.vouches_for = catalogue::split_lines(q.text(5));
  r.checked_at = optional_time(q, 6);
  r.next_check = optional_time(q, 7);
  r.failures = int(q.integer(8));
  r.last_error = q.text(9);
  r.first_seen = from_unix(q.integer(10));
  return r;
}

KeyStatus status_of(const std::string& text) {
  if (text == "earlier") return KeyStatus::kEarlier;
  if (text == "revoked") return KeyStatus::kRevoked;
  return KeyStatus::kCurrent;
}

}  // namespace

const char* to_string(OriginKind kind) {
  switch (kind) {
    case OriginKind::kSigned:
      return "signed";
    case OriginKind::kPlain:
      return "plain";
    case OriginKind::kUnknown:
      break;
  }
  return "unknown";
}

const char* to_string(KeyStatus status) {
  switch (status) {
    case KeyStatus::kEarlier:
      return "earlier";
    case KeyStatus::kRevoked:
      return "revoked";
    case KeyStatus::kCurrent:
      break;
  }
  return "current";
}

Result<std::optional<OriginRecord>> OriginStore::find(const std::string& id) {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " WHERE id = ?1");
  auto row = q.bind(1, id).step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<OriginRecord>();
  return std::optional<OriginRecord>(read_row(q));
}

Result<std::vector<OriginRecord>> OriginStore::list() {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " ORDER BY id");
  std::vector<OriginRecord> out;
  if (Status st = q.each([&] { out.push_back(read_row(q)); }); !st.ok()) return st.error();
  return out;
}

Status OriginStore::save(const OriginRecord& r) {
  SIC_TRY_PREPARE(q, s_,
                  "INSERT INTO origins (id, kind, base_url, bound_by, direct, vouches_for, "
                  "checked_at, next_check, failures, last_error, first_seen) VALUES (?1, ?2, ?3, "
                  "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET "
                  "kind = excluded.kind, base_url = excluded.base_url, "
                  "bound_by = excluded.bound_by, direct = excluded.direct, "
                  "vouches_for = excluded.vouches_for, checked_at = excluded.checked_at, "
                  "next_check = excluded.next_check, failures = excluded.failures, "
                  "last_error = excluded.last_error");
  std::string vouched = catalogue::join_lines(r.vouches_for);
  TimePoint first = r.first_seen == TimePoint{} ? s_.clock->now() : r.first_seen;
  q.bind(1, r.id).bind(2, to_string(r.kind)).bind(3, r.base_url).bind(4, bound_name(r.bound_by));
  q.bind(5, std::int64_t(r.direct)).bind(6, vouched).bind(7, unix_or_null(r.checked_at));
  q.bind(8, unix_or_null(r.next_check)).bind(9, std::int64_t(r.failures)).bind(10, r.last_error);
  return q.bind(11, to_unix(first)).run();
}

Result<std::vector<OriginKey>> OriginStore::keys(const std::string& origin) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT key, status, pinned, retired_at, added_at FROM origin_keys "
                  "WHERE origin = ?1 ORDER BY CASE status WHEN 'current' THEN 0 "
                  "WHEN 'earlier' THEN 1 ELSE 2 END, retired_at DESC, key");
  std::vector<OriginKey> out;
  Status st = q.bind(1, origin).each([&] {
    out.push_back({q.text(0), status_of(q.text(1)), q.integer(2) != 0, optional_time(q, 3),
                   from_unix(q.integer(4))});
  });
  if (!st.ok()) return st.error();
  return out;
}

Status OriginStore::set_keys(const std::string& origin, const std::vector<OriginKey>& keys) {
  return s_.write([&]() -> Status {
    SIC_TRY_PREPARE(d, s_, "DELETE FROM origin_keys WHERE origin = ?1");
    if (Status st = d.bind(1, origin).run(); !st.ok()) return st;
    for (const auto& k : keys) {
      SIC_TRY_PREPARE(q, s_,
                      "INSERT OR REPLACE INTO origin_keys (origin, key, status, pinned, "
                      "retired_at, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      TimePoint added = k.added_at == TimePoint{} ? s_.clock->now() : k.added_at;
      q.bind(1, origin).bind(2, k.key).bind(3, to_string(k.status)).bind(4, std::int64_t(k.pinned));
      if (Status st = q.bind(5, unix_or_null(k.retired_at)).bind(6, to_unix(added)).run(); !st.ok())
        return st;
    }
    return Status::Ok();
  });
}

Status OriginStore::remove(const std::string& id) {
  return s_.write([&]() -> Status {
    for (const char* sql :
         {"DELETE FROM origin_keys WHERE origin = ?1", "DELETE FROM origins WHERE id = ?1"}) {
      SIC_TRY_PREPARE(q, s_, sql);
      if (Status st = q.bind(1, id).run(); !st.ok()) return st;
    }
    return Status::Ok();
  });
}

}  // namespace sic
