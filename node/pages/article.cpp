// `/articles/{id}`: one article (docs/pages.md, "Article").
#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/pages/fragments.h"
#include "node/pages/layout.h"
#include "node/pages/pages.h"
#include "node/pages/strings.h"
#include "node/publish/feed_documents.h"
#include "node/publish/localize.h"
#include "node/publish/markup.h"
#include "node/publish/urls.h"

namespace sic::pages {
namespace {

using publish::escape;

// The node's feeds in a language (all of them when lang is empty).
std::vector<FeedRef> node_feeds(const NodeContext& ctx, const LanguageTag& lang) {
  publish::FeedQuery q;
  q.lang = lang;
  return feed_refs(ctx, q);
}

// A page with only a heading and a paragraph (404, 410).
publish::Document message_page(const NodeContext& ctx, int status, Text title,
                               const std::string& paragraph_html, const std::string& self,
                               const LanguageTag& ui) {
  std::string main = "<h1>" + escape(text(title, ui)) + "</h1>\n<p>" + paragraph_html + "</p>\n";
  main += "<p><a" + attr("href", ctx.url("/")) + ">" + escape(text(Text::kBackToNews, ui)) +
          "</a></p>\n";
  PageHead head{text(title, ui), ui, node_feeds(ctx, {}), ""};
  return html_document(ctx, status, page(ctx, head, main), self);
}

// Links to the article in its other languages: the original and each translation.
std::string other_languages(const NodeContext& ctx, const Article& original, const Article& shown,
                            const LanguageTag& ui) {
  std::string items;
  for (const auto& [lang, href] : article_languages(ctx, original))
    if (lang != shown.lang)
      items += "<li><a" + attr("href", href) + attr("hreflang", lang.str()) + lang_attr(lang) +
               ">" + escape(language_name(lang)) + "</a></li>";
  if (items.empty()) return "";
  return "<nav class=\"languages\"" + attr("aria-label", text(Text::kAlsoIn, ui)) + "><h2>" +
         escape(text(Text::kAlsoIn, ui)) + "</h2><ul>" + items + "</ul></nav>\n";
}

std::string meta(const NodeContext& ctx, const Article& a, const LanguageTag& ui,
                 const LanguageTag& want) {
  std::string out = "<p class=\"meta\">";
  if (a.published)
    out += escape(text(Text::kPublished, ui)) + " " + time_html(*a.published, ui) + " · ";
  if (!a.published || *a.published != a.updated)
    out += escape(text(Text::kUpdated, ui)) + " " + time_html(a.updated, ui) + " · ";
  out += escape(text(Text::kFrom, ui)) + " <span class=\"origin\">" +
         escape(origin_name(ctx, a.origin)) + "</span>";
  if (!a.section.empty()) out += " · " + label_html(section_label(ctx, a.section, want), ui);
  return out + "</p>\n";
}

std::string attachments(const Article& a, const LanguageTag& ui) {
  if (a.enclosures.empty()) return "";
  std::string out =
      "<h2>" + escape(text(Text::kAttachments, ui)) + "</h2>\n<ul class=\"attachments\">";
  for (const auto& e : a.enclosures)
    out += "<li><a" + attr("href", e.url) + (e.type.empty() ? "" : attr("type", e.type)) + ">" +
           escape(e.title.empty() ? e.url : e.title) + "</a></li>";
  return out + "</ul>\n";
}

// The page has one <h1>, the title: headings of level 1 in the body become level 2.
std::string demote_h1(std::string html) {
  for (const char* from : {"<h1>", "<h1 ", "</h1>"}) {
    std::string to = from;
    to[to.find('1')] = '2';
    for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at))
      html.replace(at, to.size(), to);
  }
  return html;
}

std::string article_html(const NodeContext& ctx, const Article& original, const Article& a,
                         const LanguageTag& ui, const LanguageTag& want) {
  std::string out = "<article class=\"article\">\n<header>\n<h1" + lang_attr(a.lang) + ">" +
                    escape(a.title) + "</h1>\n" + meta(ctx, a, ui, want) +
                    image_html(a, "hero", 640, 360) + "</header>\n";
  if (a.shown_translation)
    out += translation_notice(ctx, original.id, original.lang, *a.shown_translation, ui);
  if (!a.summary.empty())
    out += "<p class=\"summary\"" + lang_attr(a.lang) + ">" + escape(a.summary) + "</p>\n";
  // Stored HTML is sanitized already; sanitizing again costs one render per change and
  // guards the page against anything that reached the catalogue another way.
  out += "<div class=\"body\"" + lang_attr(a.lang) + ">\n" +
         demote_h1(sanitize_html(a.content_html, "", ctx.sanitize)) + "\n</div>\n";
  out += topics_html(ctx, a.tags, ui, a.shown_translation ? a.lang : LanguageTag());
  out += attachments(a, ui);
  if (!original.link.empty())
    out += "<p class=\"origin-link\">" + escape(text(Text::kOriginalPage, ui)) + ": <a" +
           attr("href", original.link) + ">" + escape(original.link) + "</a></p>\n";
  out += other_languages(ctx, original, a, ui);
  return out + "</article>\n";
}

}  // namespace

std::string translation_notice(const NodeContext& ctx, const Iri& original_id,
                               const LanguageTag& original_lang, const TranslationNote& note,
                               const LanguageTag& lang, NoticeFor where) {
  LanguageTag ui = ui_language(lang);
  std::string out = std::string("<p class=\"notice\"") +
                    (where == NoticeFor::kPage ? " role=\"note\">" : ">") +
                    translation_label(note, ui) + ".";
  if (note.outdated) out += " " + escape(text(Text::kOutdated, ui));
  out += " <a" + attr("href", ctx.article_url(original_id)) +
         attr("hreflang", original_lang.str()) + ">" + escape(text(Text::kReadOriginal, ui)) +
         "</a></p>\n";
  return out;
}

publish::Document not_found_page(const NodeContext& ctx) {
  LanguageTag ui = ui_language({});
  return message_page(ctx, 404, Text::kNotFoundTitle, escape(text(Text::kNotFoundText, ui)), "",
                      ui);
}

publish::Document error_page(const NodeContext& ctx, int status, std::string_view message,
                             const LanguageTag& lang) {
  LanguageTag ui = ui_language(lang);
  std::string status_line = std::to_string(status) + " " + http::reason(status);
  std::string title = status == 404   ? text(Text::kNotFoundTitle, ui)
                      : status == 400 ? text(Text::kBadAddress, ui)
                      : status >= 500 ? text(Text::kServerError, ui)
                                      : status_line;
  // The status and the node's message are technical English: marked as such.
  std::string detail = status_line + (message.empty() ? "" : ": " + std::string(message));
  std::string main = "<h1>" + escape(title) + "</h1>\n<p class=\"status\"" +
                     (ui.primary() == "en" ? "" : " lang=\"en\"") + ">" + escape(detail) + "</p>\n";
  main += "<p><a" + attr("href", ctx.url("/")) + ">" + escape(text(Text::kBackToNews, ui)) +
          "</a></p>\n";
  PageHead head{title, ui, {}, ""};
  return html_document(ctx, status, page(ctx, head, main), "");
}

Result<publish::Document> render_article(const NodeContext& ctx, Catalogue& cat, const Iri& id,
                                         const LanguageTag& lang) {
  auto found = cat.articles().find(id, true);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return not_found_page(ctx);
  const StoredArticle& stored = **found;
  LanguageTag ui = ui_language(lang);
  std::string self = publish::article_page_url(ctx, id, lang);
  if (stored.deleted) {
    std::string says =
        fill(escape(text(Text::kDeletedText, ui)),
             {escape(origin_name(ctx, stored.article.origin)), time_html(*stored.deleted, ui)});
    return message_page(ctx, 410, Text::kDeletedTitle, says, self, ui);
  }
  auto shown = lang.empty() ? std::optional<Article>(stored.article)
                            : publish::in_language(stored.article, lang);
  if (!shown) {
    std::string says =
        fill(escape(text(Text::kNotInLanguage, ui)),
             {"<span" + lang_attr(lang) + ">" + escape(language_name(lang)) + "</span>"});
    says += " <a" + attr("href", ctx.article_url(id)) + ">" +
            escape(text(Text::kReadOriginal, ui)) + "</a>";
    return message_page(ctx, 404, Text::kNotFoundTitle, says, self, ui);
  }
  LanguageTag want = lang.empty() ? shown->lang : lang;
  PageHead head{shown->title, ui, node_feeds(ctx, lang), self,
                article_languages(ctx, stored.article)};
  head.switcher = head.languages;
  head.shown = shown->lang;
  head.is_article = true;
  head.image = shown->image.url;
  head.description = short_description(!shown->summary.empty() ? shown->summary
                                                               : html_to_text(shown->content_html));
  std::string main = article_html(ctx, stored.article, *shown, ui, want);
  publish::Document doc = html_document(ctx, 200, page(ctx, head, main), self);
  doc.last_modified = std::max(stored.article.updated, stored.stored_at);
  for (const auto& t : stored.article.translations)
    doc.last_modified = std::max(*doc.last_modified, t.translated_at);
  return doc;
}

}  // namespace sic::pages
