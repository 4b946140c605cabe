// sicnode import [FEED_URL|FILE]: a CMS feed in as the node's own articles.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "feeds/feeds.h"
#include "node/app/federation.h"
#include "node/cli/common.h"
#include "node/cli/rounds.h"
#include "sync/import/import.h"

namespace sic::cli {
namespace {

struct ImportArgs {
  std::string source;
  std::string lang;
};

bool is_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

// The feed's bytes and the URL to resolve its relative links against.
Result<std::pair<std::string, std::string>> read_source(const Config& config,
                                                        const std::string& source) {
  if (!is_url(source)) {
    std::ifstream in(source, std::ios::binary);
    if (!in) return Error{"import: cannot read " + source};
    return std::pair{std::string(std::istreambuf_iterator<char>(in), {}), std::string()};
  }
  auto r = federation::make_fetcher(config)->fetch({.url = source});
  if (r.outcome != fetch::Outcome::kOk) return Error{"import: " + source + ": " + r.error};
  return std::pair{std::move(r.body), r.final_url};
}

int import_one(const Config& config, Catalogue& cat, const crypto::Signer& signer,
               const ImportArgs& args) {
  sync::ImportOptions options{config.node.id, config.node.languages.front(), &signer};
  if (!args.lang.empty()) {
    auto lang = LanguageTag::parse(args.lang);
    if (!lang.ok())
      return fail("import: --lang: \"" + args.lang + "\" is not a BCP 47 language tag", kUsage);
    options.default_lang = *lang;
  }
  auto bytes = read_source(config, args.source);
  if (!bytes.ok()) return fail(bytes.error().message);
  auto feed = parse_feed(bytes->first,
                         {.base_url = bytes->second, .max_bytes = config.sync.max_body_bytes});
  if (!feed.ok()) return fail("import: " + args.source + ": " + feed.error().message);
  auto stats = sync::import_feed(cat, *feed, options);
  if (!stats.ok()) return fail(stats.error().message);
  for (const auto& note : stats->notes) std::printf("refused: %s\n", note.c_str());
  std::printf("import: %s: %lld new, %lld updated, %lld deleted, %lld unchanged, %lld refused\n",
              args.source.c_str(), (long long)stats->added, (long long)stats->updated,
              (long long)stats->deleted, (long long)stats->unchanged, (long long)stats->refused);
  return kOk;
}

int import_sources(const Config& config, Catalogue& cat, const crypto::Signer& signer) {
  if (config.sources.empty())
    return fail("import: no [[sources]] in " + config.file + "; give a feed URL or file", kUsage);
  sync::RoundOptions options;
  options.wanted = [](const PeerRecord& p) { return p.kind == PeerKind::kSource; };
  options.ignore_backoff = true;
  auto report = run_visible_round(config, cat, federation::sync_settings(config, &signer), options);
  if (!report.ok()) return fail(report.error().message);
  return print_round(*report, "import");
}

int run_import(const GlobalOptions& global, const ImportArgs& args) {
  return with_peers(global, [&](const Config& config, Catalogue& cat) {
    auto keys = open_keys(config, cat);
    if (!keys.ok()) return fail(keys.error().message);
    if (args.source.empty()) return import_sources(config, cat, **keys);
    return import_one(config, cat, **keys, args);
  });
}

}  // namespace

void add_import(CLI::App& app, const GlobalOptions& global, Runner& run) {
  static ImportArgs args;
  auto* cmd = app.add_subcommand(
      "import",
      "Import a CMS feed (RSS, Atom, JSON Feed) as this node's own articles; without SOURCE,\n"
      "import every [[sources]] of the config. Ids stay stable across re-imports.");
  cmd->add_option("SOURCE", args.source, "A feed URL (http/https) or a file");
  cmd->add_option("--lang", args.lang,
                  "Language of entries whose feed names none (default: the node's first)");
  cmd->callback([&] { run = [&] { return run_import(global, args); }; });
}

}  // namespace sic::cli
