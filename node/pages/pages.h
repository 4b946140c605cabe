// The HTML pages for people (docs/pages.md): the news listing `/` and one article
// `/articles/{id}`, server-rendered (no JavaScript), accessible, with feed
// autodiscovery; and their style sheet /static/style.css. Served through the render
// cache like the feeds.
#pragma once

#include "feeds/model/result.h"
#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/context/render_cache.h"
#include "node/http/router.h"
#include "node/publish/query.h"

namespace sic::pages {

struct PageOptions {
  // True for static export: no filter form and no paging links (they need the server).
  bool static_site = false;
};

// Adds GET /, /articles/{id}, /static/style.css, /static/icon.svg, /robots.txt and
// /sitemap.xml. The context outlives the router.
void add_routes(http::Router& router, NodeContext& context);

// Adds GET /search (search.cpp): ranked search with highlighted snippets, filters,
// paging and the saved search's feed; a malformed query gets a 400 page explaining it.
void add_search_route(http::Router& router, NodeContext& context);

// The listing: the newest [publish] page_size articles matching the query (after
// query.page when set), shown in query.lang when set, with filters and paging.
// Errors: the catalogue's.
Result<publish::Document> render_listing(const NodeContext& ctx, Catalogue& cat,
                                         const publish::FeedQuery& query,
                                         const PageOptions& options = {});

// One article, in `lang` when set (the original, or a translation with a notice):
// a 404 page when the catalogue has no such article or it has no version in `lang`,
// a 410 page for a tombstone. Errors: the catalogue's.
Result<publish::Document> render_article(const NodeContext& ctx, Catalogue& cat, const Iri& id,
                                         const LanguageTag& lang);

// The notice a translation is shown with (docs/translation.md, "Labelling"), as an HTML
// paragraph: "Machine translation from Spanish (apertium). Read the original", linking
// the original on this node, in the words of the pages for `lang`. The article page
// shows it above the text (kPage: with role="note"); the ?lang= feeds begin the
// entry's content with it (kFeed: only attributes feed readers keep, no role).
enum class NoticeFor { kPage, kFeed };
std::string translation_notice(const NodeContext& ctx, const Iri& original_id,
                               const LanguageTag& original_lang, const TranslationNote& note,
                               const LanguageTag& lang, NoticeFor where = NoticeFor::kPage);

// A 404 page for an address that names no article (e.g. an id that is not an IRI).
publish::Document not_found_page(const NodeContext& ctx);

// An error page for any status, in the words of the pages for `lang` (the request's
// ?lang=, empty for English): a heading that says what happened ("This address is
// not valid.", "Not found"), then "400 Bad Request: MESSAGE" (the edge gives every
// error outside /api/ one; docs/http.md).
publish::Document error_page(const NodeContext& ctx, int status, std::string_view message,
                             const LanguageTag& lang = {});

// /robots.txt: everything but the API may be crawled; names the sitemap.
publish::Document robots_txt(const NodeContext& ctx);

// /sitemap.xml: the listing in each of the node's languages and every article's page
// in each language it has, newest first, with xhtml:link hreflang alternates between
// the versions (at most 50,000 URLs, the protocol's bound). Errors: the catalogue's.
Result<publish::Document> render_sitemap(const NodeContext& ctx, Catalogue& cat);

// /static/style.css.
publish::Document style_sheet(const NodeContext& ctx);
// /static/icon.svg, the pages' icon.
publish::Document icon(const NodeContext& ctx);

}  // namespace sic::pages
