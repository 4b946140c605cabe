// Import: a centre's own CMS feed (RSS, Atom or JSON Feed, any language) becomes
// this node's own articles (docs/sync.md, "Import").
#pragma once

#include <string>

#include "feeds/model/article.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "sync/merge/merge.h"

namespace sic::sync {

struct ImportOptions {
  std::string node_id;       // the origin given to every imported article
  LanguageTag default_lang;  // for entries whose feed says no language
  // Signs each version and tombstone stored (docs/merge.md); nullptr: unsigned.
  const crypto::Signer* signer = nullptr;
};

// Imports every entry of the feed in one transaction (a savepoint when the caller
// has one open). An entry keeps the id the feed gives it (an IRI as it is, a bare
// RSS guid mapped by the feed reader to a stable urn:sicnode:guid: IRI), so a
// re-import finds the same article:
//  - unknown id: added with this node as origin (an entry without a date gets its
//    published date, else now);
//  - one of this node's articles with different content: updated, its `updated`
//    made later than the stored one so that peers accept the change;
//  - the same content: unchanged;
//  - deleted here: stays deleted unless the entry's `updated` is after the deletion;
//  - an article of another origin: refused (noted).
// Tombstones in the feed delete this node's articles by the merge rule. Translations
// and shown translations in the feed are ignored; the feed's signatures too: what is
// stored is signed by options.signer. `added`, `updated`, `deleted`,
// `unchanged` and `refused` count the entries. Errors only when the catalogue fails
// (nothing is stored then).
Result<MergeStats> import_feed(Catalogue& catalogue, const Feed& feed,
                               const ImportOptions& options);

}  // namespace sic::sync
