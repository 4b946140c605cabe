// Helpers shared by the subcommands (private to node/cli).
#pragma once

#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "node/catalogue/catalogue.h"
#include "node/cli/cli.h"
#include "node/config/config.h"
#include "node/keys/keys.h"

namespace sic::cli {

// Prints "sicnode: <message>" on stderr and returns the exit status.
int fail(const std::string& message, int status = kFailed);

// Loads the config; on error prints it and leaves nullopt (exit with kUsage).
std::optional<Config> load(const GlobalOptions& global);

// What a subcommand does with the node's config and its opened catalogue; returns
// the exit status.
using CatalogueCommand = std::function<int(const Config&, Catalogue&)>;

// Loads the config and opens the catalogue (creating data_dir when needed), then runs
// fn. When either fails, prints why and returns kUsage (the config) or kFailed (the
// catalogue) without running fn.
int with_catalogue(const GlobalOptions& global, const CatalogueCommand& fn);

// The same, after making the catalogue's configured peers and sources match the
// config's (federation::apply_config_peers; kFailed when that fails): for the
// subcommands that read or list them.
int with_peers(const GlobalOptions& global, const CatalogueCommand& fn);

// Opens the node's key (creating it at the first start) and signs what the catalogue
// holds unsigned (keys::sign_catalogue), as `serve` does at start.
Result<std::shared_ptr<keys::NodeKeys>> open_keys(const Config& config, Catalogue& catalogue);

}  // namespace sic::cli
