// A temporary folder for a test, removed with everything in it by the destructor.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sic::test {

class TempDir {
 public:
  // Creates a new folder under $TMPDIR (or /tmp) named prefix-XXXXXX; throws
  // std::runtime_error when it cannot.
  explicit TempDir(std::string_view prefix = "sic-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / name.
  std::filesystem::path file(std::string_view name) const { return path_ / name; }
  // Writes content to path() / name (creating folders) and returns that path.
  std::filesystem::path write(std::string_view name, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// The whole content of a file; "" when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace sic::test
