// `/search`: ranked search across languages (docs/pages.md, "Search"; docs/search.md).
#include "node/catalogue/search.h"
#include "feeds/feeds.h"
#include "node/pages/fragments.h"
#include "node/pages/layout.h"
#include "node/pages/pages.h"
#include "node/pages/strings.h"
#include "node/publish/markup.h"
#include "node/publish/serve.h"
#include "node/publish/urls.h"

namespace sic::pages {
namespace {

using http::Params;
using http::Request;
using http::Response;
using publish::escape;
using publish::FeedQuery;

// What /search was asked: the query text, its filters (lang shows hits in that
// language; it does not filter) and the page.
struct SearchAsk {
  std::string q;
  FeedQuery filters;  // lang, tag, section, origin
  std::optional<SearchCursor> after;
  std::string error;  // why the search cannot run; "" when it can
};

// A form sends every field, empty ones too: an empty value means "any".
SearchAsk read_ask(const NodeContext& ctx, const Request& req) {
  SearchAsk ask;
  auto params = publish::decode_target_query(req.target);
  if (!params.ok()) return {"", {}, {}, params.error().message};
  publish::QueryParams filters;
  for (auto& [name, value] : *params) {
    if (value.empty()) continue;
    if (name == "q")
      ask.q = value;
    else if (name == "after" && !(ask.after = parse_search_cursor(value)))
      ask.error = "after: not a cursor from a link of this page";
    else if (name != "after")
      filters.emplace_back(name, value);
  }
  auto parsed = publish::parse_query(filters, *ctx.taxonomy, publish::Accepts::kFilters);
  if (!parsed.ok() && ask.error.empty()) ask.error = parsed.error().message;
  if (parsed.ok()) ask.filters = std::move(*parsed);
  return ask;
}

std::string search_url(const NodeContext& ctx, const std::string& q, const FeedQuery& filters,
                       const std::optional<SearchCursor>& after = std::nullopt) {
  std::string query = "q=" + percent_encode(q);
  std::string rest = canonical(filters);
  if (!rest.empty()) query += "&" + rest;
  if (after) query += "&after=" + percent_encode(search_cursor_text(*after));
  return ctx.url("/search?" + query);
}

// Matches in <mark>; everything else escaped.
std::string marked_html(const MarkedText& text) {
  std::string out;
  for (const auto& span : text)
    out += span.marked ? "<mark>" + escape(span.text) + "</mark>" : escape(span.text);
  return out;
}

std::string hidden(const char* name, const std::string& value) {
  if (value.empty()) return "";
  return "<input type=\"hidden\"" + attr("name", name) + attr("value", value) + ">";
}

std::string search_form(const NodeContext& ctx, const SearchAsk& ask, const LanguageTag& ui) {
  const FeedQuery& f = ask.filters;
  return "<form role=\"search\" method=\"get\" class=\"search\"" +
         attr("action", ctx.url("/search")) + "><label for=\"search-q\">" +
         escape(text(Text::kSearchLabel, ui)) +
         "</label> <input type=\"search\" id=\"search-q\" name=\"q\" maxlength=\"256\"" +
         attr("value", ask.q) + ">" + hidden("lang", f.lang.str()) + hidden("tag", f.tag) +
         hidden("section", f.section) + hidden("origin", f.origin) + " <button type=\"submit\">" +
         escape(text(Text::kSearch, ui)) + "</button></form>\n";
}

std::string hit_html(const NodeContext& ctx, const SearchHit& hit, const LanguageTag& ui) {
  const Article& a = hit.stored.article;
  const bool translated = !hit.shown_lang.empty() && hit.shown_lang != a.lang;
  std::string href =
      publish::article_page_url(ctx, a.id, translated ? hit.shown_lang : LanguageTag());
  std::string out = "<li><article class=\"item\">\n<h2" + lang_attr(hit.shown_lang) + "><a" +
                    attr("href", href) + ">" + marked_html(hit.title) + "</a></h2>\n";
  out += "<p class=\"meta\">" + time_html(a.published.value_or(a.updated), ui) +
         " · <span class=\"origin\">" + escape(origin_name(ctx, a.origin)) + "</span></p>\n";
  if (!hit.snippet.empty())
    out += "<p class=\"summary\"" + lang_attr(hit.shown_lang) + ">" + marked_html(hit.snippet) +
           "</p>\n";
  return out + "</article></li>\n";
}

// "No results", with a link to the same search without each filter in turn.
std::string no_results(const NodeContext& ctx, const SearchAsk& ask, const LanguageTag& ui) {
  std::string out = "<p class=\"empty\">" + escape(text(Text::kSearchNoResults, ui)) + "</p>\n";
  std::string items;
  auto without = [&](std::string FeedQuery::*field, const std::string& label) {
    if ((ask.filters.*field).empty()) return;
    FeedQuery f = ask.filters;
    f.*field = "";
    items += "<li><a" + attr("href", search_url(ctx, ask.q, f)) + ">" +
             fill(escape(text(Text::kSearchWithout, ui)), {label}) + "</a></li>\n";
  };
  without(&FeedQuery::tag, label_html(topic_label(ctx, ask.filters.tag, ui), ui));
  without(&FeedQuery::section, label_html(section_label(ctx, ask.filters.section, ui), ui));
  without(&FeedQuery::origin, escape(origin_name(ctx, ask.filters.origin)));
  return items.empty() ? out : out + "<ul class=\"suggestions\">\n" + items + "</ul>\n";
}

std::string pagination(const NodeContext& ctx, const SearchAsk& ask,
                       const std::optional<SearchCursor>& next, const LanguageTag& ui) {
  if (!ask.after && !next) return "";
  std::string out =
      "<nav class=\"pages\"" + attr("aria-label", text(Text::kPagination, ui)) + "><ul>";
  if (ask.after)
    out += "<li><a" + attr("href", search_url(ctx, ask.q, ask.filters)) + ">" +
           escape(text(Text::kSearchFirst, ui)) + "</a></li>";
  if (next)
    out += "<li><a rel=\"next\"" + attr("href", search_url(ctx, ask.q, ask.filters, next)) + ">" +
           escape(text(Text::kSearchMore, ui)) + "</a></li>";
  return out + "</ul></nav>\n";
}

// The saved search as a feed: the same query and filters (docs/publishing.md).
FeedQuery feed_query(const SearchAsk& ask, const SearchQuery& text) {
  FeedQuery f = ask.filters;
  f.q = ask.q;
  f.text = text;
  return f;
}

Result<std::string> results_html(const NodeContext& ctx, Catalogue& cat, const SearchAsk& ask,
                                 const SearchQuery& query, const LanguageTag& ui) {
  SearchRequest r;
  r.query = query;
  r.filter.tag = ask.filters.tag;
  r.filter.section = ask.filters.section;
  r.filter.origin = ask.filters.origin;
  r.reader_lang = ask.filters.lang;
  r.limit = ctx.config.publish.page_size;
  r.after = ask.after;
  auto found = cat.search().search(r);
  if (!found.ok()) return found.error();
  std::string out =
      "<p class=\"subscribe\"><a" +
      attr("href", publish::feed_url(ctx, FeedFormat::kAtom, feed_query(ask, query))) + ">" +
      escape(text(Text::kSearchSubscribe, ui)) + "</a></p>\n";
  if (found->hits.empty() && !ask.after) return out + no_results(ctx, ask, ui);
  out += "<ol class=\"news\">\n";
  for (const auto& hit : found->hits) out += hit_html(ctx, hit, ui);
  return out + "</ol>\n" + pagination(ctx, ask, found->next, ui);
}

Result<publish::Document> render_search(const NodeContext& ctx, Catalogue& cat,
                                        const SearchAsk& ask) {
  const LanguageTag ui = ui_language(ask.filters.lang);
  std::optional<SearchQuery> query;
  std::string error = ask.error;
  if (error.empty() && !ask.q.empty()) {
    auto parsed = parse_search_query(ask.q);
    if (parsed.ok())
      query = std::move(*parsed);
    else
      error = parsed.error().message;
  }
  std::string title = ask.q.empty()
                          ? text(Text::kSearch, ui)
                          : fill(text(Text::kSearchHeading, ui), {"\u201c" + ask.q + "\u201d"});
  std::string main = "<h1>" + escape(title) + "</h1>\n" + search_form(ctx, ask, ui);
  PageHead head{title, ui, {}, ""};
  int status = 200;
  if (!error.empty()) {
    status = 400;
    main += "<section class=\"error\" role=\"alert\"><h2>" +
            escape(text(Text::kSearchRefused, ui)) + "</h2>\n<p>" + escape(error) + "</p>\n<p>" +
            escape(text(Text::kSearchHelp, ui)) + "</p></section>\n";
  } else if (query) {
    auto results = results_html(ctx, cat, ask, *query, ui);
    if (!results.ok()) return results.error();
    main += *results;
    head.feeds = feed_refs(ctx, feed_query(ask, *query));
  } else {
    main += "<p>" + escape(text(Text::kSearchHelp, ui)) + "</p>\n";
  }
  std::string self = search_url(ctx, ask.q, ask.filters, ask.after);
  return html_document(ctx, status, page(ctx, head, main), self);
}

}  // namespace

void add_search_route(http::Router& router, NodeContext& ctx) {
  publish::DocumentKind kind(ctx, "page-search");
  router.add(http::Method::kGet, "/search", [&ctx, kind](const Request& r, const Params&) {
    SearchAsk ask = read_ask(ctx, r);
    std::string key = search_url(ctx, ask.q, ask.filters, ask.after) + "\n" + ask.error;
    return publish::serve_document(ctx, r, kind, key,
                                   [&](Catalogue& cat) { return render_search(ctx, cat, ask); });
  });
}

}  // namespace sic::pages
