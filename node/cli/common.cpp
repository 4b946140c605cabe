#include "node/cli/common.h"

#include <filesystem>

#include "node/app/federation.h"

namespace sic::cli {
namespace {

// Opens the node's catalogue, creating data_dir when needed.
Result<std::unique_ptr<Catalogue>> open_catalogue(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.node.data_dir, ec);
  if (ec) return Error{"cannot create data_dir " + config.node.data_dir + ": " + ec.message()};
  return Catalogue::open(config.catalogue_path());
}

}  // namespace

Result<std::shared_ptr<keys::NodeKeys>> open_keys(const Config& config, Catalogue& catalogue) {
  auto keys =
      keys::NodeKeys::open(config.node.data_dir, config.node.id, config.node.base_url.str());
  if (!keys.ok()) return keys.error();
  auto signed_now = keys::sign_catalogue(catalogue, **keys, false);
  if (!signed_now.ok()) return signed_now.error();
  return keys;
}

int fail(const std::string& message, int status) {
  std::cerr << "sicnode: " << message << "\n";
  return status;
}

std::optional<Config> load(const GlobalOptions& global) {
  std::string file = global.config_file;
  std::error_code ec;
  if (!global.config_given && !std::filesystem::exists(file, ec) &&
      std::filesystem::exists(SIC_INSTALLED_CONFIG, ec))
    file = SIC_INSTALLED_CONFIG;
  auto config = load_config(file);
  if (!config.ok()) {
    fail(config.error().message, kUsage);
    return std::nullopt;
  }
  return std::move(*config);
}

int with_catalogue(const GlobalOptions& global, const CatalogueCommand& fn) {
  auto config = load(global);
  if (!config) return kUsage;
  auto cat = open_catalogue(*config);
  if (!cat.ok()) return fail(cat.error().message);
  return fn(*config, **cat);
}

int with_peers(const GlobalOptions& global, const CatalogueCommand& fn) {
  return with_catalogue(global, [&fn](const Config& config, Catalogue& cat) {
    if (Status st = federation::apply_config_peers(cat, config); !st.ok())
      return fail(st.message());
    return fn(config, cat);
  });
}

}  // namespace sic::cli
