#include "node/catalogue/peers.h"

#include "node/catalogue/columns.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

using catalogue::join_lines;
using catalogue::optional_time;
using catalogue::split_lines;
using catalogue::unix_or_null;

constexpr const char* kSelect =
    "SELECT id, url, kind, interval_seconds, from_config, etag, last_modified, last_attempt, "
    "last_success, last_error, consecutive_failures, next_attempt, entries_received, "
    "bytes_received, backfilled, added_at, pending_urls, bad_signatures FROM peers";

PeerRecord read_row(const db::Statement& q) {
  PeerRecord p;
  p.id = q.text(0);
  p.url = q.text(1);
  p.kind = q.text(2) == "source" ? PeerKind::kSource : PeerKind::kPeer;
  p.interval_seconds = q.optional_integer(3);
  p.from_config = q.integer(4) != 0;
  p.etag = q.text(5);
  p.last_modified = q.text(6);
  p.last_attempt = optional_time(q, 7);
  p.last_success = optional_time(q, 8);
  p.last_error = q.text(9);
  p.consecutive_failures = q.integer(10);
  p.next_attempt = optional_time(q, 11);
  p.entries_received = q.integer(12);
  p.bytes_received = q.integer(13);
  p.backfilled = q.integer(14) != 0;
  p.added_at = from_unix(q.integer(15));
  p.pending_urls = split_lines(q.text(16));
  p.bad_signatures = q.integer(17);
  return p;
}

const char* kind_name(PeerKind kind) { return kind == PeerKind::kSource ? "source" : "peer"; }

}  // namespace

Result<std::vector<PeerRecord>> PeerStore::list(std::optional<PeerKind> kind) {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " WHERE ?1 = '' OR kind = ?1 ORDER BY id");
  q.bind(1, kind ? kind_name(*kind) : "");
  std::vector<PeerRecord> out;
  if (Status st = q.each([&] { out.push_back(read_row(q)); }); !st.ok()) return st.error();
  return out;
}

Result<std::optional<PeerRecord>> PeerStore::find(const std::string& id) {
  SIC_TRY_PREPARE(q, s_, std::string(kSelect) + " WHERE id = ?1");
  auto row = q.bind(1, id).step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<PeerRecord>();
  return std::optional<PeerRecord>(read_row(q));
}

Status PeerStore::upsert(const PeerRecord& p) {
  return s_.write([&]() -> Status {
    SIC_TRY_PREPARE(q, s_,
                    "INSERT INTO peers (id, url, kind, interval_seconds, from_config, added_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
                    "etag = CASE WHEN url = excluded.url THEN etag ELSE '' END, "
                    "last_modified = CASE WHEN url = excluded.url THEN last_modified ELSE '' END, "
                    "backfilled = CASE WHEN url = excluded.url THEN backfilled ELSE 0 END, "
                    "pending_urls = CASE WHEN url = excluded.url THEN pending_urls ELSE '' END, "
                    "url = excluded.url, kind = excluded.kind, "
                    "interval_seconds = excluded.interval_seconds, "
                    "from_config = excluded.from_config");
    q.bind(1, p.id).bind(2, p.url).bind(3, kind_name(p.kind)).bind(4, p.interval_seconds);
    return q.bind(5, std::int64_t(p.from_config)).bind(6, to_unix(s_.clock->now())).run();
  });
}

Status PeerStore::remove(const std::string& id) {
  return s_.delete_one("DELETE FROM peers WHERE id = ?1", id,
                       Error{"peers: no peer \"" + id + "\""});
}

Status PeerStore::save_state(const PeerRecord& p) {
  SIC_TRY_PREPARE(q, s_,
                  "UPDATE peers SET etag = ?2, last_modified = ?3, last_attempt = ?4, "
                  "last_success = ?5, last_error = ?6, consecutive_failures = ?7, "
                  "next_attempt = ?8, entries_received = ?9, bytes_received = ?10, "
                  "backfilled = ?11, pending_urls = ?12 WHERE id = ?1");
  q.bind(1, p.id).bind(2, p.etag).bind(3, p.last_modified).bind(4, unix_or_null(p.last_attempt));
  q.bind(5, unix_or_null(p.last_success)).bind(6, p.last_error).bind(7, p.consecutive_failures);
  q.bind(8, unix_or_null(p.next_attempt)).bind(9, p.entries_received);
  q.bind(10, p.bytes_received).bind(11, std::int64_t(p.backfilled));
  q.bind(12, join_lines(p.pending_urls));
  if (Status st = q.run(); !st.ok()) return st;
  if (s_.db->changes() == 0) return Error{"peers: no peer \"" + p.id + "\""};
  return Status::Ok();
}

Status PeerStore::add_bad_signatures(const std::string& id, std::int64_t count) {
  SIC_TRY_PREPARE(q, s_, "UPDATE peers SET bad_signatures = bad_signatures + ?2 WHERE id = ?1");
  return q.bind(1, id).bind(2, count).run();
}

}  // namespace sic
