#include "sync/merge/translations.h"

namespace sic::sync {

bool should_keep(const std::optional<Translation>& stored, const Translation& incoming,
                 const LanguageTag& article_lang, const std::string& current_hash) {
  if (incoming.lang.empty() || incoming.lang == article_lang) return false;
  if (!stored) return true;
  const bool human_in = incoming.kind == TranslationKind::kHuman;
  const bool human_stored = stored->kind == TranslationKind::kHuman;
  if (human_in != human_stored) return human_in;
  return stored->source_hash != current_hash && incoming.source_hash == current_hash;
}

Result<int> keep_incoming_translations(TranslationStore& store, const Article& incoming,
                                       const std::string& current_hash, const std::string& via) {
  int kept = 0;
  for (const auto& t : incoming.translations) {
    auto stored = store.find(incoming.id, t.lang);
    if (!stored.ok()) return stored.error();
    if (!should_keep(*stored, t, incoming.lang, current_hash)) continue;
    if (Status st = store.put(incoming.id, t, via); !st.ok()) return st.error();
    ++kept;
  }
  return kept;
}

}  // namespace sic::sync
