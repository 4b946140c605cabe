// `/`: the news listing (docs/pages.md, "Listing").
#include <set>

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
using publish::FeedQuery;

struct Listing {
  const NodeContext& ctx;
  const FeedQuery& query;
  LanguageTag ui;    // the page's own words
  LanguageTag want;  // the language labels are wanted in
};

std::string option(const std::string& value, const std::string& label_html, bool selected,
                   const LanguageTag& lang = {}) {
  return "<option" + attr("value", value) + (selected ? " selected" : "") + lang_attr(lang) + ">" +
         label_html + "</option>";
}

// An option showing a taxonomy label, with its lang attribute when it differs from the
// page's (an <option> holds text only: no <span> inside).
std::string label_option(const std::string& value, const Label& label, bool selected,
                         const LanguageTag& ui) {
  bool other = !label.lang.empty() && label.lang.primary() != ui.primary();
  return option(value, escape(label.text), selected, other ? label.lang : LanguageTag());
}

std::string select(const std::string& name, Text label, const std::string& options,
                   const LanguageTag& ui) {
  return "<div class=\"field\"><label" + attr("for", "f-" + name) + ">" + escape(text(label, ui)) +
         "</label> <select" + attr("id", "f-" + name) + attr("name", name) + ">" +
         option("", escape(text(Text::kAny, ui)), false) + options + "</select></div>\n";
}

std::string topic_options(const Listing& l) {
  std::string out;
  bool listed = false;
  for (const auto& t : l.ctx.taxonomy->topics()) {
    listed |= t.id == l.query.tag;
    out += label_option(t.id, topic_label(l.ctx, t.id, l.want), t.id == l.query.tag, l.ui);
  }
  if (!listed && !l.query.tag.empty()) out += option(l.query.tag, escape(l.query.tag), true);
  return out;
}

std::string section_options(const Listing& l) {
  std::string out;
  for (const auto& s : l.ctx.taxonomy->sections())
    out += label_option(s.id, section_label(l.ctx, s.id, l.want), s.id == l.query.section, l.ui);
  return out;
}

std::string filter_form(const Listing& l, const std::vector<OriginLanguageCount>& counts) {
  std::set<std::string> origins = {l.ctx.config.node.id};
  std::set<LanguageTag> langs(l.ctx.config.node.languages.begin(),
                              l.ctx.config.node.languages.end());
  for (const auto& c : counts) {
    origins.insert(c.origin);
    if (auto tag = LanguageTag::parse(c.lang); tag.ok()) langs.insert(*tag);
  }
  if (!l.query.origin.empty()) origins.insert(l.query.origin);
  if (!l.query.lang.empty()) langs.insert(l.query.lang);
  std::string origin_opts, lang_opts;
  for (const auto& o : origins)
    origin_opts += option(o, escape(origin_name(l.ctx, o)), o == l.query.origin);
  for (const auto& g : langs)
    lang_opts += option(g.str(), escape(language_name(g)), g == l.query.lang, g);
  std::string out = "<section class=\"filters\" aria-labelledby=\"filters-heading\">\n";
  out += "<h2 id=\"filters-heading\">" + escape(text(Text::kFilterHeading, l.ui)) + "</h2>\n";
  out += "<form method=\"get\"" + attr("action", l.ctx.url("/")) + ">\n";
  out += select("tag", Text::kTopic, topic_options(l), l.ui);
  out += select("section", Text::kSection, section_options(l), l.ui);
  out += select("origin", Text::kOrigin, origin_opts, l.ui);
  out += select("lang", Text::kLanguage, lang_opts, l.ui);
  out += "<div class=\"actions\"><button type=\"submit\">" + escape(text(Text::kApply, l.ui)) +
         "</button> <a" + attr("href", l.ctx.url("/")) + ">" + escape(text(Text::kClear, l.ui)) +
         "</a></div>\n</form>\n</section>\n";
  return out;
}

std::string item(const Listing& l, const Article& a) {
  const LanguageTag& ui = l.ui;
  std::string href = publish::article_page_url(l.ctx, a.id, l.query.lang);
  std::string out = "<li><article class=\"item\">\n";
  out += image_html(a, "thumb", 160, 90);
  out += "<h2" + lang_attr(a.lang) + "><a" + attr("href", href) + ">" + escape(a.title) +
         "</a></h2>\n";
  out += "<p class=\"meta\">" + time_html(a.published.value_or(a.updated), ui);
  out += " · <span class=\"origin\">" + escape(origin_name(l.ctx, a.origin)) + "</span>";
  if (!a.section.empty()) {
    FeedQuery q;
    q.lang = l.query.lang;
    q.section = a.section;
    out += " · <a" + attr("href", publish::listing_url(l.ctx, q)) + ">" +
           label_html(section_label(l.ctx, a.section, l.want), ui) + "</a>";
  }
  out += "</p>\n";
  if (a.shown_translation)
    out += "<p class=\"translation\">" + translation_label(*a.shown_translation, ui) + "</p>\n";
  if (!a.summary.empty())
    out += "<p class=\"summary\"" + lang_attr(a.lang) + ">" + escape(a.summary) + "</p>\n";
  out += topics_html(l.ctx, a.tags, ui, l.query.lang);
  return out + "</article></li>\n";
}

std::string pagination(const Listing& l, const std::optional<ArticleCursor>& next) {
  if (!l.query.page && !next) return "";
  std::string out =
      "<nav class=\"pages\"" + attr("aria-label", text(Text::kPagination, l.ui)) + "><ul>";
  if (l.query.page)
    out += "<li><a" + attr("href", publish::listing_url(l.ctx, l.query.first_page())) + ">" +
           escape(text(Text::kNewest, l.ui)) + "</a></li>";
  if (next) {
    FeedQuery q = l.query;
    q.page = next;
    out += "<li><a rel=\"next\"" + attr("href", publish::listing_url(l.ctx, q)) + ">" +
           escape(text(Text::kOlder, l.ui)) + "</a></li>";
  }
  return out + "</ul></nav>\n";
}

std::string heading(const Listing& l) {
  std::vector<std::string> parts;
  if (!l.query.tag.empty())
    parts.push_back(label_html(topic_label(l.ctx, l.query.tag, l.want), l.ui));
  if (!l.query.section.empty())
    parts.push_back(label_html(section_label(l.ctx, l.query.section, l.want), l.ui));
  if (!l.query.origin.empty()) parts.push_back(escape(origin_name(l.ctx, l.query.origin)));
  if (!l.query.lang.empty())
    parts.push_back("<span" + lang_attr(l.query.lang) + ">" + escape(language_name(l.query.lang)) +
                    "</span>");
  std::string out = escape(text(Text::kNews, l.ui));
  for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? ": " : ", ") + parts[i];
  return out;
}

}  // namespace

Result<publish::Document> render_listing(const NodeContext& ctx, Catalogue& cat,
                                         const FeedQuery& query, const PageOptions& options) {
  auto shown_page = publish::read_page(ctx, cat, query, !query.lang.empty());
  if (!shown_page.ok()) return shown_page.error();
  auto counts = cat.articles().counts();
  if (!counts.ok()) return counts.error();
  // A static site has no `?page=`: its listing is the first page only.
  std::optional<ArticleCursor> next = options.static_site ? std::nullopt : shown_page->next;

  Listing l{ctx, query, ui_language(query.lang), publish::document_language(ctx, query)};
  std::string main = "<h1>" + heading(l) + "</h1>\n";
  if (!options.static_site) main += filter_form(l, *counts);
  std::string items;
  for (auto& row : shown_page->rows) {
    auto shown = query.lang.empty() ? std::optional<Article>(std::move(row.article))
                                    : publish::in_language(row.article, query.lang);
    if (shown) items += item(l, *shown);
  }
  main += items.empty() ? "<p class=\"empty\">" + escape(text(Text::kNoArticles, l.ui)) + "</p>\n"
                        : "<ol class=\"news\">\n" + items + "</ol>\n";
  main += pagination(l, next);

  PageHead head{html_to_text(heading(l)), l.ui, feed_refs(ctx, query.first_page()),
                publish::listing_url(ctx, query)};
  head.search_box = !options.static_site;
  head.switcher = listing_languages(ctx, query);
  head.description = html_to_text(heading(l)) + " · " + ctx.config.node.name;
  head.shown = query.lang;
  if (!options.static_site && !query.page) head.hubs = publish::hub_urls(ctx);
  publish::Document doc =
      html_document(ctx, 200, page(ctx, head, main), publish::listing_url(ctx, query));
  doc.hub_urls = head.hubs;
  return doc;
}

}  // namespace sic::pages
