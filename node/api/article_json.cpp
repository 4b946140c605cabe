#include "node/api/article_json.h"

#include <cpprest/json.h>

#include <functional>
#include <map>

#include "feeds/text/json_depth.h"
#include "feeds/text/json_keys.h"

namespace sic::api {
namespace {

using web::json::value;

constexpr std::size_t kMaxTitle = 1000;
constexpr std::size_t kMaxSummary = 20000;
constexpr std::size_t kMaxContent = 2 * 1024 * 1024;
constexpr std::size_t kMaxTags = 32;
constexpr std::size_t kMaxTag = 64;
constexpr int kMaxDepth = 32;

Result<value, FieldError> parse_object(std::string_view body) {
  // cpprest's parser recurses per nesting level: refuse deep documents before parsing.
  if (json_nesting_depth(body) > kMaxDepth) return FieldError{"", "body: JSON nested too deeply"};
  if (auto key = json_duplicate_key(body)) return FieldError{"", "body: duplicate key " + *key};
  std::error_code ec;
  value v = value::parse(std::string(body), ec);
  if (ec) return FieldError{"", "body: not valid JSON (" + ec.message() + ")"};
  if (!v.is_object()) return FieldError{"", "body: expected a JSON object"};
  return v;
}

// Reads a field of a JSON object into an ArticleInput, or says what is wrong with it
// (the caller prefixes the field's name).
using FieldReader = std::function<Status(const value&, ArticleInput&)>;

Status want_string(const value& v, std::string& out, std::size_t max) {
  if (!v.is_string()) return Error{"expected a string"};
  out = v.as_string();
  if (out.size() > max) return Error{"longer than " + std::to_string(max) + " bytes"};
  return Status::Ok();
}

FieldReader string_field(std::string ArticleInput::*member, std::size_t max) {
  return [=](const value& v, ArticleInput& in) { return want_string(v, in.*member, max); };
}

Status read_url(const value& v, std::string& out) {
  if (Status st = want_string(v, out, 2048); !st.ok()) return st;
  if (out.empty()) return Status::Ok();
  auto url = parse_http_url(out);
  if (!url.ok()) return url.error();
  return Status::Ok();
}

Status read_date(const value& v, std::optional<TimePoint>& out) {
  std::string text;
  if (Status st = want_string(v, text, 64); !st.ok()) return st;
  auto t = parse_rfc3339(text);
  if (!t.ok()) return t.error();
  if (std::string problem = date_range_problem(*t); !problem.empty()) return Error{problem};
  out = *t;
  return Status::Ok();
}

Status read_tags(const value& v, ArticleInput& in) {
  if (!v.is_array()) return Error{"expected an array of strings"};
  if (v.size() > kMaxTags) return Error{"more than " + std::to_string(kMaxTags) + " tags"};
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) return Error{"expected an array of strings"};
    std::string tag = item.as_string();
    if (tag.empty() || tag.size() > kMaxTag)
      return Error{"each tag must be 1-" + std::to_string(kMaxTag) + " bytes"};
    in.tags.push_back(tag);
  }
  return Status::Ok();
}

Status read_image(const value& v, ArticleInput& in) {
  if (v.is_null()) return Status::Ok();
  if (!v.is_object()) return Error{"expected an object with url and alt"};
  for (const auto& [key, field] : v.as_object()) {
    Status problem = key == "url"   ? read_url(field, in.image.url)
                     : key == "alt" ? want_string(field, in.image.alt, kMaxImageAlt)
                                    : Status(Error{"unknown image field \"" + key + "\""});
    if (!problem.ok()) return problem;
  }
  if (in.image.url.empty()) return Error{"an image needs a url"};
  return Status::Ok();
}

Status read_person(const value& item, Person& p) {
  if (!item.is_object()) return Error{"expected objects with name, uri, email"};
  for (const auto& [key, field] : item.as_object()) {
    std::string* target = key == "name"    ? &p.name
                          : key == "uri"   ? &p.uri
                          : key == "email" ? &p.email
                                           : nullptr;
    if (!target) return Error{"unknown author field \"" + key + "\""};
    Status st = key == "uri" ? read_url(field, *target) : want_string(field, *target, 500);
    if (!st.ok()) return st;
  }
  if (p.name.empty()) return Error{"an author needs a name"};
  return Status::Ok();
}

Status read_authors(const value& v, ArticleInput& in) {
  if (!v.is_array() || v.size() > 20) return Error{"expected an array of at most 20 authors"};
  for (const auto& item : v.as_array()) {
    Person p;
    if (Status st = read_person(item, p); !st.ok()) return st;
    in.authors.push_back(std::move(p));
  }
  return Status::Ok();
}

Status read_enclosures(const value& v, ArticleInput& in) {
  if (!v.is_array() || v.size() > 20) return Error{"expected an array of at most 20 enclosures"};
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) return Error{"expected objects with url, type, length, title"};
    Enclosure e;
    for (const auto& [key, field] : item.as_object()) {
      Status problem;
      if (key == "url")
        problem = read_url(field, e.url);
      else if (key == "type")
        problem = want_string(field, e.type, 200);
      else if (key == "title")
        problem = want_string(field, e.title, 1000);
      else if (key == "length") {
        if (!field.is_integer() || field.as_number().to_int64() < 0)
          problem = Error{"length: expected a non-negative integer"};
        else
          e.length = field.as_number().to_int64();
      } else
        problem = Error{"unknown enclosure field \"" + key + "\""};
      if (!problem.ok()) return problem;
    }
    if (e.url.empty()) return Error{"an enclosure needs a url"};
    in.enclosures.push_back(std::move(e));
  }
  return Status::Ok();
}

const std::map<std::string, FieldReader>& article_fields() {
  static const std::map<std::string, FieldReader> fields = {
      {"id",
       [](const value& v, ArticleInput& in) -> Status {
         std::string text;
         if (Status st = want_string(v, text, 2048); !st.ok()) return st;
         auto iri = Iri::parse(text);
         if (!iri.ok()) return iri.error();
         in.id = *iri;
         return Status::Ok();
       }},
      {"title", string_field(&ArticleInput::title, kMaxTitle)},
      {"summary", string_field(&ArticleInput::summary, kMaxSummary)},
      {"content_html", string_field(&ArticleInput::content_html, kMaxContent)},
      {"section", string_field(&ArticleInput::section, 64)},
      {"rights", string_field(&ArticleInput::rights, 1000)},
      {"link", [](const value& v, ArticleInput& in) { return read_url(v, in.link); }},
      {"lang",
       [](const value& v, ArticleInput& in) -> Status {
         std::string text;
         if (Status st = want_string(v, text, 64); !st.ok()) return st;
         auto tag = LanguageTag::parse(text);
         if (!tag.ok()) return Error{"\"" + text + "\" is not a BCP 47 language tag"};
         in.lang = *tag;
         return Status::Ok();
       }},
      {"tags", read_tags},
      {"author",
       [](const value& v, ArticleInput& in) -> Status {
         Person p;
         if (Status st = want_string(v, p.name, 500); !st.ok()) return st;
         if (!p.name.empty()) in.authors.insert(in.authors.begin(), p);
         return Status::Ok();
       }},
      {"authors", read_authors},
      {"enclosures", read_enclosures},
      {"image", read_image},
      {"published", [](const value& v, ArticleInput& in) { return read_date(v, in.published); }},
      {"updated", [](const value& v, ArticleInput& in) { return read_date(v, in.updated); }},
  };
  return fields;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

value string_array(const std::vector<std::string>& items) {
  std::vector<value> out;
  for (const auto& s : items) out.push_back(value::string(s));
  return value::array(out);
}

value person_json(const Person& p) {
  value v = value::object();
  v["name"] = value::string(p.name);
  if (!p.uri.empty()) v["uri"] = value::string(p.uri);
  if (!p.email.empty()) v["email"] = value::string(p.email);
  return v;
}

// A signature as the API shows it; null when unsigned.
value signature_json(const Signature& s) {
  if (s.empty()) return value::null();
  value v = value::object();
  v["by"] = value::string(s.by);
  v["url"] = value::string(s.url);
  v["key"] = value::string(s.key);
  v["value"] = value::string(s.value);
  return v;
}

value translation_json(const Translation& t) {
  value v = value::object();
  v["lang"] = value::string(t.lang.str());
  v["title"] = value::string(t.title);
  v["summary"] = value::string(t.summary);
  v["content_html"] = value::string(t.content_html);
  v["kind"] = value::string(to_string(t.kind));
  v["engine"] = value::string(t.engine);
  v["source_hash"] = value::string(t.source_hash);
  v["translated_at"] = value::string(format_rfc3339(t.translated_at));
  v["outdated"] = value::boolean(t.outdated);
  v["translator"] = value::string(t.signature.by);
  v["signature"] = signature_json(t.signature);
  return v;
}

value optional_date(const std::optional<TimePoint>& t) {
  return t ? value::string(format_rfc3339(*t)) : value::null();
}

}  // namespace

Result<ArticleInput, FieldError> parse_article(std::string_view body, const Taxonomy& taxonomy) {
  auto parsed = parse_object(body);
  if (!parsed.ok()) return parsed.error();
  const value& object = *parsed;
  ArticleInput in;
  for (const auto& [key, field] : object.as_object()) {
    auto it = article_fields().find(key);
    if (it == article_fields().end()) return FieldError{key, key + ": unknown field"};
    if (field.is_null()) continue;
    if (Status st = it->second(field, in); !st.ok())
      return FieldError{key, key + ": " + st.message()};
  }
  if (blank(in.title)) return FieldError{"title", "title: is required"};
  if (in.lang.empty()) return FieldError{"lang", "lang: is required"};
  if (!in.section.empty() && !taxonomy.section(in.section)) {
    std::string known;
    for (const auto& s : taxonomy.sections()) known += (known.empty() ? "" : ", ") + s.id;
    return FieldError{"section",
                      "section: \"" + in.section + "\" is not a section (" + known + ")"};
  }
  return in;
}

Result<Translation, FieldError> parse_translation(std::string_view body) {
  auto parsed = parse_object(body);
  if (!parsed.ok()) return parsed.error();
  Translation t;
  t.kind = TranslationKind::kHuman;
  for (const auto& [key, field] : parsed->as_object()) {
    std::string* target = key == "title"          ? &t.title
                          : key == "summary"      ? &t.summary
                          : key == "content_html" ? &t.content_html
                                                  : nullptr;
    if (!target) return FieldError{key, key + ": unknown field"};
    std::size_t max = key == "title" ? kMaxTitle : key == "summary" ? kMaxSummary : kMaxContent;
    if (field.is_null()) continue;
    if (Status st = want_string(field, *target, max); !st.ok())
      return FieldError{key, key + ": " + st.message()};
  }
  if (blank(t.title)) return FieldError{"title", "title: is required"};
  return t;
}

std::string article_json(const StoredArticle& stored, const std::string& page_url) {
  const Article& a = stored.article;
  value v = value::object();
  v["id"] = value::string(a.id.str());
  v["url"] = value::string(page_url);
  v["origin"] = value::string(a.origin);
  v["signature"] = signature_json(a.signature);
  if (stored.deleted) {
    v["deleted"] = value::string(format_rfc3339(*stored.deleted));
    return v.serialize();
  }
  v["lang"] = value::string(a.lang.str());
  v["title"] = value::string(a.title);
  v["summary"] = value::string(a.summary);
  v["content_html"] = value::string(a.content_html);
  std::vector<value> authors;
  for (const auto& p : a.authors) authors.push_back(person_json(p));
  v["authors"] = value::array(authors);
  v["section"] = value::string(a.section);
  v["tags"] = string_array(a.tags);
  v["link"] = value::string(a.link);
  v["rights"] = value::string(a.rights);
  std::vector<value> enclosures;
  for (const auto& e : a.enclosures) {
    value ev = value::object();
    ev["url"] = value::string(e.url);
    ev["type"] = value::string(e.type);
    ev["length"] = value::number(int64_t(e.length));
    ev["title"] = value::string(e.title);
    enclosures.push_back(ev);
  }
  v["enclosures"] = value::array(enclosures);
  v["image"] = value::null();
  if (!a.image.url.empty()) {
    v["image"] = value::object();
    v["image"]["url"] = value::string(a.image.url);
    v["image"]["alt"] = value::string(a.image.alt);
  }
  v["published"] = optional_date(a.published);
  v["updated"] = value::string(format_rfc3339(a.updated));
  v["content_hash"] = value::string(stored.content_hash);
  v["via"] = value::string(a.via);
  std::vector<value> translations;
  for (const auto& t : a.translations) translations.push_back(translation_json(t));
  v["translations"] = value::array(translations);
  return v.serialize();
}

std::string translation_json(const Iri& article_id, const Translation& translation) {
  value v = translation_json(translation);
  v["article"] = value::string(article_id.str());
  return v.serialize();
}

std::string article_list_json(const std::vector<std::string>& article_jsons,
                              const std::string& next_url) {
  std::string out = "{\"articles\":[";
  for (size_t i = 0; i < article_jsons.size(); ++i) out += (i ? "," : "") + article_jsons[i];
  out += "],\"next\":";
  out += next_url.empty() ? "null" : value::string(next_url).serialize();
  return out + "}";
}

std::string error_json(int status, std::string_view message, std::string_view field) {
  value e = value::object();
  e["status"] = value::number(status);
  if (!field.empty()) e["field"] = value::string(std::string(field));
  e["message"] = value::string(std::string(message));
  value v = value::object();
  v["error"] = e;
  return v.serialize();
}

}  // namespace sic::api
