// The node's catalogue: one SQLite file holding articles, translations, peers, API
// tokens, other nodes' keys and the entries held until a key is known (docs/catalogue.md). Nothing
// outside node/catalogue sees SQLite.
//
// Thread-safety: a Catalogue and its stores are not thread-safe; open one Catalogue
// per thread (SQLite's WAL lets readers run beside the one writer, across threads
// and processes).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic {

namespace catalogue {
struct Session;
}
class ArticleStore;
class TranslationStore;
class PeerStore;
class TokenStore;
class OriginStore;
class HeldStore;
class TranslationRequestStore;
class SearchStore;
class HubSubscriptionStore;
class PushStore;

class Catalogue {
 public:
  static constexpr const char* kFileName = "catalogue.db";

  // Opens or creates the catalogue file and applies pending migrations in one
  // transaction. Errors: the file cannot be opened or is not a catalogue, or its
  // schema is newer than this program knows.
  static Result<std::unique_ptr<Catalogue>> open(const std::string& path,
                                                 const Clock& clock = system_clock());
  ~Catalogue();
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // The version of the SQLite library in use ("3.40.1").
  static std::string sqlite_version();

  // The schema version (PRAGMA user_version) — the number of migrations applied.
  int schema_version() const;
  // The change counter: it grows with every committed write from any process, so a
  // cache keyed by it is never stale.
  Result<std::int64_t> version();

  // Runs fn in one transaction: commits when fn returns ok, rolls back otherwise (also
  // when fn throws). Nested calls join the outer transaction as a savepoint. A crash at
  // any point leaves either all of fn's writes or none.
  Status transaction(const std::function<Status()>& fn);

  ArticleStore& articles();
  TranslationStore& translations();
  PeerStore& peers();
  TokenStore& tokens();
  OriginStore& origins();
  HeldStore& held();
  TranslationRequestStore& translation_requests();
  SearchStore& search();
  HubSubscriptionStore& hub_subscriptions();
  PushStore& push();
  const Clock& clock() const;
  const std::string& path() const;

 private:
  explicit Catalogue(std::unique_ptr<catalogue::Session> session);
  std::unique_ptr<catalogue::Session> session_;
  std::unique_ptr<ArticleStore> articles_;
  std::unique_ptr<TranslationStore> translations_;
  std::unique_ptr<PeerStore> peers_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<OriginStore> origins_;
  std::unique_ptr<HeldStore> held_;
  std::unique_ptr<TranslationRequestStore> translation_requests_;
  std::unique_ptr<SearchStore> search_;
  std::unique_ptr<HubSubscriptionStore> hub_subscriptions_;
  std::unique_ptr<PushStore> push_;
};

}  // namespace sic
