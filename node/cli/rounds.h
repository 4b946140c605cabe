// Running a round from the command line: a progress bar on a terminal and the
// summary table (private to node/cli; docs/cli.md).
#pragma once

#include "node/catalogue/catalogue.h"
#include "node/config/config.h"
#include "sync/round/round.h"

namespace sic::cli {

// Runs the round with the config's fetcher and the given settings (federation::sync_settings
// and what the subcommand adds); while it runs, shows a
// progress bar on stderr when stderr is a terminal (nothing otherwise, so that logs
// and pipes stay clean).
Result<sync::RoundReport> run_visible_round(const Config& config, Catalogue& catalogue,
                                            const sync::SyncSettings& settings,
                                            sync::RoundOptions options);

// Prints the table on stdout: PEER, STATUS, NEW, UPDATED, DELETED, NOT MODIFIED,
// REFUSED, BAD SIG, HELD, DOCS, ERROR; then the refusal notes, then one summary line. Returns the
// exit status: kOk when every peer synced, kFailed otherwise.
int print_round(const sync::RoundReport& report, const char* command);

}  // namespace sic::cli
