#include "node/pages/layout.h"

#include "node/pages/strings.h"
#include "node/publish/feed_documents.h"
#include "node/publish/markup.h"
#include "node/publish/urls.h"

namespace sic::pages {
namespace {

using publish::escape;

// The description and OpenGraph's basic tags (https://ogp.me/), for search engines and
// the previews of links shared in messengers.
std::string open_graph(const NodeContext& ctx, const PageHead& head) {
  auto property = [](std::string_view name, std::string_view value) {
    return "<meta" + attr("property", name) + attr("content", value) + ">\n";
  };
  std::string out;
  if (!head.description.empty())
    out += "<meta name=\"description\"" + attr("content", head.description) + ">\n";
  out += property("og:site_name", ctx.config.node.name);
  out += property("og:title", head.title);
  out += property("og:type", head.is_article ? "article" : "website");
  if (!head.canonical.empty()) out += property("og:url", head.canonical);
  if (!head.description.empty()) out += property("og:description", head.description);
  if (!head.image.empty()) out += property("og:image", head.image);
  return out;
}

std::string head_html(const NodeContext& ctx, const PageHead& head) {
  std::string title =
      head.title == ctx.config.node.name ? head.title : head.title + " · " + ctx.config.node.name;
  std::string out = "<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape(title) + "</title>\n";
  out += "<link rel=\"stylesheet\"" + attr("href", ctx.url("/static/style.css")) + ">\n";
  out += "<link rel=\"icon\" type=\"image/svg+xml\"" + attr("href", ctx.url("/static/icon.svg")) +
         ">\n";
  if (!head.canonical.empty())
    out += "<link rel=\"canonical\"" + attr("href", head.canonical) + ">\n";
  for (const auto& hub : head.hubs) out += "<link rel=\"hub\"" + attr("href", hub) + ">\n";
  out += open_graph(ctx, head);
  for (const auto& f : head.feeds)
    out += "<link rel=\"alternate\"" + attr("type", f.type) + attr("title", f.title) +
           attr("href", f.href) + ">\n";
  for (const auto& l : head.languages)
    if (!l.lang.empty())
      out +=
          "<link rel=\"alternate\"" + attr("hreflang", l.lang.str()) + attr("href", l.href) + ">\n";
  return out + "</head>\n";
}

std::string search_box(const NodeContext& ctx, const LanguageTag& ui) {
  return "<form role=\"search\" method=\"get\" class=\"site-search\"" +
         attr("action", ctx.url("/search")) + "><label for=\"site-q\">" +
         escape(text(Text::kSearchLabel, ui)) +
         "</label> <input type=\"search\" id=\"site-q\" name=\"q\" maxlength=\"256\"> "
         "<button type=\"submit\">" +
         escape(text(Text::kSearch, ui)) + "</button></form>\n";
}

// The language switcher: each link in its own language, the page's own marked current.
std::string switcher(const NodeContext& ctx, const PageHead& head, const LanguageTag& ui) {
  std::vector<LanguageRef> refs =
      head.switcher.empty() ? listing_languages(ctx, {}) : head.switcher;
  std::string items;
  for (const auto& [lang, href] : refs) {
    if (lang.empty()) continue;
    bool current = lang == head.shown;
    items += "<li><a" + attr("href", href) + attr("hreflang", lang.str()) + lang_attr(lang) +
             (current ? " aria-current=\"true\"" : "") + ">" + escape(language_name(lang)) +
             "</a></li>\n";
  }
  if (items.empty()) return "";
  return "<nav class=\"switcher\"" + attr("aria-label", text(Text::kLanguage, ui)) + ">\n<ul>\n" +
         items + "</ul>\n</nav>\n";
}

// tel: wants the digits (and a leading +) only.
std::string tel_href(std::string_view phone) {
  std::string out = "tel:";
  for (char c : phone)
    if ((c >= '0' && c <= '9') || c == '+') out += c;
  return out;
}

// The banner's call to action: the helpline's phone, else its chat, else its form.
std::string help_link(const SiteSection& site, const LanguageTag& ui) {
  const auto& h = site.helpline;
  std::string link;
  if (!h.phone.empty())
    link = "<a" + attr("href", tel_href(h.phone)) + ">" +
           escape(fill(text(Text::kCallHelpline, ui), {h.phone})) + "</a>";
  else if (!h.chat_url.empty())
    link = "<a" + attr("href", h.chat_url) + ">" + escape(text(Text::kChat, ui)) + "</a>";
  else if (!h.form_url.empty())
    link = "<a" + attr("href", h.form_url) + ">" + escape(text(Text::kWriteToUs, ui)) + "</a>";
  if (link.empty()) return "";
  return "<p class=\"help\"><strong>" + escape(text(Text::kNeedHelp, ui)) + "</strong> " + link +
         "</p>\n";
}

std::string site_name(const NodeContext& ctx) {
  std::string logo;
  if (!ctx.config.site.logo_url.empty())  // the name follows: the logo is decoration
    logo = "<img class=\"logo\"" + attr("src", ctx.config.site.logo_url) +
           " alt=\"\" width=\"40\" height=\"40\"> ";
  return "<p class=\"site-name\"><a" + attr("href", ctx.url("/")) + ">" + logo +
         escape(ctx.config.node.name) + "</a></p>\n";
}

std::string banner(const NodeContext& ctx, const PageHead& head, const LanguageTag& ui) {
  std::string out = "<header class=\"site\">\n" + site_name(ctx) + "<nav" +
                    attr("aria-label", text(Text::kSiteNavigation, ui)) + ">\n<ul>\n";
  out +=
      "<li><a" + attr("href", ctx.url("/")) + ">" + escape(text(Text::kNews, ui)) + "</a></li>\n";
  out += "</ul>\n</nav>\n" + switcher(ctx, head, ui) + help_link(ctx.config.site, ui);
  if (head.search_box) out += search_box(ctx, ui);
  return out + "</header>\n";
}

// "<li><a href=URL>WORDS</a></li>", or "" without a URL.
std::string link_item(const std::string& url, std::string_view words) {
  if (url.empty()) return "";
  return "<li><a" + attr("href", url) + ">" + escape(words) + "</a></li>";
}

// The footer's helpline: every way to reach it, and when.
std::string helpline(const NodeContext& ctx, const LanguageTag& ui) {
  const auto& h = ctx.config.site.helpline;
  std::string items;
  if (!h.phone.empty())
    items += link_item(tel_href(h.phone), fill(text(Text::kCallHelpline, ui), {h.phone}));
  items += link_item(h.chat_url, text(Text::kChat, ui));
  items += link_item(h.form_url, text(Text::kWriteToUs, ui));
  if (items.empty()) return "";
  std::string out =
      "<section class=\"helpline\" aria-labelledby=\"helpline\"><h2 id=\"helpline\">" +
      escape(text(Text::kHelpline, ui)) + "</h2>\n<ul>" + items + "</ul>\n";
  if (!h.hours.empty()) {
    // The hours are written in the centre's first language.
    const LanguageTag& own = ctx.config.node.languages.front();
    std::string hours = "<span" + (own.primary() == ui.primary() ? "" : lang_attr(own)) + ">" +
                        escape(h.hours) + "</span>";
    out += "<p>" + fill(escape(text(Text::kOpeningHours, ui)), {hours}) + "</p>\n";
  }
  return out + "</section>\n";
}

// Report harmful content, privacy, imprint: the links a centre must give.
std::string duty_links(const SiteSection& site, const LanguageTag& ui) {
  std::string items = link_item(site.report_url, text(Text::kReportContent, ui)) +
                      link_item(site.privacy_url, text(Text::kPrivacy, ui)) +
                      link_item(site.imprint_url, text(Text::kImprint, ui));
  return items.empty() ? "" : "<ul class=\"legal\">" + items + "</ul>\n";
}

std::string footer(const NodeContext& ctx, const LanguageTag& ui) {
  std::string out = "<footer class=\"site\">\n" + helpline(ctx, ui) +
                    duty_links(ctx.config.site, ui) + "<p>" + escape(text(Text::kFeeds, ui)) + ":";
  publish::FeedQuery all;
  for (FeedFormat f : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss})
    out += " <a" + attr("href", publish::feed_url(ctx, f, all)) +
           attr("type", publish::bare_media_type(f)) + ">" + publish::format_name(f) + "</a>";
  out += " · <a" + attr("href", ctx.url("/opml")) + ">OPML</a></p>\n";
  out += "<p class=\"generator\">sicnode " SIC_VERSION "</p>\n</footer>\n";
  return out;
}

}  // namespace

std::vector<FeedRef> feed_refs(const NodeContext& ctx, const publish::FeedQuery& query) {
  std::vector<FeedRef> out;
  std::string title = publish::feed_title(ctx, query);
  for (FeedFormat f : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss})
    out.push_back({publish::feed_url(ctx, f, query), publish::bare_media_type(f),
                   title + " (" + publish::format_name(f) + ")"});
  return out;
}

std::vector<LanguageRef> article_languages(const NodeContext& ctx, const Article& original) {
  std::vector<LanguageRef> out;
  out.push_back({original.lang, ctx.article_url(original.id)});
  for (const auto& t : original.translations)
    out.push_back({t.lang, publish::article_page_url(ctx, original.id, t.lang)});
  return out;
}

std::vector<LanguageRef> listing_languages(const NodeContext& ctx,
                                           const publish::FeedQuery& query) {
  std::vector<LanguageRef> out;
  for (const auto& lang : ctx.config.node.languages) {
    publish::FeedQuery q = query.first_page();
    q.lang = lang;
    out.push_back({lang, publish::listing_url(ctx, q)});
  }
  return out;
}

std::string short_description(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string_view::npos || cut < max_bytes / 2) {
    cut = max_bytes;  // no space near: cut between two UTF-8 characters
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(text.substr(0, cut)) + "…";
}

std::string attr(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "=\"";
  publish::append_escaped(out, value);
  out += "\"";
  return out;
}

std::string lang_attr(const LanguageTag& lang) {
  return lang.empty() ? "" : attr("lang", lang.str());
}

std::string page(const NodeContext& ctx, const PageHead& head, std::string_view main_html) {
  LanguageTag ui = head.lang.empty() ? ui_language({}) : head.lang;
  std::string out = "<!DOCTYPE html>\n<html" + lang_attr(ui) + ">\n";
  out += head_html(ctx, head);
  out += "<body>\n<a class=\"skip\" href=\"#main\">" + escape(text(Text::kSkipToContent, ui)) +
         "</a>\n";
  out += banner(ctx, head, ui);
  out += "<main id=\"main\" tabindex=\"-1\">\n";
  out += main_html;
  out += "</main>\n";
  out += footer(ctx, ui);
  return out + "</body>\n</html>\n";
}

publish::Document html_document(const NodeContext& ctx, int status, std::string body,
                                std::string self_url) {
  publish::Document doc;
  doc.status = status;
  doc.content_type = "text/html; charset=utf-8";
  doc.body = std::move(body);
  doc.cache_control = ctx.config.publish.cache_control;
  doc.self_url = std::move(self_url);
  return doc;
}

}  // namespace sic::pages
