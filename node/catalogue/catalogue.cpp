#include "node/catalogue/catalogue.h"

#include <sqlite3.h>

#include "node/catalogue/articles.h"
#include "node/catalogue/held.h"
#include "node/catalogue/migrations.h"
#include "node/catalogue/origins.h"
#include "node/catalogue/peers.h"
#include "node/catalogue/search.h"
#include "node/catalogue/search_index.h"
#include "node/catalogue/session.h"
#include "node/catalogue/tokens.h"
#include "node/catalogue/translation_requests.h"
#include "node/catalogue/translations.h"
#include "node/catalogue/websub.h"

namespace sic {
namespace catalogue {

Result<std::int64_t> Session::next_version() {
  SIC_TRY_PREPARE(q, *this, "SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'version'");
  auto row = q.step();
  if (!row.ok()) return row.error();
  return *row ? q.integer(0) : 1;
}

Status Session::write(const std::function<Status()>& fn) {
  const bool outermost = depth == 0;
  const std::string savepoint = "s" + std::to_string(depth);
  Status begun = db->exec(outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
  if (!begun.ok()) return begun;
  if (outermost) dirty = false;
  ++depth;
  Status result;
  try {
    result = fn();
  } catch (...) {
    --depth;
    (void)db->exec(outermost ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    throw;
  }
  --depth;
  if (!result.ok()) {
    (void)db->exec(outermost ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    return result;
  }
  if (!outermost) return db->exec("RELEASE " + savepoint);
  if (dirty) {
    Status bumped =
        db->exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'");
    if (!bumped.ok()) {
      (void)db->exec("ROLLBACK");
      return bumped;
    }
  }
  Status committed = db->exec("COMMIT");
  if (!committed.ok()) (void)db->exec("ROLLBACK");
  return committed;
}

Status Session::delete_one(std::string_view sql, const std::string& key, Error missing) {
  return write([&]() -> Status {
    SIC_TRY_PREPARE(q, *this, sql);
    if (Status st = q.bind(1, key).run(); !st.ok()) return st;
    if (db->changes() == 0) return missing;
    return Status::Ok();
  });
}

namespace {

Result<int> read_user_version(db::Database& db) {
  auto q = db.prepare("PRAGMA user_version");
  if (!q.ok()) return q.error();
  db::ResetOnExit reset(**q);
  auto row = (*q)->step();
  if (!row.ok()) return row.error();
  return int((*q)->integer(0));
}

Status migrate(Session& s) {
  auto current = read_user_version(*s.db);
  if (!current.ok()) return current.error();
  const auto& all = catalogue::migrations();
  if (*current > int(all.size()))
    return Error{"catalogue: " + s.db->path() + " has schema version " + std::to_string(*current) +
                 ", newer than this sicnode knows (" + std::to_string(all.size()) + ")"};
  if (*current == int(all.size())) {
    s.schema_version = *current;
    return Status::Ok();
  }
  Status st = s.write([&]() -> Status {
    for (size_t i = size_t(*current); i < all.size(); ++i) {
      Status applied = s.db->exec(all[i]);
      if (!applied.ok())
        return Error{"catalogue: migration " + std::to_string(i + 1) +
                     " failed: " + applied.message()};
    }
    return s.db->exec("PRAGMA user_version = " + std::to_string(all.size()));
  });
  if (st.ok()) s.schema_version = int(all.size());
  return st;
}

}  // namespace
}  // namespace catalogue

Catalogue::Catalogue(std::unique_ptr<catalogue::Session> session)
    : session_(std::move(session)),
      articles_(new ArticleStore(*session_)),
      translations_(new TranslationStore(*session_)),
      peers_(new PeerStore(*session_)),
      tokens_(new TokenStore(*session_)),
      origins_(new OriginStore(*session_)),
      held_(new HeldStore(*session_)),
      translation_requests_(new TranslationRequestStore(*session_)),
      search_(new SearchStore(*session_)),
      hub_subscriptions_(new HubSubscriptionStore(*session_)),
      push_(new PushStore(*session_)) {}

Catalogue::~Catalogue() = default;

Result<std::unique_ptr<Catalogue>> Catalogue::open(const std::string& path, const Clock& clock) {
  auto db = db::Database::open(path);
  if (!db.ok()) return db.error();
  auto session = std::make_unique<catalogue::Session>();
  session->db = std::move(*db);
  session->clock = &clock;
  Status st = catalogue::migrate(*session);
  if (st.ok()) st = catalogue::backfill_search(*session);
  if (!st.ok()) return st.error();
  return std::unique_ptr<Catalogue>(new Catalogue(std::move(session)));
}

std::string Catalogue::sqlite_version() { return sqlite3_libversion(); }

int Catalogue::schema_version() const { return session_->schema_version; }

Result<std::int64_t> Catalogue::version() {
  auto next = session_->next_version();
  if (!next.ok()) return next.error();
  return *next - 1;
}

Status Catalogue::transaction(const std::function<Status()>& fn) { return session_->write(fn); }

ArticleStore& Catalogue::articles() { return *articles_; }
TranslationStore& Catalogue::translations() { return *translations_; }
PeerStore& Catalogue::peers() { return *peers_; }
TokenStore& Catalogue::tokens() { return *tokens_; }
OriginStore& Catalogue::origins() { return *origins_; }
HeldStore& Catalogue::held() { return *held_; }
TranslationRequestStore& Catalogue::translation_requests() { return *translation_requests_; }
SearchStore& Catalogue::search() { return *search_; }
HubSubscriptionStore& Catalogue::hub_subscriptions() { return *hub_subscriptions_; }
PushStore& Catalogue::push() { return *push_; }
const Clock& Catalogue::clock() const { return *session_->clock; }
const std::string& Catalogue::path() const { return session_->db->path(); }

}  // namespace sic
