// Helpers shared by the subcommands (private to node/cli).
#pragma once

#include <iostream>
#include <memory>
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

// Opens the node's catalogue, creating data_dir when needed.
Result<std::unique_ptr<Catalogue>> open_catalogue(const Config& config);

// Opens the node's key (creating it at the first start) and signs what the catalogue
// holds unsigned (keys::sign_catalogue), as `serve` does at start.
Result<std::shared_ptr<keys::NodeKeys>> open_keys(const Config& config, Catalogue& catalogue);

}  // namespace sic::cli
