#include "node/pages/fragments.h"

#include "node/pages/layout.h"
#include "node/pages/strings.h"
#include "node/publish/feed_documents.h"
#include "node/publish/markup.h"
#include "node/publish/urls.h"

namespace sic::pages {
namespace {

Label label_of(const TaxonomyTerm* term, std::string_view id, const LanguageTag& want) {
  if (!term) return {std::string(id), {}};
  for (const std::string& key : {want.primary(), std::string("en")}) {
    if (auto it = term->labels.find(key); it != term->labels.end())
      return {it->second, LanguageTag::parse(key).value()};
  }
  return {term->id, {}};
}

}  // namespace

Label topic_label(const NodeContext& ctx, std::string_view id, const LanguageTag& want) {
  return label_of(ctx.taxonomy->topic(id), id, want);
}

Label section_label(const NodeContext& ctx, std::string_view id, const LanguageTag& want) {
  return label_of(ctx.taxonomy->section(id), id, want);
}

std::string label_html(const Label& label, const LanguageTag& ui) {
  if (label.lang.empty() || label.lang.primary() == ui.primary())
    return publish::escape(label.text);
  return "<span" + lang_attr(label.lang) + ">" + publish::escape(label.text) + "</span>";
}

std::string origin_name(const NodeContext& ctx, const std::string& origin) {
  if (origin == ctx.config.node.id) return ctx.config.node.name;
  for (const auto& p : ctx.config.peers)
    if (p.id == origin && !p.name.empty()) return p.name;
  return origin;
}

std::string relative_time(TimePoint t, TimePoint now, const LanguageTag& ui) {
  using namespace std::chrono;
  auto ago = duration_cast<seconds>(now - t);
  bool future = ago.count() < 0;
  std::int64_t s = future ? -ago.count() : ago.count();
  if (s < 60) return text(future ? Text::kInLessThanAMinute : Text::kJustNow, ui);
  if (s < 3600) return counted(future ? Counted::kInMinutes : Counted::kMinutesAgo, s / 60, ui);
  if (s < 86400) return counted(future ? Counted::kInHours : Counted::kHoursAgo, s / 3600, ui);
  return counted(future ? Counted::kInDays : Counted::kDaysAgo, s / 86400, ui);
}

std::string time_html(TimePoint t, const LanguageTag& ui) {
  return "<time" + attr("datetime", format_rfc3339(t)) + ">" + format_date(t, ui) + "</time>";
}

std::string topics_html(const NodeContext& ctx, const std::vector<std::string>& tags,
                        const LanguageTag& ui, const LanguageTag& lang) {
  if (tags.empty()) return "";
  std::string out = "<ul class=\"topics\"" + attr("aria-label", text(Text::kTopics, ui)) + ">";
  for (const auto& tag : tags) {
    publish::FeedQuery q;
    q.lang = lang;
    q.tag = tag;
    out += "<li><a" + attr("href", publish::listing_url(ctx, q)) + ">" +
           label_html(topic_label(ctx, tag, lang.empty() ? ui : lang), ui) + "</a></li>";
  }
  return out + "</ul>\n";
}

std::string translation_label(const TranslationNote& note, const LanguageTag& ui) {
  Text which =
      note.kind == TranslationKind::kMachine ? Text::kMachineTranslation : Text::kHumanTranslation;
  LanguageName name = language_name_in(note.original_lang, ui);
  std::string shown = publish::escape(name.text);
  if (!name.in_ui) shown = "<span" + lang_attr(note.original_lang) + ">" + shown + "</span>";
  std::string out = fill(publish::escape(text(which, ui)), {shown});
  if (!note.engine.empty()) out += " (" + publish::escape(note.engine) + ")";
  if (!note.by.empty())
    out += ", " + fill(publish::escape(text(Text::kTranslatedBy, ui)), {publish::escape(note.by)});
  return out;
}

std::string image_html(const Article& a, std::string_view css_class, int width, int height) {
  if (a.image.url.empty()) return "";
  LanguageTag alt_lang = a.shown_translation ? a.shown_translation->original_lang : a.lang;
  return "<img class=\"" + std::string(css_class) + "\"" + attr("src", a.image.url) +
         attr("alt", a.image.alt) + (a.image.alt.empty() ? "" : lang_attr(alt_lang)) + " width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) +
         "\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">\n";
}

}  // namespace sic::pages
