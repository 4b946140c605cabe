// /robots.txt and /sitemap.xml (docs/pages.md, "For search engines").
#include <algorithm>

#include "node/catalogue/articles.h"
#include "node/pages/layout.h"
#include "node/pages/pages.h"
#include "node/publish/markup.h"
#include "node/publish/urls.h"

namespace sic::pages {
namespace {

using publish::escape;

// The sitemap protocol's bound on the URLs of one file.
constexpr std::size_t kMaxUrls = 50000;

// One <url>: the page, when it changed, and every version of it (itself included)
// as an xhtml:link alternate.
std::string url_entry(const std::string& loc, std::optional<TimePoint> lastmod,
                      const std::vector<LanguageRef>& versions) {
  std::string out = "<url><loc>" + escape(loc) + "</loc>";
  if (lastmod) out += "<lastmod>" + format_rfc3339(*lastmod) + "</lastmod>";
  for (const auto& [lang, href] : versions)
    if (!lang.empty())
      out += "<xhtml:link rel=\"alternate\"" + attr("hreflang", lang.str()) + attr("href", href) +
             "/>";
  return out + "</url>\n";
}

// The listing in each of the node's languages; "/" is the x-default.
std::string listing_entries(const NodeContext& ctx) {
  std::vector<LanguageRef> versions = listing_languages(ctx, {});
  std::string out = url_entry(ctx.url("/"), std::nullopt, versions);
  for (const auto& v : versions) out += url_entry(v.href, std::nullopt, versions);
  return out;
}

}  // namespace

publish::Document robots_txt(const NodeContext& ctx) {
  publish::Document doc =
      html_document(ctx, 200,
                    "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /metrics\n\nSitemap: " +
                        ctx.url("/sitemap.xml") + "\n",
                    ctx.url("/robots.txt"));
  doc.content_type = "text/plain; charset=utf-8";
  return doc;
}

Result<publish::Document> render_sitemap(const NodeContext& ctx, Catalogue& cat) {
  ArticleQuery all;
  all.limit = kMaxUrls;
  auto rows = cat.articles().list(all);
  if (!rows.ok()) return rows.error();
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" +
      listing_entries(ctx);
  std::size_t urls = 1 + ctx.config.node.languages.size();
  for (const auto& row : *rows) {
    const Article& a = row.article;
    std::vector<LanguageRef> versions = article_languages(ctx, a);
    if (urls + versions.size() > kMaxUrls) break;
    urls += versions.size();
    body += url_entry(versions[0].href, a.updated, versions);
    for (std::size_t i = 1; i < versions.size(); ++i)
      body += url_entry(versions[i].href, std::max(a.updated, a.translations[i - 1].translated_at),
                        versions);
  }
  body += "</urlset>\n";
  publish::Document doc = html_document(ctx, 200, std::move(body), ctx.url("/sitemap.xml"));
  doc.content_type = "application/xml; charset=utf-8";
  return doc;
}

}  // namespace sic::pages
