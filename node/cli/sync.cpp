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
Status check_known(Catalogue& cat, const std::vector<std::string>& names) {
  auto peers = cat.peers().list(PeerKind::kPeer);
  if (!peers.ok()) return peers.error();
  for (const auto& name : names) {
    bool known = std::any_of(peers->begin(), peers->end(),
                             [&](const PeerRecord& p) { return p.id == name; });
    if (!known) return Error{"sync: no peer \"" + name + "\" (see `sicnode peers list`)"};
  }
  return Status::Ok();
}

int sync_round(const Config& config, Catalogue& cat, const SyncArgs& args) {
  if (Status st = check_known(cat, args.peers); !st.ok()) return fail(st.message(), kUsage);
  auto keys = open_keys(config, cat);
  if (!keys.ok()) return fail(keys.error().message);
  sync::RoundOptions options;
  options.only = args.peers;
  options.wanted = [](const PeerRecord& p) { return p.kind == PeerKind::kPeer; };
  options.ignore_backoff = args.force;
  auto key_fetcher = federation::make_key_fetcher(config);
  options.key_fetcher = key_fetcher.get();
  sync::VerificationCache cache;
  sync::SyncSettings settings = federation::sync_settings(config, keys->get());
  settings.cache = &cache;
  auto report = run_visible_round(config, cat, settings, options);
  if (!report.ok()) return fail(report.error().message);
  if (report->peers.empty()) {
    std::fprintf(stderr, "sicnode: sync: no peers (add [[peers]] to %s or `sicnode peers add`)\n",
                 config.file.c_str());
    return kOk;
  }
  return print_round(*report, "sync");
}

int sync_now(const GlobalOptions& global, const SyncArgs& args) {
  return with_peers(
      global, [&](const Config& config, Catalogue& cat) { return sync_round(config, cat, args); });
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
