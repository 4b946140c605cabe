// Helpers shared by the subcommands (private to node/cli).
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "node/catalogue/catalogue.h"
#include "node/cli/cli.h"
#include "node/config/config.h"

namespace sic::cli {

// Prints "sicnode: <message>" on stderr and returns the exit status.
int fail(const std::string& message, int status = kFailed);

// Loads the config; on error prints it and leaves nullopt (exit with kUsage).
std::optional<Config> load(const GlobalOptions& global);

// Opens the node's catalogue, creating data_dir when needed.
Result<std::unique_ptr<Catalogue>> open_catalogue(const Config& config);

}  // namespace sic::cli
