// Peers from an OPML subscription list (`sicnode peers import`, docs/sync.md,
// "Importing peers from OPML").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/iri.h"
#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/peers.h"

namespace sic::sync {

struct OpmlImport {
  std::size_t feeds = 0;             // outlines with an xmlUrl
  std::vector<PeerRecord> added;     // in document order
  std::vector<std::string> present;  // ids of peers or sources that already had a feed's URL
  std::size_t repeated = 0;          // outlines naming a feed an earlier outline named
};

// Adds every feed outline of the OPML list as a peer, in one transaction. A feed whose
// URL (compared as parse_http_url normalizes it) is already a peer's or source's is
// left alone, so importing the same list twice changes nothing. New ids: the outline's
// title when it is a node id already (a sicnode's /opml names peers so), else the
// feed's host ("www.sic.example.pt" -> "sic-example-pt"); when that id is taken (by
// another peer or source, an earlier outline or this node, own_id), host and path
// ("sic-example-pt-feeds-atom"), then a suffix "-2", "-3"...
// Error, with nothing changed: a malformed list (opml::read's errors), a feed URL
// that is not http(s) ("opml: line 7: \"feed://x\" is not an http(s) URL: ..."), a
// catalogue error.
Result<OpmlImport> import_opml_peers(Catalogue& catalogue, std::string_view opml_bytes,
                                     const std::string& own_id);

// The id rules above for one URL, against the ids taken so far.
std::string opml_peer_id(std::string_view title, const HttpUrl& url,
                         const std::vector<std::string>& taken);

}  // namespace sic::sync
