// /api/articles/{id}/translations/{lang}: human translations (docs/api.md,
// "Translations"). Any article may be translated, a peer's too: the origin's
// authority covers the article's content, not its translations.
#include "node/catalogue/translations.h"
#include "feeds/crypto/signer.h"
#include "node/api/article_json.h"
#include "node/api/handlers.h"
#include "node/catalogue/articles.h"

namespace sic::api {
namespace {

using http::Params;
using http::Request;
using http::Response;

struct Target {
  Iri id;
  LanguageTag lang;
};

// The {id} and {lang} of the URL, or the 400 to send.
Result<Target, Response> target_of(const Params& params) {
  auto id = Iri::parse(params.at("id"));
  if (!id.ok()) return error(400, "id: " + id.error().message, "id");
  auto lang = LanguageTag::parse(params.at("lang"));
  if (!lang.ok())
    return error(400, "lang: \"" + params.at("lang") + "\" is not a BCP 47 language tag", "lang");
  return Target{*id, *lang};
}

// The live article to translate, or the 404/410 to send.
Result<StoredArticle, Response> live_article(Catalogue& cat, const Iri& id) {
  auto found = cat.articles().find(id, false);
  if (!found.ok()) return unavailable(found.error());
  if (!found->has_value()) return error(404, "no article with this id");
  if ((*found)->deleted) return error(410, "this article was deleted");
  return **found;
}

// The body as a human translation of `stored`, kept as the catalogue keeps text.
Result<Translation, Response> human_translation(std::string_view body, const Target& target,
                                                const StoredArticle& stored,
                                                const NodeContext& ctx) {
  if (target.lang == stored.article.lang)
    return error(400, "lang: " + target.lang.str() + " is the article's own language", "lang");
  auto parsed = parse_translation(body);
  if (!parsed.ok()) return error(400, parsed.error().message, parsed.error().field);
  Translation t = *parsed;
  t.lang = target.lang;
  t.title = canonical_text(t.title);
  t.summary = canonical_text(t.summary);
  t.content_html = sanitize_html(t.content_html, "", ctx.sanitize);
  if (t.title.empty())
    return error(400, "title: is empty once control characters are removed", "title");
  t.kind = TranslationKind::kHuman;
  t.engine = "";
  t.source_hash = stored.content_hash;
  t.translated_at = ctx.clock->now();
  t.outdated = false;
  return t;
}

std::string location(const NodeContext& ctx, const Target& target) {
  return ctx.url("/api/articles/" + percent_encode(target.id.str()) + "/translations/" +
                 target.lang.str());
}

Response put_translation(const Request& req, const Params& params, NodeContext& ctx) {
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto who = authenticate(req, **cat);
  if (!who.ok()) return who.error();
  auto body = json_body(req);
  if (!body.ok()) return body.error();
  auto target = target_of(params);
  if (!target.ok()) return target.error();
  const Target& to = *target;
  std::optional<Response> refused;
  Translation stored;
  bool replaced = false;
  Status st = (*cat)->transaction([&]() -> Status {
    auto article = live_article(**cat, to.id);
    if (!article.ok()) {
      refused = article.error();
      return Status::Ok();
    }
    auto made = human_translation(*body, to, *article, ctx);
    if (!made.ok()) {
      refused = made.error();
      return Status::Ok();
    }
    stored = *made;
    crypto::sign(*ctx.keys, to.id, stored);
    auto existing = (*cat)->translations().find(to.id, to.lang);
    if (!existing.ok()) return existing.error();
    replaced = existing->has_value();
    return (*cat)->translations().put(to.id, stored);
  });
  if (refused) return *refused;
  if (!st.ok()) return unavailable(st.error());
  Response r = Response::json(replaced ? 200 : 201, translation_json(to.id, stored));
  if (!replaced) r.header("Location", location(ctx, to));
  return r;
}

Response get_translation(const Params& params, NodeContext& ctx) {
  auto target = target_of(params);
  if (!target.ok()) return target.error();
  const Target& to = *target;
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return unavailable(cat.error());
  auto article = live_article(**cat, to.id);
  if (!article.ok()) return article.error();
  auto found = (*cat)->translations().find(to.id, to.lang);
  if (!found.ok()) return unavailable(found.error());
  if (!found->has_value())
    return error(404, "no translation of this article into " + to.lang.str());
  return Response::json(200, translation_json(to.id, **found));
}

}  // namespace

void add_translation_routes(http::Router& router, NodeContext& ctx) {
  const std::string pattern = "/api/articles/{id}/translations/{lang}";
  router.add(
      http::Method::kPut, pattern,
      [&ctx](const Request& r, const Params& p) { return put_translation(r, p, ctx); },
      http::RouteOptions{ctx.config.server.max_body_bytes});
  router.add(http::Method::kGet, pattern,
             [&ctx](const Request&, const Params& p) { return get_translation(p, ctx); });
}

}  // namespace sic::api
