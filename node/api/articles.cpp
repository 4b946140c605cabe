// /api/articles: create, read, replace and delete the node's own articles.
#include <algorithm>
#include <set>

#include "feeds/crypto/signer.h"
#include "feeds/model/hash.h"
#include "node/api/api.h"
#include "node/api/article_json.h"
#include "node/api/handlers.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/search.h"
#include "node/catalogue/tokens.h"

namespace sic::api {

using http::Params;
using http::Request;
using http::Response;

Response error(int status, std::string_view message, std::string_view field) {
  return Response::json(status, error_json(status, message, field));
}

Response unavailable(const Error& e) { return error(503, e.message); }

Result<std::string, Response> authenticate(const Request& req, Catalogue& cat) {
  auto unauthorized = [](std::string_view why) {
    return error(401, why).header("WWW-Authenticate", "Bearer realm=\"sicnode\"");
  };
  auto token = http::bearer_token(req);
  if (!token) return unauthorized("missing bearer token");
  auto name = cat.tokens().verify(*token);
  if (!name.ok()) return unavailable(name.error());
  if (!name->has_value()) return unauthorized("invalid or revoked token");
  return **name;
}

std::optional<Response> refuse_without_token(const Request& head, NodeContext& ctx) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return std::nullopt;
  auto who = authenticate(head, **cat);
  if (who.ok() || who.error().status != 401) return std::nullopt;
  return std::move(who).error();
}

Result<std::string_view, Response> json_body(const Request& req) {
  std::string type = req.header("content-type");
  if (!type.empty() && type.find("json") == std::string::npos)
    return error(415, "body: send application/json");
  return std::string_view(req.body);
}

namespace {

std::string tag_authority(const HttpUrl& base) {
  std::string host = base.host;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.size() - 2);
    for (char& c : host)
      if (c == ':') c = '-';
  }
  return host;
}

Iri mint_id(const NodeContext& ctx) {
  auto year = int(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(ctx.clock->now())).year());
  return Iri::parse("tag:" + tag_authority(ctx.config.node.base_url) + "," + std::to_string(year) +
                    ":articles/" + hex_encode(random_bytes(8)))
      .value();
}

// Builds the stored form of an input: canonical text, sanitized HTML, this node as origin.
Result<Article, Response> to_article(const ArticleInput& in, const NodeContext& ctx) {
  Article a;
  a.id = in.id ? *in.id : mint_id(ctx);
  a.origin = ctx.config.node.id;
  a.lang = in.lang;
  a.title = in.title;
  a.summary = in.summary;
  a.content_html = in.content_html;
  a.tags = in.tags;
  a.section = in.section;
  a.authors = in.authors;
  if (a.authors.empty()) a.authors.push_back({ctx.config.node.name, ctx.url("/"), ""});
  // Without a link of its own, the article's page is its page here: stored, so that
  // the copies peers read from our feeds hash like the original (docs/model.md).
  a.link = in.link.empty() ? ctx.article_url(a.id) : in.link;
  a.rights = in.rights;
  a.enclosures = in.enclosures;
  a.image = in.image;
  canonicalize_article(a, ctx.sanitize);
  if (a.title.empty())
    return error(400, "title: is empty once control characters are removed", "title");
  return a;
}

Response created(const StoredArticle& stored, const NodeContext& ctx, int status) {
  Response r = Response::json(status, article_json(stored, ctx.article_url(stored.article.id)));
  if (status == 201)
    r.header("Location", ctx.url("/api/articles/" + percent_encode(stored.article.id.str())));
  return r;
}

// Authenticates the request and reads the article in its body, or the response to send.
Result<ArticleInput, Response> authorized_input(const Request& req, Catalogue& cat,
                                                const NodeContext& ctx) {
  auto who = authenticate(req, cat);
  if (!who.ok()) return who.error();
  auto body = json_body(req);
  if (!body.ok()) return body.error();
  auto input = parse_article(*body, *ctx.taxonomy);
  if (!input.ok()) return error(400, input.error().message, input.error().field);
  return std::move(input).value();
}

// The stored version of an article just written, as the answer to its request.
Response stored_answer(Catalogue& cat, const Iri& id, const NodeContext& ctx, int status) {
  auto stored = cat.articles().find(id);
  if (!stored.ok() || !stored->has_value()) return unavailable(Error{"api: article vanished"});
  return created(**stored, ctx, status);
}

Response post_article(const Request& req, NodeContext& ctx) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto input = authorized_input(req, **cat, ctx);
  if (!input.ok()) return input.error();
  const ArticleInput& in = *input;
  auto built = to_article(in, ctx);
  if (!built.ok()) return built.error();
  Article& a = *built;
  TimePoint now = ctx.clock->now();
  a.published = in.published.value_or(now);
  a.updated = in.updated.value_or(in.published.value_or(now));
  if (a.updated < *a.published) return error(400, "updated: is before published", "updated");
  crypto::sign(*ctx.keys, a);
  std::optional<Response> conflict;
  Status st = (*cat)->transaction([&]() -> Status {
    auto existing = (*cat)->articles().find(a.id, false);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) {
      conflict = error(409, "id: an article with this id exists already", "id");
      return Status::Ok();
    }
    return (*cat)->articles().put(a);
  });
  if (conflict) return *conflict;
  if (!st.ok()) return unavailable(st.error());
  return stored_answer(**cat, a.id, ctx, 201);
}

// Finds one of the node's own, live articles for a change, or the response to send.
Result<StoredArticle, Response> own_article(Catalogue& cat, const std::string& id_text,
                                            const NodeContext& ctx) {
  auto id = Iri::parse(id_text);
  if (!id.ok()) return error(400, "id: " + id.error().message, "id");
  auto found = cat.articles().find(*id, false);
  if (!found.ok()) return unavailable(found.error());
  if (!found->has_value()) return error(404, "no article with this id");
  if ((*found)->deleted) return error(410, "this article was deleted");
  if ((*found)->article.origin != ctx.config.node.id)
    return error(403, "this article's origin is " + (*found)->article.origin +
                          "; only its origin can change or delete it");
  return **found;
}

// A change must be newer than what peers have, or their merge would ignore it.
TimePoint next_change_time(TimePoint wanted, TimePoint previous) {
  return wanted > previous ? wanted : previous + std::chrono::seconds(1);
}

Response put_article(const Request& req, const Params& params, NodeContext& ctx) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto input = authorized_input(req, **cat, ctx);
  if (!input.ok()) return input.error();
  ArticleInput& in = *input;
  if (in.id && in.id->str() != params.at("id"))
    return error(400, "id: differs from the id in the URL", "id");
  std::optional<Response> refused;
  Article a;
  Status st = (*cat)->transaction([&]() -> Status {
    auto existing = own_article(**cat, params.at("id"), ctx);
    if (!existing.ok()) {
      refused = existing.error();
      return Status::Ok();
    }
    const StoredArticle& old = *existing;
    in.id = old.article.id;
    auto built = to_article(in, ctx);
    if (!built.ok()) {
      refused = built.error();
      return Status::Ok();
    }
    a = *built;
    a.published = in.published ? in.published : old.article.published;
    a.updated = next_change_time(in.updated.value_or(ctx.clock->now()), old.article.updated);
    if (!is_accepted_date(a.updated)) {
      refused =
          error(409,
                "updated: the stored version is dated " + format_rfc3339(old.article.updated) +
                    "; a change must be dated later, and " + date_range_problem(a.updated) +
                    "; delete the article and post it again",
                "updated");
      return Status::Ok();
    }
    crypto::sign(*ctx.keys, a);
    return (*cat)->articles().put(a);
  });
  if (refused) return *refused;
  if (!st.ok()) return unavailable(st.error());
  return stored_answer(**cat, a.id, ctx, 200);
}

Response delete_article(const Request& req, const Params& params, NodeContext& ctx) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto who = authenticate(req, **cat);
  if (!who.ok()) return who.error();
  std::optional<Response> refused;
  Status st = (*cat)->transaction([&]() -> Status {
    auto existing = own_article(**cat, params.at("id"), ctx);
    if (!existing.ok()) {
      refused = existing.error();
      return Status::Ok();
    }
    const Article& old = existing->article;
    // A tombstone wins over a version of the same date (docs/merge.md): at the end of
    // the accepted dates, the deletion takes the version's date.
    TimePoint when = std::min(next_change_time(ctx.clock->now(), old.updated), kLastAcceptedDate);
    Tombstone t{old.id, old.origin, when, ""};
    crypto::sign(*ctx.keys, t);
    return (*cat)->articles().tombstone(t);
  });
  if (refused) return *refused;
  if (!st.ok()) return unavailable(st.error());
  return Response{204, {}, ""};
}

Response get_article(const Params& params, NodeContext& ctx) {
  auto id = Iri::parse(params.at("id"));
  if (!id.ok()) return error(400, "id: " + id.error().message, "id");
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto found = (*cat)->articles().find(*id);
  if (!found.ok()) return unavailable(found.error());
  if (!found->has_value()) return error(404, "no article with this id");
  return Response::json((*found)->deleted ? 410 : 200,
                        article_json(**found, ctx.article_url((*found)->article.id)));
}

// Sets ?q (a search, docs/search.md) or ?after (its cursor); the 400 to send when malformed.
std::optional<Response> set_search_param(const std::string& key, const std::string& value,
                                         ArticleQuery& q, std::optional<SearchCursor>& after) {
  if (key == "q") {
    auto text = parse_search_query(value);
    if (!text.ok()) return error(400, "q: " + text.error().message, key);
    q.filter.text = std::move(*text);
  } else {
    after = parse_search_cursor(value);
    if (!after) return error(400, "after: expected a cursor from `next`", key);
  }
  return std::nullopt;
}

// Reads ?lang, tag, section, origin, limit, before, q and after into a query (and the
// search's cursor), or the 400 to send.
Result<ArticleQuery, Response> list_query(const Request& req, std::optional<SearchCursor>& after) {
  static const std::set<std::string> known = {"lang",  "tag",    "section", "origin",
                                              "limit", "before", "q",       "after"};
  ArticleQuery q;
  for (const auto& [key, value] : req.query) {
    if (!known.count(key)) return error(400, key + ": unknown parameter", key);
    if (key == "q" || key == "after") {
      if (auto refused = set_search_param(key, value, q, after)) return *refused;
    } else if (key == "lang") {
      auto tag = LanguageTag::parse(value);
      if (!tag.ok()) return error(400, "lang: \"" + value + "\" is not a BCP 47 language tag", key);
      q.filter.lang = *tag;
    } else if (key == "tag")
      q.filter.tag = value;
    else if (key == "section")
      q.filter.section = value;
    else if (key == "origin")
      q.filter.origin = value;
    else if (key == "limit") {
      if (value.empty() || value.size() > 3 ||
          value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) < 1 ||
          std::stoi(value) > 200)
        return error(400, "limit: expected 1-200", key);
      q.limit = std::size_t(std::stoi(value));
    } else if (key == "before") {
      size_t bar = value.find('|');
      auto t = parse_rfc3339(value.substr(0, bar));
      if (bar == std::string::npos || !t.ok())
        return error(400, "before: expected a cursor from `next`", key);
      q.before = ArticleCursor{*t, value.substr(bar + 1)};
    }
  }
  if (q.filter.text && q.before) return error(400, "before: with q, page with after", "before");
  if (after && !q.filter.text) return error(400, "after: only pages a search (q)", "after");
  return q;
}

// The query string of a `next` link: the request's parameters but `cursor_name`, then
// it with `cursor`.
std::string next_query(const Request& req, const char* cursor_name, const std::string& cursor) {
  std::string params;
  for (const auto& [k, v] : req.query)
    if (k != cursor_name) params += k + "=" + percent_encode(v) + "&";
  return params + cursor_name + "=" + percent_encode(cursor);
}

// GET /api/articles?q=: the articles matching the search, best first.
Response search_articles(const Request& req, NodeContext& ctx, const ArticleQuery& q,
                         const std::optional<SearchCursor>& after) {
  SearchRequest search;
  search.query = *q.filter.text;
  search.filter = q.filter;
  search.limit = q.limit;
  search.after = after;
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto found = (*cat)->search().search(search);
  if (!found.ok()) return unavailable(found.error());
  std::vector<std::string> items;
  for (const auto& hit : found->hits)
    items.push_back(article_json(hit.stored, ctx.article_url(hit.stored.article.id)));
  std::string next;
  if (found->next)
    next = ctx.url("/api/articles?" + next_query(req, "after", search_cursor_text(*found->next)));
  return Response::json(200, article_list_json(items, next));
}

Response list_articles(const Request& req, NodeContext& ctx) {
  std::optional<SearchCursor> after;
  auto query = list_query(req, after);
  if (!query.ok()) return query.error();
  ArticleQuery& q = *query;
  if (q.filter.text) return search_articles(req, ctx, q, after);
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto rows = (*cat)->articles().list(q);
  if (!rows.ok()) return unavailable(rows.error());
  std::vector<std::string> items;
  for (const auto& s : *rows) items.push_back(article_json(s, ctx.article_url(s.article.id)));
  std::string next;
  if (rows->size() == q.limit) {
    const Article& last = rows->back().article;
    next = ctx.url("/api/articles?" +
                   next_query(req, "before", format_rfc3339(last.updated) + "|" + last.id.str()));
  }
  return Response::json(200, article_list_json(items, next));
}

}  // namespace

void add_routes(http::Router& router, NodeContext& ctx) {
  using http::Method;
  http::RouteOptions write{ctx.config.server.max_body_bytes};
  router.add(
      Method::kPost, "/api/articles",
      [&ctx](const Request& r, const Params&) { return post_article(r, ctx); }, write);
  router.add(Method::kGet, "/api/articles",
             [&ctx](const Request& r, const Params&) { return list_articles(r, ctx); });
  router.add(Method::kGet, "/api/articles/{id}",
             [&ctx](const Request&, const Params& p) { return get_article(p, ctx); });
  router.add(
      Method::kPut, "/api/articles/{id}",
      [&ctx](const Request& r, const Params& p) { return put_article(r, p, ctx); }, write);
  router.add(Method::kDelete, "/api/articles/{id}",
             [&ctx](const Request& r, const Params& p) { return delete_article(r, p, ctx); });
  add_translation_routes(router, ctx);
}

}  // namespace sic::api
