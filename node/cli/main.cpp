#include <CLI/CLI.hpp>

#include "node/app/build_info.h"
#include "node/cli/cli.h"

namespace sic::cli {

int main(int argc, char** argv) {
  CLI::App app{"sicnode — a federated syndication node for the Safer Internet Centres"};
  app.set_version_flag("--version", version_line());
  GlobalOptions global;
  app.add_option("-c,--config", global.config_file, "The node's TOML config file")
      ->capture_default_str();
  app.add_option("--log-level", global.log_level,
                 "The least severe log lines `serve` writes: error, warn, info or debug\n"
                 "(instead of [log] level)")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}));
  app.require_subcommand(1);
  app.fallthrough();
  Runner run;
  add_serve(app, global, run);
  add_token(app, global, run);
  add_parse(app, global, run);
  add_translate(app, global, run);
  add_export(app, global, run);
  add_sync(app, global, run);
  add_peers(app, global, run);
  add_import(app, global, run);
  add_key(app, global, run);
  add_backup(app, global, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? kOk : kUsage;
  }
  global.config_given = app.get_option("--config")->count() > 0;
  return run ? run() : kUsage;
}

}  // namespace sic::cli

int main(int argc, char** argv) { return sic::cli::main(argc, argv); }
