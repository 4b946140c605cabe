// Apertium's installed translation modes (docs/translation.md, "Apertium pipelines").
//
// A pair package installs one mode file per direction under DATADIR/modes, named
// after the direction ("spa-eng.mode", "es-pt.mode") and holding the shell pipeline
// of the programs that translate.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/result.h"
#include "node/translate/engine/engine.h"

namespace sic::translate::apertium {

struct Mode {
  std::string name;  // "spa-eng"
  Pair pair;         // es > en
  std::filesystem::path file;
  std::string package;  // the folder of the pair's data the mode reads ("apertium-eng-spa")
};

// The direction a mode name stands for: "spa-eng" and "es-pt" give es>en and es>pt.
// std::nullopt for variants and other modes ("spa-eng_US", "eng-cat_valencia",
// "eco-es-fr"): the node translates into languages, and uses a pair's default mode.
std::optional<Pair> parse_mode_name(std::string_view name);

// The directions a mode translates: parse_mode_name's, except for Serbo-Croatian
// ("hbs"), a macrolanguage the node does not publish in: its analyser reads Croatian
// and Bosnian ("hbs-eng" gives hr>en and bs>en), and its standards are written by the
// variant modes ("eng-hbs_HR" gives en>hr; "_BS" bs, "_SR" sr). A mode into the bare
// macrolanguage ("eng-hbs") gives none. Empty for everything parse_mode_name refuses.
std::vector<Pair> mode_pairs(std::string_view name);

// The translation modes in data_dir/modes, one per direction, sorted by pair. When two
// files name the same direction ("es-pt" and "spa-por") the ISO 639-3 name wins.
// Error when the folder cannot be read.
Result<std::vector<Mode>> find_modes(const std::filesystem::path& data_dir);

// The stages of a pipeline as apertium-wblank-mode prints it ("lt-proc -z 'a.bin' |
// apertium-tagger -z -g $2 'b.prob' | ..."): one argv per stage, with $1 (the
// generator's mode) as -n, which leaves out the unknown-word marks (*, @, #), and $2
// (the tagger's options) as nothing. Error on any shell syntax other than plain
// words, single-quoted words and '|'.
Result<std::vector<std::vector<std::string>>> parse_pipeline(std::string_view script);

}  // namespace sic::translate::apertium
