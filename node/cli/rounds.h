// Running a round from the command line: a progress bar on a terminal and the
// summary table (private to node/cli; docs/cli.md).
#pragma once

#include "node/catalogue/catalogue.h"
#include "sync/http_client/http_client.h"
#include "sync/round/round.h"

namespace sic::cli {

// Runs the round; while it runs, shows a progress bar on stderr when stderr is a
// terminal (nothing otherwise, so that logs and pipes stay clean).
Result<sync::RoundReport> run_visible_round(Catalogue& catalogue, fetch::Fetcher& fetcher,
                                            const sync::SyncSettings& settings,
                                            sync::RoundOptions options);

// Prints the table on stdout: PEER, STATUS, NEW, UPDATED, DELETED, NOT MODIFIED,
// REFUSED, DOCS, ERROR; then the refusal notes, then one summary line.
void print_round(const sync::RoundReport& report, const char* command);

}  // namespace sic::cli
