// sicnode sync [PEER...]: one round over the peers now, with progress and a summary.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "node/app/federation.h"
#include "node/cli/common.h"
#include "node/cli/rounds.h"

namespace sic::cli {
namespace {

struct SyncArgs {
  std::vector<std::string> peers;
  bool force = false;
};

// The named peers must exist and be peers (sources are imported by `sicnode import`).
std::optional<std::string> unknown_peer(Catalogue& cat, const std::vector<std::string>& names) {
  auto peers = cat.peers().list(PeerKind::kPeer);
  if (!peers.ok()) return peers.error().message;
  for (const auto& name : names) {
    bool known = std::any_of(peers->begin(), peers->end(),
                             [&](const PeerRecord& p) { return p.id == name; });
    if (!known) return "sync: no peer \"" + name + "\" (see `sicnode peers list`)";
  }
  return std::nullopt;
}

int sync_now(const GlobalOptions& global, const SyncArgs& args) {
  auto config = load(global);
  if (!config) return kUsage;
  auto cat = open_catalogue(*config);
  if (!cat.ok()) return fail(cat.error().message);
  if (Status st = federation::apply_config_peers(**cat, *config); !st.ok())
    return fail(st.message());
  if (auto unknown = unknown_peer(**cat, args.peers)) return fail(*unknown, kUsage);
  sync::RoundOptions options;
  options.only = args.peers;
  options.wanted = [](const PeerRecord& p) { return p.kind == PeerKind::kPeer; };
  options.ignore_backoff = args.force;
  auto fetcher = federation::make_fetcher(*config);
  auto report = run_visible_round(**cat, *fetcher, federation::sync_settings(*config), options);
  if (!report.ok()) return fail(report.error().message);
  if (report->peers.empty()) {
    std::fprintf(stderr, "sicnode: sync: no peers (add [[peers]] to %s or `sicnode peers add`)\n",
                 config->file.c_str());
    return kOk;
  }
  print_round(*report, "sync");
  return report->all_ok() ? kOk : kFailed;
}

}  // namespace

void add_sync(CLI::App& app, const GlobalOptions& global, Runner& run) {
  static SyncArgs args;
  auto* cmd = app.add_subcommand(
      "sync",
      "Run one sync round now: read every peer (or the named ones), merge, print a summary.\n"
      "Exit status: 0 every peer synced; 1 a peer failed or is backing off; 2 usage/config");
  cmd->add_option("PEER", args.peers, "Only these peers (ids from `sicnode peers list`)");
  cmd->add_flag("--force", args.force, "Also try peers that are backing off after failures");
  cmd->callback([&] { run = [&] { return sync_now(global, args); }; });
}

}  // namespace sic::cli
