// sicnode key show|rotate: the node's own Ed25519 key (docs/cli.md, docs/merge.md).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>

#include "node/cli/common.h"

namespace sic::cli {
namespace {

// Runs fn with the node's catalogue and keys (created at the first start).
int with_keys(const GlobalOptions& global,
              const std::function<int(Catalogue&, keys::NodeKeys&)>& fn) {
  return with_catalogue(global, [&fn](const Config& config, Catalogue& cat) {
    auto keys = open_keys(config, cat);
    if (!keys.ok()) return fail(keys.error().message);
    return fn(cat, **keys);
  });
}

int show(Catalogue&, keys::NodeKeys& keys) {
  crypto::KeyDocument doc = keys.document();
  std::printf("%s\n", doc.key.c_str());
  std::printf("node %s, key created %s, in %s (private: never copy it)\n", doc.node.c_str(),
              format_rfc3339(doc.created).c_str(), keys.path().c_str());
  for (auto it = doc.earlier_keys.rbegin(); it != doc.earlier_keys.rend(); ++it)
    std::printf("earlier: %s, retired %s\n", it->key.c_str(), format_rfc3339(it->retired).c_str());
  std::printf("Peers may pin it: [[peers]] id = \"%s\" ... key = \"%s\"\n", doc.node.c_str(),
              doc.key.c_str());
  return kOk;
}

int rotate(Catalogue& cat, keys::NodeKeys& keys) {
  std::string old = keys.public_key();
  auto fresh = keys.rotate();
  if (!fresh.ok()) return fail(fresh.error().message);
  auto resigned = keys::sign_catalogue(cat, keys, true);
  if (!resigned.ok()) return fail(resigned.error().message);
  std::printf("%s\n", fresh->c_str());
  std::printf(
      "key: %s replaces %s; the old key signed the rotation (GET /.well-known/sicnode), "
      "%lld signatures were renewed. Peers that pinned the old key follow the rotation; "
      "if the old key was stolen, ask them to list it in revoked_keys.\n",
      fresh->c_str(), old.c_str(), (long long)*resigned);
  return kOk;
}

}  // namespace

void add_key(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto* key = app.add_subcommand(
      "key", "The node's Ed25519 key, which signs its articles, deletions and translations");
  key->require_subcommand(1);
  auto* show_cmd = key->add_subcommand(
      "show", "Print the public key (created at the first start) and the earlier ones");
  show_cmd->callback([&] { run = [&] { return with_keys(global, show); }; });
  auto* rotate_cmd = key->add_subcommand(
      "rotate",
      "Make a new key, signed over by the old one, and re-sign what the node signed with it");
  rotate_cmd->callback([&] { run = [&] { return with_keys(global, rotate); }; });
}

}  // namespace sic::cli
