#include "node/translate/memory.h"

#include "feeds/model/hash.h"

namespace sic::translate {
namespace {

const char* format_name(TextFormat format) {
  return format == TextFormat::kHtml ? "html" : "plain";
}

// One step: from the memory, else from the engine (remembered on success).
Result<std::string> step(Engine& engine, TranslationStore& memory, const Pair& pair,
                         const std::string& text, TextFormat format, MemoryObserver& observer) {
  const std::string hash = text_hash(text, format);
  const std::string name = engine.name();
  auto recalled = memory.recall(hash, pair.from, pair.to, name);
  if (!recalled.ok()) return recalled.error();
  if (recalled->has_value()) {
    observer.memory_hit();
    return **recalled;
  }
  observer.engine_called(name, pair);
  auto translated = engine.translate(text, pair.from, pair.to, format);
  if (!translated.ok()) return translated.error();
  if (Status st = memory.remember(hash, pair.from, pair.to, name, *translated); !st.ok())
    return st.error();
  return translated;
}

}  // namespace

std::string text_hash(std::string_view text, TextFormat format) {
  FieldHasher hasher;
  return hasher.add(format_name(format)).add(text).hex();
}

Result<std::string> translate_remembered(Engine& engine, TranslationStore& memory,
                                         const Route& route, std::string_view text,
                                         TextFormat format, MemoryObserver& observer) {
  std::string current(text);
  for (std::size_t i = 0; i + 1 < route.hops.size() && !current.empty(); ++i) {
    auto next = step(engine, memory, {route.hops[i], route.hops[i + 1]}, current, format, observer);
    if (!next.ok()) return next.error();
    current = std::move(*next);
  }
  return current;
}

Result<Translation> translate_article(Engine& engine, TranslationStore& memory,
                                      const Article& article, const LanguageTag& target,
                                      const Route& route, TimePoint now,
                                      const SanitizeOptions& sanitize, MemoryObserver& observer) {
  auto field = [&](const std::string& text, TextFormat format) {
    return translate_remembered(engine, memory, route, text, format, observer);
  };
  auto title = field(article.title, TextFormat::kPlain);
  if (!title.ok()) return title.error();
  auto summary = field(article.summary, TextFormat::kPlain);
  if (!summary.ok()) return summary.error();
  auto body = field(article.content_html, TextFormat::kHtml);
  if (!body.ok()) return body.error();
  Translation t;
  t.lang = target;
  t.title = canonical_text(*title);
  t.summary = canonical_text(*summary);
  t.content_html = sanitize_html(*body, "", sanitize);
  t.kind = TranslationKind::kMachine;
  t.engine = engine_label(engine.name(), route);
  t.source_hash = article.content_hash();
  t.translated_at = now;
  if (t.title.empty() && !canonical_text(article.title).empty())
    return Error{"translate: " + t.engine + " gave an empty title for " + article.id.str()};
  return t;
}

}  // namespace sic::translate
