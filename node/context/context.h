// What the parts of a running node share: its config, its catalogue connections,
// its clock and taxonomy. Handlers receive it by reference; it is thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "feeds/feeds.h"
#include "node/catalogue/pool.h"
#include "node/config/config.h"
#include "node/config/taxonomy.h"
#include "node/context/render_cache.h"
#include "node/keys/keys.h"
#include "node/metrics/metrics.h"
#include "node/translate/engines.h"

namespace sic {

struct NodeContext {
  Config config;
  const Clock* clock = nullptr;
  const Taxonomy* taxonomy = nullptr;
  std::unique_ptr<CataloguePool> catalogue;
  // The node's own key: signs what the node makes (docs/merge.md, "Keys").
  std::shared_ptr<keys::NodeKeys> keys;
  SanitizeOptions sanitize;
  metrics::Registry metrics;
  // The machine translation engines from [translation] (docs/translation.md), in
  // order of preference, shared with the background worker and the callback route of
  // asynchronous engines; EngineSet::cancel() stops their work in flight at shutdown.
  std::shared_ptr<translate::EngineSet> translation_engines;
  // Rendered feeds and pages by catalogue version (docs/publishing.md, "Render cache").
  std::unique_ptr<publish::RenderCache> render_cache;
  // The notice a translated entry of a ?lang= feed begins with: the one the article
  // page shows (pages::translation_notice). publish sits below pages, so App::create
  // sets it; empty: no notice. Arguments: the original's id and language, the note
  // on the translation shown, the feed's language.
  std::function<std::string(const Iri&, const LanguageTag&, const TranslationNote&,
                            const LanguageTag&)>
      translation_notice;
  // Asks the background sync for a round now; set by `serve` before it starts
  // serving, empty when no sync runs (then a request for a round is refused).
  std::function<void()> request_sync;
  // Tells the background sync that a subscription to a peer's hub was verified or
  // denied (that peer's polling interval changes); set by `serve`, may be empty.
  std::function<void()> push_changed;

  // base_url without its trailing '/', to which absolute paths are appended.
  std::string url(std::string_view absolute_path) const;
  // The page of an article on this node: base_url + "articles/" + iri_path_segment(id)
  // (the percent-encoded id, or for a very long one a bounded form: feeds/model/iri.h).
  std::string article_url(const Iri& id) const;
};

}  // namespace sic
