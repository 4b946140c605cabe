#include "node/cli/common.h"

#include <filesystem>

namespace sic::cli {

int fail(const std::string& message, int status) {
  std::cerr << "sicnode: " << message << "\n";
  return status;
}

std::optional<Config> load(const GlobalOptions& global) {
  auto config = load_config(global.config_file);
  if (!config.ok()) {
    fail(config.error().message, kUsage);
    return std::nullopt;
  }
  return std::move(*config);
}

Result<std::unique_ptr<Catalogue>> open_catalogue(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.node.data_dir, ec);
  if (ec) return Error{"cannot create data_dir " + config.node.data_dir + ": " + ec.message()};
  return Catalogue::open(config.catalogue_path());
}

Result<std::shared_ptr<keys::NodeKeys>> open_keys(const Config& config, Catalogue& catalogue) {
  auto keys =
      keys::NodeKeys::open(config.node.data_dir, config.node.id, config.node.base_url.str());
  if (!keys.ok()) return keys.error();
  auto signed_now = keys::sign_catalogue(catalogue, **keys, false);
  if (!signed_now.ok()) return signed_now.error();
  return keys;
}

}  // namespace sic::cli
