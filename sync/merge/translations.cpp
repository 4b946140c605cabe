#include "sync/merge/translations.h"

namespace sic::sync {

bool should_keep(const std::optional<Translation>& stored, const Translation& incoming,
                 const LanguageTag& article_lang, const std::string& current_hash,
                 bool node_translates) {
  if (incoming.lang.empty() || incoming.lang == article_lang) return false;
  if (incoming.kind == TranslationKind::kMachine && node_translates) return false;
  if (!stored) return true;
  const bool human_in = incoming.kind == TranslationKind::kHuman;
  const bool human_stored = stored->kind == TranslationKind::kHuman;
  if (human_in != human_stored) return human_in;
  return stored->source_hash != current_hash && incoming.source_hash == current_hash;
}

Result<std::vector<const Translation*>> wanted_translations(TranslationStore& store,
                                                            const Article& incoming,
                                                            const std::string& current_hash) {
  auto routes = store.machine_routes();
  if (!routes.ok()) return routes.error();
  std::vector<const Translation*> wanted;
  for (const auto& t : incoming.translations) {
    auto stored = store.find(incoming.id, t.lang);
    if (!stored.ok()) return stored.error();
    bool node_translates = routes->count({incoming.lang.primary(), t.lang.str()}) > 0;
    if (should_keep(*stored, t, incoming.lang, current_hash, node_translates)) wanted.push_back(&t);
  }
  return wanted;
}

}  // namespace sic::sync
