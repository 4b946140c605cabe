// The quality order of Apertium's pairs (docs/translation.md, "The quality order"):
// when two routes have as many steps through the same engines, the one through the
// more mature pairs wins.
#pragma once

#include <string_view>

namespace sic::translate::apertium {

// The cost of a step through the pair whose data is in `package` ("apertium-fra-cat"):
// 0 for a pair released as 1.0 or later, 1 for 0.5 to 0.x, 2 for one below 0.5, by
// Debian 12's versions. A package the table does not know costs 1.
int package_cost(std::string_view package);

}  // namespace sic::translate::apertium
