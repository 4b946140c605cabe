#include "node/context/context.h"

namespace sic {

std::string NodeContext::url(std::string_view absolute_path) const {
  std::string base = config.node.base_url.str();
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(absolute_path);
}

std::string NodeContext::article_url(const Iri& id) const {
  return url("/articles/" + iri_path_segment(id));
}

}  // namespace sic
