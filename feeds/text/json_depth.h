// How deeply a JSON text nests, for refusing deep documents before a recursive parser
// sees them (cpprestsdk's parser recurses once per level). Used by the JSON Feed reader
// and by the node's API; pure and thread-safe.
#pragma once

#include <string_view>

namespace sic {

// The deepest nesting of arrays and objects in text: 0 for a scalar, 1 for "{}" or
// "[1, 2]", 2 for "[{}]". Brackets inside strings (backslash escapes included) do not
// count. text need not be valid JSON: brackets are counted as they come, a stray
// closing one lowering the depth. Linear in the size of text; never fails.
int json_nesting_depth(std::string_view text);

}  // namespace sic
