// Reading TOML text, for the config and the taxonomy (private to node/config; toml++
// stays in this folder).
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic {

// The TOML document in text, read from `file` (for messages); an error
// "FILE:LINE: syntax error: WHAT" when it is not valid TOML.
Result<toml::table> parse_toml(std::string_view text, const std::string& file);

}  // namespace sic
