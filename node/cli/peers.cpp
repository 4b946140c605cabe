// sicnode peers list|add|remove|import
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "feeds/model/signature.h"
#include "node/catalogue/held.h"
#include "node/catalogue/origins.h"
#include "node/catalogue/peer_health.h"
#include "node/catalogue/peers.h"
#include "node/catalogue/websub.h"
#include "node/cli/common.h"
#include "sync/round/opml_import.h"
#include "sync/round/peers.h"

namespace sic::cli {
namespace {

struct PeersArgs {
  std::string id;
  std::string url;
  std::int64_t interval = 0;
  std::string file;
};

std::string when(const std::optional<TimePoint>& t) { return t ? format_rfc3339(*t) : "never"; }

// One line per node whose keys this node knows or waits for: how it is bound, its
// current key and whether the config pins it, and the last problem reading its keys.
int list_origins(Catalogue& cat) {
  auto origins = cat.origins().list();
  if (!origins.ok()) return fail(origins.error().message);
  if (origins->empty()) return kOk;
  std::printf("\n%-20s %-8s %-7s %-52s %s\n", "ORIGIN", "KIND", "KEY", "CURRENT KEY", "KEYS AT");
  for (const auto& o : *origins) {
    auto keys = cat.origins().keys(o.id);
    if (!keys.ok()) return fail(keys.error().message);
    std::string current = "-", how = "-";
    for (const auto& k : *keys)
      if (k.status == KeyStatus::kCurrent) {
        current = k.key;
        how = k.pinned ? "pinned" : "learned";
      }
    std::string at = o.base_url.empty() ? "-" : o.base_url;
    if (o.bound_by == BoundBy::kConfig) at += " (config)";
    if (o.kind == OriginKind::kPlain) at = o.direct ? "plain feed, read here" : "plain feed";
    std::printf("%-20s %-8s %-7s %-52s %s\n", o.id.c_str(), to_string(o.kind), how.c_str(),
                current.c_str(), at.c_str());
    for (const auto& k : *keys)
      if (k.status == KeyStatus::kRevoked)
        std::printf("%s: revoked %s\n", o.id.c_str(), k.key.c_str());
    if (!o.last_error.empty()) std::printf("%s: %s\n", o.id.c_str(), o.last_error.c_str());
  }
  return kOk;
}

// WebSub: each peer's subscription to its hub (docs/websub.md, "Visibility").
int list_push(Catalogue& cat, int width) {
  auto subs = cat.push().list();
  if (!subs.ok()) return fail(subs.error().message);
  if (subs->empty()) return kOk;
  TimePoint now = cat.clock().now();
  std::printf("\n%-*s  %-9s %-20s %-20s %10s %8s  %s\n", width, "PUSH", "STATE", "UNTIL",
              "LAST DELIVERY", "DELIVERIES", "BAD HMAC", "HUB");
  for (const auto& s : *subs) {
    std::string state =
        s.state == PushState::kActive && !s.healthy(now) ? "expired" : to_string(s.state);
    std::printf("%-*s  %-9s %-20s %-20s %10lld %8lld  %s\n", width, s.peer.c_str(), state.c_str(),
                when(s.lease_until).c_str(), when(s.last_delivery).c_str(), (long long)s.deliveries,
                (long long)s.signature_failures, s.hub.empty() ? "-" : s.hub.c_str());
    if (!s.last_error.empty()) std::printf("%s: %s\n", s.peer.c_str(), s.last_error.c_str());
  }
  return kOk;
}

int list(const Config&, Catalogue& cat) {
  auto peers = cat.peers().list();
  if (!peers.ok()) return fail(peers.error().message);
  TimePoint now = cat.clock().now();
  int width = 4;
  for (const auto& p : *peers) width = std::max(width, int(p.id.size()));
  std::printf("%-*s  %-6s %-11s %-20s %6s %8s %-20s %8s %10s %7s %5s  %s\n", width, "ID", "KIND",
              "HEALTH", "LAST SUCCESS", "LAG", "FAILURES", "NEXT ATTEMPT", "ENTRIES", "BYTES",
              "BAD SIG", "HELD", "URL");
  for (const auto& p : *peers) {
    bool backing_off = health_of(p, now) == Health::kBackingOff;
    auto held = cat.held().count(p.id);
    if (!held.ok()) return fail(held.error().message);
    std::printf("%-*s  %-6s %-11s %-20s %6s %8lld %-20s %8lld %10lld %7lld %5lld  %s\n", width,
                p.id.c_str(), p.kind == PeerKind::kSource ? "source" : "peer",
                to_string(health_of(p, now)), when(p.last_success).c_str(),
                lag_text(lag_of(p, now), LagStyle::kShort).c_str(),
                (long long)p.consecutive_failures, backing_off ? when(p.next_attempt).c_str() : "-",
                (long long)p.entries_received, (long long)p.bytes_received,
                (long long)p.bad_signatures, (long long)*held, p.url.c_str());
  }
  for (const auto& p : *peers)
    if (!p.last_error.empty() && p.consecutive_failures > 0)
      std::printf("%s: %s\n", p.id.c_str(), p.last_error.c_str());
  if (int st = list_push(cat, width); st != kOk) return st;
  return list_origins(cat);
}

int add(const Config& config, Catalogue& cat, const PeersArgs& args) {
  if (auto url = parse_http_url(args.url); !url.ok())
    return fail("peers: " + url.error().message, kUsage);
  if (args.id == config.node.id)
    return fail("peers: \"" + args.id + "\" is this node's own id", kUsage);
  auto existing = cat.peers().find(args.id);
  if (!existing.ok()) return fail(existing.error().message);
  if (existing->has_value())
    return fail("peers: \"" + args.id + "\" exists already (remove it first)", kUsage);
  PeerRecord p{.id = args.id, .url = args.url};
  if (args.interval > 0) p.interval_seconds = args.interval;
  if (Status st = cat.peers().upsert(p); !st.ok()) return fail(st.message());
  std::printf("Added peer \"%s\" (%s); it is read at the next round.\n", args.id.c_str(),
              args.url.c_str());
  return kOk;
}

int remove(const Config& config, Catalogue& cat, const PeersArgs& args) {
  auto existing = cat.peers().find(args.id);
  if (!existing.ok()) return fail(existing.error().message);
  if (!existing->has_value()) return fail("peers: no peer \"" + args.id + "\"");
  if ((*existing)->from_config)
    return fail(
        "peers: \"" + args.id + "\" is in " + config.file + "; remove its table there instead",
        kUsage);
  if (Status st = cat.peers().remove(args.id); !st.ok()) return fail(st.message());
  std::printf("Removed peer \"%s\"; the articles received from it stay.\n", args.id.c_str());
  return kOk;
}

int import_opml(const Config& config, Catalogue& cat, const PeersArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return fail("peers import: cannot read " + args.file);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  auto result = sync::import_opml_peers(cat, bytes, config.node.id);
  if (!result.ok()) return fail("peers import: " + args.file + ": " + result.error().message);
  for (const auto& p : result->added)
    std::printf("Added peer \"%s\" (%s)\n", p.id.c_str(), p.url.c_str());
  std::string present;
  for (const auto& id : result->present) present += (present.empty() ? " (" : ", ") + id;
  if (!present.empty()) present += ")";
  std::printf("peers import: %zu feeds in %s: %zu added, %zu already peers%s", result->feeds,
              args.file.c_str(), result->added.size(), result->present.size(), present.c_str());
  if (result->repeated) std::printf(", %zu listed twice", result->repeated);
  std::printf(".%s\n", result->added.empty() ? "" : " They are read at the next round.");
  return kOk;
}

}  // namespace

void add_peers(CLI::App& app, const GlobalOptions& global, Runner& run) {
  static PeersArgs args;
  auto* peers =
      app.add_subcommand("peers", "List, add, import and remove the peers this node reads");
  peers->require_subcommand(1);

  auto* ls = peers->add_subcommand(
      "list",
      "Peers and sources with their health: last success, lag, failures, counters, entries\n"
      "refused for their signatures and held; then the nodes whose keys are known or awaited");
  ls->callback([&] { run = [&] { return with_peers(global, list); }; });

  auto* plus = peers->add_subcommand("add", "Add a peer (kept in the catalogue)");
  plus->add_option("ID", args.id, "The peer's node id (a-z, 0-9, '-')")
      ->required()
      ->check([](const std::string& id) {
        return is_node_id(id) ? std::string() : "not a node id (1-64 of a-z, 0-9 and '-')";
      });
  plus->add_option("URL", args.url, "The peer's feed, e.g. https://sic.example.es/feeds/atom")
      ->required();
  plus->add_option("--interval", args.interval, "Seconds between two reads (default [sync])")
      ->check(CLI::Range(10, 7 * 86400));
  plus->callback([&] {
    run = [&] {
      return with_peers(global, [](const Config& c, Catalogue& cat) { return add(c, cat, args); });
    };
  });

  auto* import = peers->add_subcommand(
      "import",
      "Add every feed of an OPML subscription list (a feed reader's export) as a peer, in one\n"
      "transaction; feeds that are peers already are left alone, so running it again changes\n"
      "nothing. Ids come from the outline's title when it is a node id, else from the feed's\n"
      "host (docs/sync.md, \"Importing peers from OPML\")");
  import->add_option("FILE", args.file, "The OPML file")->required();
  import->callback([&] {
    run = [&] {
      return with_peers(global, [](const Config& c, Catalogue& cat) {
        return import_opml(c, cat, args);
});
};  // namespace sic::cli
});

auto* minus = peers->add_subcommand("remove", "Remove a peer added with `peers add`");
minus->add_option("ID", args.id, "The peer's id")->required();
minus->callback([&] {
  run = [&] {
    return with_peers(global, [](const Config& c, Catalogue& cat) { return remove(c, cat, args); });
  };
});
}

}  // namespace sic::cli
