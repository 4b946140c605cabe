// sicnode parse FILE|URL|-: a feed in, its normalized articles out as JSON.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "feeds/feeds.h"
#include "node/cli/common.h"
#include "sync/http_client/http_client.h"

namespace sic::cli {
namespace {

struct Input {
  std::string bytes;
  std::string base_url;  // for relative references; "" for files and stdin
};

// A URL the user names on the command line is theirs to choose: private addresses
// are allowed here (docs/cli.md), unlike the peers of a running node.
Result<Input> fetch_url(const std::string& url) {
  fetch::Limits limits;
  limits.allow_private_addresses = true;
  auto fetcher =
      fetch::make_curl_fetcher(limits, std::string("sicnode/") + SIC_VERSION + " (parse)");
  fetch::Response r = fetcher->fetch({.url = url});
  if (r.outcome != fetch::Outcome::kOk) return Error{"parse: " + url + ": " + r.error};
  return Input{std::move(r.body), r.final_url.empty() ? url : r.final_url};
}

Result<Input> read_input(const std::string& source) {
  if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) return fetch_url(source);
  if (source == "-") {
    std::ostringstream out;
    out << std::cin.rdbuf();
    return Input{out.str(), ""};
  }
  std::ifstream in(source, std::ios::binary);
  if (!in) return Error{"parse: cannot read " + source};
  return Input{std::string(std::istreambuf_iterator<char>(in), {}), ""};
}

int parse(const std::string& source) {
  auto input = read_input(source);
  if (!input.ok()) return fail(input.error().message);
  ParseOptions options;
  options.base_url = input->base_url;
  auto feed = parse_feed(input->bytes, options);
  if (!feed.ok()) return fail(feed.error().message);
  std::cout << to_json(*feed) << "\n";
  return kOk;
}

}  // namespace

void add_parse(CLI::App& app, const GlobalOptions&, Runner& run) {
  auto* cmd = app.add_subcommand(
      "parse", "Parse a feed (Atom, RSS, JSON Feed) and print its normalized articles as JSON");
  static std::string source;
  cmd->add_option("SOURCE", source, "A file, an http(s) URL, or - for standard input")->required();
  cmd->callback([&] { run = [&] { return parse(source); }; });
}

}  // namespace sic::cli
