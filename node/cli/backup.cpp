// sicnode backup FILE, sicnode restore FILE (docs/operations.md, "Backups").
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "node/catalogue/backup.h"
#include "node/cli/common.h"
#include "node/cli/data_lock.h"

namespace sic::cli {
namespace {

std::string describe(const CatalogueFile& f) {
  return std::to_string(f.articles) + " articles and tombstones, schema version " +
         std::to_string(f.schema_version) + ", catalogue version " + std::to_string(f.version);
}

int backup(const GlobalOptions& global, const std::string& file) {
  auto config = load(global);
  if (!config) return kUsage;
  auto done = backup_catalogue(config->catalogue_path(), file);
  if (!done.ok()) return fail("backup: " + done.error().message);
  std::printf("backup: %s -> %s: %s\n", config->catalogue_path().c_str(), file.c_str(),
              describe(*done).c_str());
  return kOk;
}

// Run as root, restore may have created files that the node's own user (the owner of
// data_dir) must be able to write: they are given to that user.
void give_to_data_dir_owner(const Config& config) {
  struct stat dir {};
  if (::geteuid() != 0 || ::stat(config.node.data_dir.c_str(), &dir) != 0 || dir.st_uid == 0)
    return;
  for (const std::string& path :
       {config.catalogue_path(), config.catalogue_path() + ".before-restore"})
    if (std::filesystem::exists(path) && ::chown(path.c_str(), dir.st_uid, dir.st_gid) != 0)
      std::fprintf(stderr, "sicnode: restore: cannot give %s to uid %u\n", path.c_str(),
                   unsigned(dir.st_uid));
}

int restore(const GlobalOptions& global, const std::string& file) {
  auto config = load(global);
  if (!config) return kUsage;
  auto checked = inspect_catalogue(file);
  if (!checked.ok()) return fail("restore: " + checked.error().message);
  std::error_code ec;
  std::filesystem::create_directories(config->node.data_dir, ec);
  auto lock = DataDirLock::acquire(config->node.data_dir, "restore");
  if (!lock.ok())
    return fail("restore: " + lock.error().message +
                "; stop it first (systemctl stop sicnode), restore, then start it again");
  std::string target = config->catalogue_path();
  std::string previous = target + ".before-restore";
  bool existed = std::filesystem::exists(target);
  auto done = restore_catalogue(file, target, previous);
  give_to_data_dir_owner(*config);
  if (!done.ok()) return fail("restore: " + done.error().message);
  std::printf("restore: %s -> %s: %s\n", file.c_str(), target.c_str(), describe(*done).c_str());
  if (existed) std::printf("restore: the catalogue as it was is kept in %s\n", previous.c_str());
  return kOk;
}

}  // namespace

void add_backup(CLI::App& app, const GlobalOptions& global, Runner& run) {
  static std::string backup_file, restore_file;
  auto* b = app.add_subcommand(
      "backup",
      "Copy the catalogue to FILE, consistent while `serve` runs and writes (SQLite's online\n"
      "backup); FILE is replaced atomically when it is an earlier backup");
  b->add_option("FILE", backup_file, "Where to write the copy")->required();
  b->callback([&] { run = [&] { return backup(global, backup_file); }; });

  auto* r = app.add_subcommand(
      "restore",
      "Replace the catalogue with a backup made by `sicnode backup`. Refused while `serve`\n"
      "runs on this data_dir, and for a file that is not a catalogue or is newer than this\n"
      "sicnode; the catalogue as it was is kept in data_dir/catalogue.db.before-restore");
  r->add_option("FILE", restore_file, "The backup to restore")->required();
  r->callback([&] { run = [&] { return restore(global, restore_file); }; });
}

}  // namespace sic::cli
