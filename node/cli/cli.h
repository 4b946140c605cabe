// The `sicnode` command line (docs/cli.md). Exit status: 0 success, 1 failure of
// the work asked for, 2 a usage or config error.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace sic::cli {

enum Exit { kOk = 0, kFailed = 1, kUsage = 2 };

// Options every subcommand sees.
struct GlobalOptions {
  // Without --config: ./sicnode.toml, else the installed one (/etc/sicnode/sicnode.toml)
  // when that exists (docs/cli.md).
  std::string config_file = "sicnode.toml";
  bool config_given = false;
  std::string log_level;  // --log-level; empty: [log] level of the config
};

// Each subcommand adds itself to the app and sets `run` when it is chosen.
using Runner = std::function<int()>;
void add_serve(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_token(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_parse(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_translate(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_export(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_sync(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_peers(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_import(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_key(CLI::App& app, const GlobalOptions& global, Runner& run);
void add_backup(CLI::App& app, const GlobalOptions& global, Runner& run);

int main(int argc, char** argv);

}  // namespace sic::cli
