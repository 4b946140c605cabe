#include "node/publish/query.h"

#include <algorithm>
#include <iterator>

#include "feeds/feeds.h"
#include "feeds/model/iri.h"
#include "feeds/model/signature.h"
#include "node/http/http.h"

namespace sic::publish {
namespace {

// The parameters each Accepts names, in its order.
constexpr const char* kKnownLists[] = {"lang, tag, section, origin, q",
                                       "lang, tag, section, origin, page", "lang",
                                       "lang, tag, section, origin, q, page"};
static_assert(std::size(kKnownLists) == std::size_t(Accepts::kSearchAndPage) + 1);

const char* known_list(Accepts accepts) { return kKnownLists[std::size_t(accepts)]; }

bool accepted(std::string_view name, Accepts accepts) {
  if (name == "lang") return true;
  if (accepts == Accepts::kLangOnly) return false;
  if (name == "tag" || name == "section" || name == "origin") return true;
  if (name == "q") return accepts != Accepts::kFiltersAndPage;
  return name == "page" && accepts != Accepts::kFilters;
}

// Sets one parameter; returns the error message or "".
std::string set_param(FeedQuery& q, const std::string& name, const std::string& value,
                      const Taxonomy& taxonomy) {
  if (name == "lang") {
    auto tag = LanguageTag::parse(value);
    if (!tag.ok()) return "lang: " + quoted(value) + " is not a BCP 47 language tag";
    q.lang = *tag;
  } else if (name == "tag") {
    if (value.empty() || value.size() > 64 || canonical_text(value) != value)
      return "tag: must be 1-64 characters without control characters or surrounding spaces";
    q.tag = value;
  } else if (name == "section") {
    if (!taxonomy.section(value))
      return "section: " + quoted(value) + " is not a section of the taxonomy";
    q.section = value;
  } else if (name == "origin") {
    if (!is_node_id(value)) return "origin: " + quoted(value) + " is not a node id";
    q.origin = value;
  } else if (name == "q") {
    auto text = parse_search_query(value);
    if (!text.ok()) return "q: " + text.error().message;
    q.q = value;
    q.text = std::move(*text);
  } else if (name == "page") {
    q.page = parse_cursor(value);
    if (!q.page) return "page: not a cursor from a next link";
  }
  return "";
}

}  // namespace

std::string quoted(const std::string& value) {
  std::string text = canonical_text(value.substr(0, 80));
  return "\"" + text + (value.size() > 80 ? "...\"" : "\"");
}

ArticleFilter FeedQuery::filter() const {
  ArticleFilter f;
  f.available_in = lang;
  f.tag = tag;
  f.section = section;
  f.origin = origin;
  f.text = text;
  return f;
}

FeedQuery FeedQuery::first_page() const {
  FeedQuery q = *this;
  q.page.reset();
  return q;
}

Result<FeedQuery> parse_query(const QueryParams& params, const Taxonomy& taxonomy,
                              Accepts accepts) {
  FeedQuery q;
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    if (!accepted(name, accepts))
      return Error{"unknown parameter " + quoted(name) + " (known: " + known_list(accepts) + ")"};
    if (!seen.insert(name).second) return Error{name + ": given more than once"};
    if (std::string e = set_param(q, name, value, taxonomy); !e.empty()) return Error{e};
  }
  return q;
}

Result<QueryParams> decode_target_query(std::string_view target) {
  size_t mark = target.find('?');
  if (mark == std::string_view::npos) return QueryParams{};
  auto pairs = http::parse_query(target.substr(mark + 1));
  if (!pairs) return Error{"query: malformed percent escape"};
  return *pairs;
}

std::string canonical(const FeedQuery& q) {
  std::string out;
  auto add = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + percent_encode(value);
  };
  add("lang", q.lang.str());
  add("origin", q.origin);
  add("q", q.q);
  add("section", q.section);
  add("tag", q.tag);
  if (q.page) add("page", cursor_text(*q.page));
  return out;
}

std::string query_suffix(const FeedQuery& query) {
  std::string c = canonical(query);
  return c.empty() ? "" : "?" + c;
}

std::string cursor_text(const ArticleCursor& cursor) {
  return format_rfc3339(cursor.updated) + "|" + cursor.id;
}

std::optional<ArticleCursor> parse_cursor(std::string_view text) {
  size_t bar = text.find('|');
  if (bar == std::string_view::npos) return std::nullopt;
  auto when = parse_rfc3339(text.substr(0, bar));
  auto id = Iri::parse(text.substr(bar + 1));
  if (!when.ok() || !id.ok()) return std::nullopt;
  return ArticleCursor{*when, id->str()};
}

}  // namespace sic::publish
