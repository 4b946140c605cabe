#include "node/translate/apertium/modes.h"

#include <algorithm>
#include <map>
#include <system_error>

#include "node/translate/engine/languages.h"

namespace sic::translate::apertium {
namespace {

Error cannot_run(const std::string& what) {
  return Error{"apertium: cannot run a pipeline with " + what};
}

// The words of one stage; an error on shell syntax this parser does not run.
Result<std::vector<std::string>> split_words(std::string_view stage) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < stage.size()) {
    char c = stage[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++i;
      continue;
    }
    std::string word;
    while (i < stage.size() && stage[i] != ' ' && stage[i] != '\t' && stage[i] != '\n') {
      if (stage[i] == '\'') {
        std::size_t close = stage.find('\'', i + 1);
        if (close == std::string_view::npos) return cannot_run("an unterminated quote");
        word += stage.substr(i + 1, close - i - 1);
        i = close + 1;
      } else if (std::string_view("\"\\`;&<>()*?{}[]~#").find(stage[i]) != std::string_view::npos) {
        return cannot_run(std::string("shell syntax '") + stage[i] + "'");
      } else {
        word += stage[i++];
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

// $1 is the generator's option (-g marks unknown words, -n does not); $2 the tagger's,
// which is dropped (nullopt). Another variable is an error.
Result<std::optional<std::string>> substitute(const std::string& word) {
  if (word == "$1") return std::optional<std::string>("-n");
  if (word == "$2") return std::optional<std::string>();
  if (word.find('$') != std::string::npos) return cannot_run("the variable " + word);
  return std::optional<std::string>(word);
}

}  // namespace

std::optional<Pair> parse_mode_name(std::string_view name) {
  std::size_t dash = name.find('-');
  if (dash == std::string_view::npos || name.find('-', dash + 1) != std::string_view::npos)
    return std::nullopt;
  auto from = language_from_iso639(name.substr(0, dash));
  auto to = language_from_iso639(name.substr(dash + 1));
  if (!from || !to || *from == *to) return std::nullopt;
  return Pair{*from, *to};
}

Result<std::vector<Mode>> find_modes(const std::filesystem::path& data_dir) {
  std::filesystem::path dir = data_dir / "modes";
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Error{"apertium: cannot read " + dir.string() + ": " + ec.message()};
  std::map<Pair, Mode> by_pair;
  for (const auto& entry : it) {
    if (entry.path().extension() != ".mode") continue;
    std::string name = entry.path().stem().string();
    auto pair = parse_mode_name(name);
    if (!pair) continue;
    Mode mode{name, *pair, entry.path()};
    auto [at, inserted] = by_pair.emplace(*pair, mode);
    // Prefer the ISO 639-3 name; between two equally long names, the first alphabetically.
    if (!inserted && (name.size() > at->second.name.size() ||
                      (name.size() == at->second.name.size() && name < at->second.name)))
      at->second = mode;
  }
  std::vector<Mode> modes;
  for (auto& [pair, mode] : by_pair) modes.push_back(std::move(mode));
  return modes;
}

Result<std::vector<std::vector<std::string>>> parse_pipeline(std::string_view script) {
  std::vector<std::vector<std::string>> stages;
  std::size_t start = 0;
  while (start <= script.size()) {
    std::size_t bar = std::min(script.find('|', start), script.size());
    auto words = split_words(script.substr(start, bar - start));
    if (!words.ok()) return words.error();
    std::vector<std::string> argv;
    for (const std::string& word : *words) {
      auto w = substitute(word);
      if (!w.ok()) return w.error();
      if (*w) argv.push_back(std::move(**w));
    }
    if (argv.empty()) return Error{"apertium: the pipeline has an empty stage"};
    stages.push_back(std::move(argv));
    start = bar + 1;
  }
  return stages;
}

}  // namespace sic::translate::apertium
