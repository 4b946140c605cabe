#include "feeds/common/reader.h"

#include "feeds/model/hash.h"
#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/dates.h"
#include "feeds/text/markup.h"
#include "feeds/text/plain.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"

namespace sic::reader {

std::string absolute_url(const Context& ctx, std::string_view base, std::string_view ref,
                         const Where& where) {
  std::string_view trimmed = text::trim(ref);
  if (trimmed.empty()) return "";
  // resolve_uri leaves no character an IRI forbids; only the length is left to check.
  auto resolved = text::resolve_uri(base, trimmed);
  if (!resolved || resolved->size() > 2048) {
    ctx.warn(where.str() + ": cannot make \"" + std::string(trimmed.substr(0, 100)) +
             "\" an absolute URL");
    return "";
  }
  // Links are followed by people and programs: only the web's own schemes.
  bool web = resolved->rfind("https:", 0) == 0 || resolved->rfind("http:", 0) == 0;
  if (!web || resolved->find(':') + 1 == resolved->size()) {
    ctx.warn(where.str() + ": \"" + resolved->substr(0, 100) + "\" is not an http(s) URL");
    return "";
  }
  return std::move(*resolved);
}

bool set_image(const Context& ctx, Article& a, std::string_view base, std::string_view url,
               std::string_view alt, const Where& where) {
  std::string absolute = absolute_url(ctx, base, url, where);
  if (absolute.empty()) return false;
  a.image.url = std::move(absolute);
  a.image.alt = alt.size() > kMaxImageAlt ? "" : canonical_text(alt);
  return true;
}

void fallback_image(const Context& ctx, Article& a, const Where& where) {
  if (ctx.sicnode || !a.image.url.empty()) return;
  for (const auto& e : a.enclosures)
    if (e.type.rfind("image/", 0) == 0 && set_image(ctx, a, "", e.url, e.title, where)) return;
  if (auto img = first_image(a.content_html)) set_image(ctx, a, "", img->src, img->alt, where);
}

std::optional<TimePoint> date(const Context& ctx, std::string_view text, const Where& where) {
  auto t = text::parse_feed_date(text);
  if (!t && !text::trim(text).empty())
    ctx.warn(where.str() + " \"" + std::string(text::trim(text).substr(0, 60)) +
             "\" is not a date");
  return t;
}

LanguageTag language(const Context& ctx, std::string_view text, const Where& where) {
  std::string_view trimmed = text::trim(text);
  if (trimmed.empty()) return {};
  // Entries mostly say (or inherit) one of a few languages: parse each once.
  for (const auto& known : ctx.known_languages)
    if (!known.text.empty() && known.text == trimmed) return known.tag;
  auto tag = LanguageTag::parse(trimmed);
  if (!tag.ok()) {
    // "en_US" is common: try with a hyphen before giving up.
    std::string hyphenated(trimmed);
    for (char& c : hyphenated)
      if (c == '_') c = '-';
    tag = LanguageTag::parse(hyphenated);
  }
  if (!tag.ok()) {
    ctx.warn(where.str() + ": \"" + std::string(trimmed.substr(0, 40)) +
             "\" is not a language tag");
    return {};
  }
  if (tag->str() == "und") return {};
  auto& slot = ctx.known_languages[ctx.next_known_language++ % ctx.known_languages.size()];
  slot.text.assign(trimmed);
  slot.tag = *tag;
  return *tag;
}

std::string maybe_html_text(std::string_view text) {
  return text::looks_like_markup(text) ? html_to_text(text) : canonical_text(text);
}

namespace {

std::optional<Iri> id_from(const Context& ctx, std::string_view raw) {
  raw = text::trim(raw);
  if (raw.empty()) return std::nullopt;
  if (auto iri = Iri::parse(text::iri_safe(raw)); iri.ok()) return std::move(*iri);
  std::string key = sha256_hex(ctx.feed_key).substr(0, 16);
  auto mapped = Iri::parse("urn:sicnode:guid:" + key + ":" + percent_encode(raw.substr(0, 500)));
  if (mapped.ok()) return std::move(*mapped);
  return std::nullopt;
}

}  // namespace

void finish_article(const Context& ctx, Article& a, std::string_view raw_id, bool has_updated,
                    const Where& where) {
  if (auto id = id_from(ctx, raw_id)) {
    a.id = std::move(*id);
  } else if (auto link = Iri::parse(a.link); link.ok()) {
    a.id = *link;
  } else {
    FieldHasher h;
    h.add(a.title).add(a.summary).add(a.content_html);
    h.add(a.published ? std::to_string(to_unix(*a.published)) : "-");
    a.id = Iri::parse("urn:sicnode:sha256:" + h.hex()).value();
    ctx.warn(where.str() + " has no id; " + a.id.str() + " is derived from its content");
  }
  if (!has_updated) {
    if (a.published) {
      a.updated = *a.published;
    } else {
      ctx.warn(where.str() + " has no usable date");
    }
  }
}

Person person_from_text(std::string_view text) {
  std::string_view t = text::trim(text);
  Person p;
  auto has_at = [](std::string_view s) { return s.find('@') != std::string_view::npos; };
  if (!has_at(t)) {  // no address: all of it is the name ("Ana (Editor)", "<b>Ana</b>")
    p.name = canonical_text(t);
    return p;
  }
  // "a (b)" and "a <b>": one side is the address, the other the name.
  for (auto [open, close] : {std::pair{'(', ')'}, std::pair{'<', '>'}}) {
    size_t o = t.find(open), c = t.rfind(close);
    if (o == std::string_view::npos || c == std::string_view::npos || c < o) continue;
    std::string_view outside = text::trim(t.substr(0, o)), inside = t.substr(o + 1, c - o - 1);
    bool inside_is_email = has_at(inside) && !has_at(outside);
    p.email = canonical_text(inside_is_email ? inside : outside);
    p.name = canonical_text(inside_is_email ? outside : inside);
    break;
  }
  if (p.email.empty() && p.name.empty()) {
    if (has_at(t) && t.find(' ') == std::string_view::npos)
      p.email = canonical_text(t);
    else
      p.name = canonical_text(t);
  }
  if (!has_at(p.email) || p.email.find(' ') != std::string::npos) {
    if (p.name.empty()) p.name = canonical_text(p.email);
    p.email.clear();
  }
  return p;
}

}  // namespace sic::reader
