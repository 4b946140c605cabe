#include "node/translate/apertium/modes.h"

#include <algorithm>
#include <array>
#include <fstream>
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

// Serbo-Croatian's standards: what its analyser reads, and what each variant writes.
constexpr std::string_view kSerboCroatian = "hbs";
constexpr std::array<std::string_view, 2> kSerboCroatianRead = {"hr", "bs"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSerboCroatianWritten{{
    {"hbs_HR", "hr"},
    {"hbs_BS", "bs"},
    {"hbs_SR", "sr"},
}};

LanguageTag tag(std::string_view code) { return LanguageTag::parse(code).value(); }

// "X-hbs_HR": the direction into the variant's standard, if it is one.
std::optional<Pair> into_standard(std::string_view name) {
  std::size_t dash = name.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view target = name.substr(dash + 1);
  auto written = std::find_if(kSerboCroatianWritten.begin(), kSerboCroatianWritten.end(),
                              [&](const auto& w) { return w.first == target; });
  auto from = language_from_iso639(name.substr(0, dash));
  if (written == kSerboCroatianWritten.end() || !from || from->str() == kSerboCroatian)
    return std::nullopt;
  return Pair{*from, tag(written->second)};
}

// The data folder a mode's programs read: "/usr/share/apertium/apertium-eng-spa/..."
// gives "apertium-eng-spa"; "" when none is named.
std::string package_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = script.find("/apertium-");
  if (at == std::string::npos) return "";
  std::size_t end = script.find('/', at + 1);
  return end == std::string::npos ? "" : script.substr(at + 1, end - at - 1);
}

}  // namespace

std::vector<Pair> mode_pairs(std::string_view name) {
  if (auto standard = into_standard(name)) return {*standard};
  auto pair = parse_mode_name(name);
  if (!pair || pair->to.str() == kSerboCroatian) return {};
  if (pair->from.str() != kSerboCroatian) return {*pair};
  std::vector<Pair> pairs;
  for (std::string_view read : kSerboCroatianRead)
    if (read != pair->to.str()) pairs.push_back({tag(read), pair->to});
  return pairs;
}

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
    std::vector<Pair> pairs = mode_pairs(name);
    if (pairs.empty()) continue;
    std::string package = package_of(entry.path());
    for (const Pair& pair : pairs) {
      Mode mode{name, pair, entry.path(), package};
      auto [at, inserted] = by_pair.emplace(pair, mode);
      // Prefer the ISO 639-3 name; between two equally long names, the first
      // alphabetically.
      if (!inserted && (name.size() > at->second.name.size() ||
                        (name.size() == at->second.name.size() && name < at->second.name)))
        at->second = mode;
    }
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
