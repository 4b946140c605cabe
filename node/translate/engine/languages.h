// Language codes of the translation services and BCP 47 (docs/translation.md,
// "Language codes"). Apertium and APy name languages with ISO 639-3 codes ("spa",
// "eng"; older pairs use ISO 639-1: "es-pt"); the node uses BCP 47 tags, whose
// primary subtag is the ISO 639-1 code when there is one ("es") and the ISO 639-3
// code otherwise ("ast").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/language.h"

namespace sic::translate {

// "spa" and "es" give "es"; a three-letter code without a two-letter one stays as it
// is ("ast"). std::nullopt when `code` is not two or three lowercase letters.
std::optional<LanguageTag> language_from_iso639(std::string_view code);

// The ISO 639-3 code for a tag's primary subtag: "es" and "es-ES" give "spa"; a
// three-letter subtag is returned as it is.
std::string iso639_3(const LanguageTag& tag);

}  // namespace sic::translate
