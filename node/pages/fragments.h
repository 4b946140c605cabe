// HTML fragments shared by the pages: dates, taxonomy labels, origins, topic lists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.h"
#include "node/context/context.h"

namespace sic::pages {

// A taxonomy label and the language it is written in (empty when the id is shown as
// is, for a term the taxonomy does not have).
struct Label {
  std::string text;
  LanguageTag lang;
};
Label topic_label(const NodeContext& ctx, std::string_view id, const LanguageTag& want);
Label section_label(const NodeContext& ctx, std::string_view id, const LanguageTag& want);

// <span lang="..">label</span> when the label's language differs from the page's (ui),
// else the escaped text.
std::string label_html(const Label& label, const LanguageTag& ui);

// The name shown for an origin: this node's name for its own articles, a peer's
// [[peers]] name, else the id.
std::string origin_name(const NodeContext& ctx, const std::string& origin);

// "just now", "3 minutes ago", "2 hours ago", "5 days ago", "in 10 minutes", in the UI
// language's words and plural forms.
std::string relative_time(TimePoint t, TimePoint now, const LanguageTag& ui);

// <time datetime="2026-06-28T12:00:00Z">28 June 2026</time>
std::string time_html(TimePoint t, const LanguageTag& ui);

// <ul class="topics"> of links to the listing filtered by each tag (in lang when set).
std::string topics_html(const NodeContext& ctx, const std::vector<std::string>& tags,
                        const LanguageTag& ui, const LanguageTag& lang);

// The translation label: "Machine translation from Português" (plus the engine), and
// the node that made it: ", by sic-es".
std::string translation_label(const TranslationNote& note, const LanguageTag& ui);

// The article's image as <img class="CSS_CLASS"> (hot-linked from where the feed
// points: docs/pages.md, "Images"), or "" when it has none. The alt is the feed's, in
// the original's language, and "" when the feed gave none: the picture is decorative
// next to the title. width and height reserve its box, so the layout does not jump.
std::string image_html(const Article& a, std::string_view css_class, int width, int height);

}  // namespace sic::pages
