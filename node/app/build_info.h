// What this program is: its version and what it was built with, for `sicnode
// --version` and the sicnode_build_info metric.
#pragma once

#include <string>

namespace sic {

struct BuildInfo {
  std::string version;   // the project's version, "0.1.0"
  std::string compiler;  // "gcc 12.2.0"
  std::string sqlite;    // the SQLite library in use, "3.40.1"
};

const BuildInfo& build_info();

// "sicnode 0.1.0 (gcc 12.2.0, SQLite 3.40.1)".
std::string version_line();

}  // namespace sic
