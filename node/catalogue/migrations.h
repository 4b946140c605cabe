#pragma once

#include <string_view>
#include <vector>

namespace sic::catalogue {

// The ordered migrations; migrations()[i] takes the schema from version i to i+1.
const std::vector<std::string_view>& migrations();

}  // namespace sic::catalogue
