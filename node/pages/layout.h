// The frame every HTML page shares (docs/pages.md): doctype, head with the style sheet
// and feed autodiscovery, a skip link, the banner with the site navigation, one <main>
// and the footer. Other page modules (e.g. the network page) build on it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.h"
#include "node/context/context.h"
#include "node/context/render_cache.h"
#include "node/publish/query.h"

namespace sic::pages {

// A feed for <link rel="alternate"> autodiscovery.
struct FeedRef {
  std::string href;
  std::string type;  // media type without parameters
  std::string title;
};

// The query's feeds in the three formats, titled "<feed title> (Atom)" and so on.
std::vector<FeedRef> feed_refs(const NodeContext& ctx, const publish::FeedQuery& query);

// The page in one language, for <link rel="alternate" hreflang>.
struct LanguageRef {
  LanguageTag lang;
  std::string href;
};

struct PageHead {
  std::string title;  // <title>: what the <h1> says, then the site's name is added
  LanguageTag lang;   // <html lang>: the language of the page's own words
  std::vector<FeedRef> feeds;
  std::string canonical;  // <link rel="canonical">; "" for none
  // The same page in every language, itself included; those of unknown language are
  // left out.
  std::vector<LanguageRef> languages;
  bool search_box = true;  // the banner's search form (not in a static export's listing)
  // The language switcher in the banner: this page in other languages. Empty: the
  // listing in each of the node's languages.
  std::vector<LanguageRef> switcher;
  LanguageTag shown;  // the switcher's entry for this page (aria-current); "" for none
  // <meta name="description"> and og:description, plain text (cut to about 200
  // characters); "" for none. OpenGraph: og:type "article" when true, else "website".
  std::string description;
  bool is_article = false;
  std::string image;  // og:image, an absolute URL; "" for none
  // <link rel="hub">: the WebSub hubs of a page that is a topic (the listing's first
  // page); empty for none.
  std::vector<std::string> hubs;
};

// Plain text cut at a word boundary to at most max_bytes (UTF-8 kept whole), with "…"
// when cut.
std::string short_description(std::string_view text, std::size_t max_bytes = 200);

// The article's page in each of its languages: the original (its language may be
// unknown, i.e. empty), then each translation.
std::vector<LanguageRef> article_languages(const NodeContext& ctx, const Article& original);

// The listing with the query's filters in each of the node's languages (first page),
// for the language switcher.
std::vector<LanguageRef> listing_languages(const NodeContext& ctx, const publish::FeedQuery& query);

// The whole document around main_html (which must hold exactly one <h1>).
std::string page(const NodeContext& ctx, const PageHead& head, std::string_view main_html);

// A finished HTML page as a document to serve (text/html; charset=utf-8).
publish::Document html_document(const NodeContext& ctx, int status, std::string body,
                                std::string self_url);

// ` name="value"` with the value escaped.
std::string attr(std::string_view name, std::string_view value);
// ` lang="pt"`, or "" for an empty tag.
std::string lang_attr(const LanguageTag& lang);

}  // namespace sic::pages
