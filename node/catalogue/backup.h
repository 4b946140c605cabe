// Backing the catalogue up and restoring it (docs/operations.md, "Backups").
#pragma once

#include <cstdint>
#include <string>

#include "feeds/model/result.h"

namespace sic {

// What a catalogue file holds, in numbers.
struct CatalogueFile {
  int schema_version = 0;     // migrations applied
  std::int64_t version = 0;   // the change counter (meta.version)
  std::int64_t articles = 0;  // articles and tombstones
};

// Copies the catalogue at `source` to `destination` with SQLite's online backup API in
// one read transaction: the copy is the catalogue as one commit left it, while other
// connections and processes (`sicnode serve`) go on writing. The copy is made beside
// destination under a temporary name, checked (PRAGMA integrity_check), made one
// self-contained file (journal_mode=DELETE), synced and renamed over destination.
// Errors, leaving destination as it was: no catalogue at source, destination exists
// and is not a SQLite catalogue (it is not replaced), a read or write error.
Result<CatalogueFile> backup_catalogue(const std::string& source, const std::string& destination);

// What `path` holds when it is a catalogue this program can restore: a SQLite file
// with the catalogue's tables that passes PRAGMA integrity_check, of a schema version
// no newer than this program's migrations. Errors name the file and the problem:
// "catalogue: x.db is not a SQLite database", "... is not a sicnode catalogue", "... has
// schema version 9, newer than this sicnode knows (3)", "... is damaged: <first problem>".
Result<CatalogueFile> inspect_catalogue(const std::string& path);

// Replaces the content of the catalogue at `target` (created when absent) with that of
// the catalogue file `source`, after inspect_catalogue accepted it. The backup is first
// copied beside target and brought up to this program's schema (pending migrations),
// with its change counter set above the old and the restored one (so feeds'
// validators and caches keyed by it never see a version twice); then it is written
// into target in one write transaction through SQLite's backup API: a crash leaves the
// old or the new content, never a mix, and readers elsewhere see one or the other. When
// target existed, its content is first kept in `previous` (replaced if present).
// The caller makes sure no `sicnode serve` uses target: its caches would not expect
// the catalogue to go back in time.
Result<CatalogueFile> restore_catalogue(const std::string& source, const std::string& target,
                                        const std::string& previous);

}  // namespace sic
