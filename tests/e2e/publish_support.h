// Shared by the publishing e2e tests: filling a running node's catalogue.
#pragma once

#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/catalogue.h"
#include "node/catalogue/translations.h"
#include "tests/node/publish/support.h"
#include "tests/support/sicnode.h"

namespace sic::test {

// Writes articles (canonicalized, with their translations) into the node's catalogue
// file from this process, as a sync would; a running server sees them at once.
inline void store(const TestNode& node, const std::vector<Article>& articles) {
  auto cat = Catalogue::open((node.dir() / "data" / "catalogue.db").string());
  if (!cat.ok()) throw std::runtime_error(cat.error().message);
  for (Article a : articles) {
    canonicalize_article(a, {});
    if (Status st = (*cat)->articles().put(a); !st.ok()) throw std::runtime_error(st.message());
    for (const auto& t : a.translations)
      if (Status st = (*cat)->translations().put(a.id, t); !st.ok())
        throw std::runtime_error(st.message());
  }
}

inline Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

}  // namespace sic::test
