// sicnode parse FILE|-: a feed in, its normalized articles out as JSON.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "feeds/feeds.h"
#include "node/cli/common.h"

namespace sic::cli {
namespace {

Result<std::string> read_input(const std::string& source) {
  if (source == "-") {
    std::ostringstream out;
    out << std::cin.rdbuf();
    return out.str();
  }
  std::ifstream in(source, std::ios::binary);
  if (!in) return Error{"parse: cannot read " + source};
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int parse(const std::string& source) {
  auto bytes = read_input(source);
  if (!bytes.ok()) return fail(bytes.error().message);
  ParseOptions options;
  auto feed = parse_feed(*bytes, options);
  if (!feed.ok()) return fail(feed.error().message);
  std::cout << to_json(*feed) << "\n";
  return kOk;
}

}  // namespace

void add_parse(CLI::App& app, const GlobalOptions&, Runner& run) {
  auto* cmd = app.add_subcommand(
      "parse", "Parse a feed (Atom, RSS, JSON Feed) and print its normalized articles as JSON");
  static std::string source;
  cmd->add_option("SOURCE", source, "A file, or - for standard input")->required();
  cmd->callback([&] { run = [&] { return parse(source); }; });
}

}  // namespace sic::cli
