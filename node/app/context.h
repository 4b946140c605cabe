// What the parts of a running node share: its config, its catalogue connections,
// its clock and taxonomy. Handlers receive it by reference; it is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "feeds/feeds.h"
#include "node/catalogue/pool.h"
#include "node/config/config.h"
#include "node/config/taxonomy.h"
#include "node/metrics/metrics.h"
#include "node/translate/engine.h"
#include "sync/fetcher/fetcher.h"

namespace sic {

struct NodeContext {
  Config config;
  const Clock* clock = nullptr;
  const Taxonomy* taxonomy = nullptr;
  std::unique_ptr<CataloguePool> catalogue;
  SanitizeOptions sanitize;
  metrics::Registry metrics;
  // The machine translation engine from [translation] (docs/translation.md), shared
  // with the background worker; its HTTP fetcher, if any, for cancelling at shutdown.
  std::shared_ptr<translate::Engine> translation_engine;
  std::shared_ptr<fetch::Fetcher> translation_fetcher;

  // base_url without its trailing '/', to which absolute paths are appended.
  std::string url(std::string_view absolute_path) const;
  // The page of an article on this node: base_url + "articles/" + encoded id.
  std::string article_url(const Iri& id) const;
};

}  // namespace sic
