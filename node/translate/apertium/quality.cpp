#include "node/translate/apertium/quality.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sic::translate::apertium {
namespace {

// Debian 12's Apertium pairs with their version, grouped by maturity. Every one of
// them is in Apertium's released tier (apertium-trunk), so the tier does not separate
// them; the version does, and it agrees with what the pairs leave untranslated on the
// demo articles (docs/translation.md).
constexpr std::array<std::pair<std::string_view, int>, 36> kCosts{{
    // 1.0 and later
    {"apertium-dan-nor", 0},  // 1.5.0
    {"apertium-eng-cat", 0},  // 1.0.1
    {"apertium-eo-en", 0},    // 1.0.2
    {"apertium-es-gl", 0},    // 1.0.9
    {"apertium-es-pt", 0},    // 1.1.6
    {"apertium-fra-cat", 0},  // 1.10.0
    {"apertium-nno-nob", 0},  // 1.5.0
    {"apertium-oc-ca", 0},    // 1.0.7
    {"apertium-oc-es", 0},    // 1.0.8
    {"apertium-oci-fra", 0},  // 1.0.0
    {"apertium-spa-cat", 0},  // 2.2.0
    {"apertium-cat-srd", 0},  // 1.1.0
    {"apertium-srd-ita", 0},  // 1.1.0
    {"apertium-spa-ast", 0},  // 1.1.1
    // 0.5 to 0.x
    {"apertium-en-gl", 1},    // 0.5.4
    {"apertium-eng-spa", 1},  // 0.8.1
    {"apertium-eo-ca", 1},    // 0.9.2
    {"apertium-eo-es", 1},    // 0.9.2
    {"apertium-eo-fr", 1},    // 0.9.1
    {"apertium-es-ro", 1},    // 0.7.5
    {"apertium-fr-es", 1},    // 0.9.4
    {"apertium-hbs-eng", 1},  // 0.5.1
    {"apertium-hbs-slv", 1},  // 0.5.1
    {"apertium-por-cat", 1},  // 0.10.1
    {"apertium-pt-gl", 1},    // 0.9.3
    {"apertium-swe-dan", 1},  // 0.8.1
    // below 0.5
    {"apertium-afr-nld", 2},  // 0.3.0
    {"apertium-cat-ita", 2},  // 0.2.2
    {"apertium-hbs-mkd", 2},  // 0.1.1
    {"apertium-isl-eng", 2},  // 0.1.2
    {"apertium-isl-swe", 2},  // 0.1.1
    {"apertium-mkd-bul", 2},  // 0.2.1
    {"apertium-mkd-eng", 2},  // 0.1.3
    {"apertium-pol-szl", 2},  // 0.2.1
    {"apertium-spa-ita", 2},  // 0.2.1
    {"apertium-swe-nor", 2},  // 0.4.0
}};

}  // namespace

int package_cost(std::string_view package) {
  auto it = std::find_if(kCosts.begin(), kCosts.end(),
                         [&](const auto& entry) { return entry.first == package; });
  return it == kCosts.end() ? 1 : it->second;
}

}  // namespace sic::translate::apertium
