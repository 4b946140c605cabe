#include "node/publish/localize.h"

#include <tuple>

namespace sic::publish {
namespace {

bool stale(const Translation& t, const Article& original) {
  return t.outdated || (!t.source_hash.empty() && t.source_hash != original.content_hash());
}

}  // namespace

bool in_range(const LanguageTag& tag, const LanguageTag& range) {
  if (range.empty()) return true;
  const std::string& t = tag.str();
  const std::string& r = range.str();
  return t == r || (t.size() > r.size() && t.compare(0, r.size(), r) == 0 && t[r.size()] == '-');
}

const Translation* best_translation(const Article& article, const LanguageTag& range) {
  const Translation* best = nullptr;
  std::string hash = article.content_hash();
  // Lower ranks win: (not exact, machine, stale, tag).
  auto rank = [&](const Translation& t) {
    bool is_stale = t.outdated || (!t.source_hash.empty() && t.source_hash != hash);
    return std::make_tuple(t.lang != range, t.kind == TranslationKind::kMachine, is_stale,
                           t.lang.str());
  };
  for (const auto& t : article.translations) {
    if (!in_range(t.lang, range)) continue;
    if (!best || rank(t) < rank(*best)) best = &t;
  }
  return best;
}

std::optional<Article> in_language(const Article& article, const LanguageTag& range) {
  Article shown = article;
  shown.translations.clear();
  if (in_range(article.lang, range)) return shown;
  const Translation* t = best_translation(article, range);
  if (!t) return std::nullopt;
  shown.lang = t->lang;
  shown.title = t->title;
  shown.summary = t->summary;
  shown.content_html = t->content_html;
  shown.shown_translation =
      TranslationNote{article.lang, t->kind, t->engine, stale(*t, article), t->signature.by};
  return shown;
}

}  // namespace sic::publish
