#include "node/translate/memory.h"

#include "feeds/model/hash.h"
#include "node/catalogue/translations.h"

namespace sic::translate {
namespace {

const char* format_name(TextFormat format) {
  return format == TextFormat::kHtml ? "html" : "plain";
}

// One step: from the memory, else from the engine (remembered on success), or sent to
// an asynchronous engine.
Result<Remembered> step(EngineSet& engines, std::size_t position, Catalogue& cat, const Pair& pair,
                        const std::string& text, TextFormat format, MemoryObserver& observer) {
  Engine& engine = engines.at(position);
  const std::string hash = text_hash(text, format);
  const std::string name = engine.name();
  auto recalled = cat.translations().recall(hash, pair.from, pair.to, name);
  if (!recalled.ok()) return recalled.error();
  if (recalled->has_value()) {
    observer.memory_hit();
    return Remembered{**recalled, std::nullopt};
  }
  if (AsyncEngine* async = engine.asynchronous())
    return ask_async(*async, name, cat, pair, text, hash, format, cat.clock().now(),
                     [&] { observer.engine_called(name, pair); });
  observer.engine_called(name, pair);
  auto translated = engine.translate(text, pair.from, pair.to, format);
  if (!translated.ok()) return translated.error();
  if (Status st = cat.translations().remember(hash, pair.from, pair.to, name, *translated);
      !st.ok())
    return st.error();
  return Remembered{std::move(*translated), std::nullopt};
}

}  // namespace

std::string text_hash(std::string_view text, TextFormat format) {
  FieldHasher hasher;
  return hasher.add(format_name(format)).add(text).hex();
}

Result<Remembered> translate_remembered(EngineSet& engines, Catalogue& cat, const Route& route,
                                        std::string_view text, TextFormat format,
                                        MemoryObserver& observer) {
  Remembered current{std::string(text), std::nullopt};
  for (std::size_t i = 0; i < route.steps() && !current.text.empty(); ++i) {
    auto next =
        step(engines, route.engines.at(i), cat, route.step(i), current.text, format, observer);
    if (!next.ok()) return next.error();
    if (!next->ready()) return next;
    current = std::move(*next);
  }
  return current;
}

Result<std::variant<Translation, TimePoint>> translate_article(
    EngineSet& engines, Catalogue& cat, const Article& article, const LanguageTag& target,
    const Route& route, TimePoint now, const SanitizeOptions& sanitize, MemoryObserver& observer) {
  std::optional<TimePoint> wait;
  auto field = [&](const std::string& text, TextFormat format) -> Result<std::string> {
    auto out = translate_remembered(engines, cat, route, text, format, observer);
    if (!out.ok()) return out.error();
    if (out->waiting_until && (!wait || *out->waiting_until < *wait)) wait = out->waiting_until;
    return out->text;
  };
  auto title = field(article.title, TextFormat::kPlain);
  if (!title.ok()) return title.error();
  auto summary = field(article.summary, TextFormat::kPlain);
  if (!summary.ok()) return summary.error();
  auto body = field(article.content_html, TextFormat::kHtml);
  if (!body.ok()) return body.error();
  if (wait) return std::variant<Translation, TimePoint>(*wait);
  Translation t;
  t.lang = target;
  t.title = canonical_text(*title);
  t.summary = canonical_text(*summary);
  t.content_html = sanitize_html(*body, "", sanitize);
  t.kind = TranslationKind::kMachine;
  t.engine = route_label(engines.names(), route);
  t.source_hash = article.content_hash();
  t.translated_at = now;
  if (t.title.empty() && !canonical_text(article.title).empty())
    return Error{"translate: " + t.engine + " gave an empty title for " + article.id.str()};
  return std::variant<Translation, TimePoint>(std::move(t));
}

}  // namespace sic::translate
