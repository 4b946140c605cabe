#include "node/app/build_info.h"

#include "node/catalogue/catalogue.h"

#define SIC_STR2(x) #x
#define SIC_STR(x) SIC_STR2(x)

namespace sic {

const BuildInfo& build_info() {
  static const BuildInfo info {
    .version = SIC_VERSION,
#if defined(__clang__)
    .compiler = "clang " SIC_STR(__clang_major__) "." SIC_STR(__clang_minor__) "." SIC_STR(
        __clang_patchlevel__),
#elif defined(__GNUC__)
    .compiler = "gcc " __VERSION__,
#else
    .compiler = "unknown",
#endif
    .sqlite = Catalogue::sqlite_version(),
  };
  return info;
}

std::string version_line() {
  const BuildInfo& b = build_info();
  return "sicnode " + b.version + " (" + b.compiler + ", SQLite " + b.sqlite + ")";
}

}  // namespace sic
