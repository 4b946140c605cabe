#include "node/catalogue/held.h"

#include "feeds/model/hash.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

HeldKind kind_of(const std::string& text) {
  if (text == "tombstone") return HeldKind::kTombstone;
  if (text == "translation") return HeldKind::kTranslation;
  return HeldKind::kVersion;
}

}  // namespace

const char* to_string(HeldKind kind) {
  switch (kind) {
    case HeldKind::kTombstone:
      return "tombstone";
    case HeldKind::kTranslation:
      return "translation";
    case HeldKind::kVersion:
      break;
  }
  return "version";
}

Status HeldStore::hold(const HeldItem& item) {
  FieldHasher h;
  h.add(item.peer).add(to_string(item.kind)).add(item.document);
  SIC_TRY_PREPARE(q, s_,
                  "INSERT OR IGNORE INTO held (digest, peer, signer, signer_url, article_id, kind, "
                  "document, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, h.hex()).bind(2, item.peer).bind(3, item.signer).bind(4, item.signer_url);
  q.bind(5, item.article.str()).bind(6, to_string(item.kind)).bind(7, item.document);
  return q.bind(8, to_unix(s_.clock->now())).run();
}

Result<std::vector<HeldItem>> HeldStore::of_signer(const std::string& signer, std::size_t limit) {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT seq, peer, signer, signer_url, article_id, kind, document, received_at "
                  "FROM held WHERE signer = ?1 ORDER BY seq LIMIT ?2");
  std::vector<HeldItem> out;
  Status st = q.bind(1, signer).bind(2, std::int64_t(limit)).each([&] {
    auto id = Iri::parse(q.text(4));
    if (!id.ok()) return;
    out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), *id, kind_of(q.text(5)),
                   q.text(6), from_unix(q.integer(7))});
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<std::vector<HeldStore::Awaited>> HeldStore::awaited() {
  SIC_TRY_PREPARE(q, s_,
                  "SELECT signer, signer_url, count(*) FROM held GROUP BY signer, signer_url "
                  "ORDER BY signer, min(seq)");
  std::vector<Awaited> out;
  Status st = q.each([&] {
    if (out.empty() || out.back().signer != q.text(0)) out.push_back({q.text(0), {}, 0});
    Awaited& a = out.back();
    if (a.urls.size() < 4) a.urls.push_back(q.text(1));
    a.items += q.integer(2);
  });
  if (!st.ok()) return st.error();
  return out;
}

Status HeldStore::remove(std::int64_t seq) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM held WHERE seq = ?1");
  return q.bind(1, seq).run();
}

Result<std::int64_t> HeldStore::count(const std::string& peer) {
  SIC_TRY_PREPARE(q, s_, "SELECT count(*) FROM held WHERE ?1 = '' OR peer = ?1");
  auto row = q.bind(1, peer).step();
  if (!row.ok()) return row.error();
  return q.integer(0);
}

Result<std::int64_t> HeldStore::expire(TimePoint before) {
  SIC_TRY_PREPARE(q, s_, "DELETE FROM held WHERE received_at < ?1");
  if (Status st = q.bind(1, to_unix(before)).run(); !st.ok()) return st.error();
  return s_.db->changes();
}

}  // namespace sic
