#include "feeds/common/extension.h"

#include <algorithm>
#include <array>

#include "feeds/sanitize/sanitizer.h"
#include "feeds/text/plain.h"
#include "feeds/text/uri.h"
#include "feeds/text/utf8.h"
#include "feeds/xml/ns.h"

namespace sic::extension {

using xml::Writer;

namespace {

bool is_image_content(const xml::Element& m) {
  std::string type = m.attr("type").value_or(""), medium = m.attr("medium").value_or("");
  return text::trim(medium) == "image" || text::trim(type).substr(0, 6) == "image/";
}

// The alt text Media RSS gives an element: its media:description, else its media:title.
const xml::Element* media_alt(const xml::Element& m) {
  const xml::Element* alt = m.child(ns::kMedia, "description");
  return alt ? alt : m.child(ns::kMedia, "title");
}

// The image element among parent's children: a media:content image, else a thumbnail.
const xml::Element* media_image(const xml::Element& parent) {
  for (const auto& m : xml::Children(parent, ns::kMedia, "content"))
    if (is_image_content(m)) return &m;
  return parent.child(ns::kMedia, "thumbnail");
}

void write_signature(Writer& w, const Signature& s) {
  if (s.empty()) return;
  w.leaf("sic:signature", s.value, {{"by", s.by}, {"url", s.url}, {"key", s.key}});
}

Signature read_signature(const xml::Element* e) {
  if (e == nullptr) return {};
  return {canonical_text(e->attr("by").value_or("")), canonical_text(e->attr("url").value_or("")),
          canonical_text(e->attr("key").value_or("")), canonical_text(e->text())};
}

void write_translation(Writer& w, const Translation& t) {
  std::string when = format_rfc3339(t.translated_at);
  Writer::Attrs attrs = {{"xml:lang", lang_or_und(t.lang)}, {"kind", to_string(t.kind)}};
  if (!t.engine.empty()) attrs.emplace_back("engine", t.engine);
  if (!t.source_hash.empty()) attrs.emplace_back("source-hash", t.source_hash);
  attrs.emplace_back("translated", when);
  if (t.outdated) attrs.emplace_back("outdated", "true");
  w.open("sic:translation", attrs);
  w.leaf("sic:title", t.title);
  if (!t.summary.empty()) w.leaf("sic:summary", t.summary);
  if (!t.content_html.empty()) w.leaf("sic:content", t.content_html);
  write_signature(w, t.signature);
  w.close();
}

void write_note(Writer& w, const TranslationNote& n) {
  Writer::Attrs attrs = {{"original-lang", lang_or_und(n.original_lang)},
                         {"kind", to_string(n.kind)}};
  if (!n.engine.empty()) attrs.emplace_back("engine", n.engine);
  if (n.outdated) attrs.emplace_back("outdated", "true");
  if (!n.by.empty()) attrs.emplace_back("by", n.by);
  w.empty("sic:shown-translation", attrs);
}

TranslationKind kind_of(const reader::Context& ctx, const xml::Element& e, std::string_view where) {
  std::string kind = e.attr("kind").value_or("machine");
  if (kind == "human") return TranslationKind::kHuman;
  if (kind != "machine")
    ctx.warn(std::string(where) + ": unknown translation kind \"" + kind + "\"");
  return TranslationKind::kMachine;
}

std::optional<Translation> read_translation(const reader::Context& ctx, const xml::Element& e,
                                            std::string_view where) {
  Translation t;
  auto lang = e.attr("lang", ns::kXml);
  t.lang = reader::language(ctx, lang.value_or(""), where);
  if (t.lang.empty()) {
    ctx.warn(std::string(where) + ": a translation without a language is ignored");
    return std::nullopt;
  }
  t.kind = kind_of(ctx, e, where);
  t.engine = canonical_text(e.attr("engine").value_or(""));
  t.source_hash = canonical_text(e.attr("source-hash").value_or(""));
  if (auto when = reader::date(ctx, e.attr("translated").value_or(""), where))
    t.translated_at = *when;
  t.outdated = e.attr("outdated").value_or("") == "true";
  if (auto* title = e.child(ns::kSic, "title")) t.title = canonical_text(title->text());
  if (auto* summary = e.child(ns::kSic, "summary")) t.summary = canonical_text(summary->text());
  if (auto* content = e.child(ns::kSic, "content"))
    t.content_html = sanitize_html(content->text(), content->base(), ctx.options.sanitize);
  t.signature = read_signature(e.child(ns::kSic, "signature"));
  return t;
}

}  // namespace

const std::string& lang_or_und(const LanguageTag& lang) {
  static const std::string kUnd = "und";
  return lang.empty() ? kUnd : lang.str();
}

void write_article(Writer& w, const Article& a) {
  if (!a.origin.empty()) w.leaf("sic:origin", a.origin);
  if (!a.via.empty()) w.leaf("sic:via", a.via);
  write_signature(w, a.signature);
  if (a.shown_translation) write_note(w, *a.shown_translation);
  for (const auto& t : a.translations) write_translation(w, t);
}

void write_media_image(Writer& w, const Article& a) {
  if (a.image.url.empty()) return;
  Writer::Attrs attrs = {{"url", a.image.url}, {"medium", "image"}};
  if (a.image.alt.empty()) return w.empty("media:content", attrs);
  w.open("media:content", attrs);
  w.leaf("media:description", a.image.alt, {{"type", "plain"}});
  w.close();
}

void media_namespace(const Feed& feed, Writer::Attrs& root) {
  auto has_image = [](const Article& a) { return !a.image.url.empty(); };
  if (std::any_of(feed.articles.begin(), feed.articles.end(), has_image))
    root.emplace_back("xmlns:media", ns::kMedia);
}

void read_media_image(const reader::Context& ctx, const xml::Element& e, Article& a,
                      std::string_view where) {
  reader::Where at(where, "media:content");
  const xml::Element* group = e.child(ns::kMedia, "group");
  const xml::Element* image = media_image(e);
  const xml::Element* owner = &e;
  if (!image && group) {
    image = media_image(*group);
    owner = group;
  }
  if (image) {
    const xml::Element* alt = media_alt(*image);
    if (!alt && owner == group) alt = media_alt(*group);
    std::string alt_text = alt ? alt->text() : "";
    std::string type = alt ? alt->attr("type").value_or("") : "";
    if (alt_text.size() <= kMaxImageAlt && text::trim(type) != "plain")
      alt_text =
          text::trim(type) == "html" ? html_to_text(alt_text) : reader::maybe_html_text(alt_text);
    reader::set_image(ctx, a, image->base(), image->attr("url").value_or(""), alt_text, at);
  }
  reader::fallback_image(ctx, a, where);
}

void write_translation_links(Writer& w, std::string_view element, const Article& a) {
  for (const auto& t : a.translations)
    if (!t.link.empty() && t.lang != a.lang)
      w.empty(element, {{"rel", "alternate"},
                        {"type", "text/html; charset=utf-8"},
                        {"hreflang", t.lang.str()},
                        {"href", t.link}});
}

bool take_translation_link(std::string_view hreflang, const std::string& href, Article& a) {
  if (a.translations.empty() || text::trim(hreflang).empty()) return false;
  auto lang = LanguageTag::parse(text::trim(hreflang));
  if (!lang.ok() || *lang == a.lang) return false;
  for (auto& t : a.translations) {
    if (t.lang != *lang) continue;
    if (t.link.empty()) t.link = href;
    return true;
  }
  return false;
}

void write_tombstone(Writer& w, std::string_view element, const Tombstone& t) {
  std::string when = format_rfc3339(t.deleted);
  Writer::Attrs attrs = {{"ref", t.id.str()}, {"when", when}};
  if (t.origin.empty() && t.via.empty() && t.signature.empty()) return w.empty(element, attrs);
  w.open(element, attrs);
  if (!t.origin.empty()) w.leaf("sic:origin", t.origin);
  if (!t.via.empty()) w.leaf("sic:via", t.via);
  write_signature(w, t.signature);
  w.close();
}

constexpr std::array<std::string_view, 4> kArticleElements = {"origin", "via", "shown-translation",
                                                              "signature"};

void write_enclosure_link(Writer& w, std::string_view element, const Enclosure& e) {
  std::string length = std::to_string(e.length);
  Writer::Attrs attrs = {{"rel", "enclosure"}, {"href", e.url}};
  if (!e.type.empty()) attrs.emplace_back("type", e.type);
  if (e.length > 0) attrs.emplace_back("length", length);
  if (!e.title.empty()) attrs.emplace_back("title", e.title);
  w.empty(element, attrs);
}

void read_header(const reader::Context& ctx, const xml::Element& header,
                 std::string_view tombstone_ns, Feed& feed) {
  if (auto* node = header.child(ns::kSic, "node")) feed.node = canonical_text(node->text());
  if (auto* key = header.child(ns::kSic, "key")) feed.key = canonical_text(key->text());
  feed.archive = header.child(ns::kHistory, "archive") != nullptr;
  int n = 0;
  for (const auto& t : xml::Children(header, tombstone_ns, "deleted-entry")) {
    std::string where = "deleted entry " + std::to_string(++n);
    if (auto tombstone = read_tombstone(ctx, t, where))
      feed.tombstones.push_back(std::move(*tombstone));
  }
}

void read_article(const reader::Context& ctx, const xml::Element& e, Article& a,
                  std::string_view where) {
  auto [origin, via, note, signature] = xml::first_children(e, ns::kSic, kArticleElements);
  std::string scratch;
  if (origin) a.origin = canonical_text(origin->text_view(scratch));
  if (via) a.via = canonical_text(via->text_view(scratch));
  if (note) {
    TranslationNote n;
    n.original_lang = reader::language(ctx, note->attr("original-lang").value_or(""), where);
    n.kind = kind_of(ctx, *note, where);
    n.engine = canonical_text(note->attr("engine").value_or(""));
    n.outdated = note->attr("outdated").value_or("") == "true";
    n.by = canonical_text(note->attr("by").value_or(""));
    a.shown_translation = n;
  }
  a.signature = read_signature(signature);
  int n = 0;
  for (const auto& t : xml::Children(e, ns::kSic, "translation")) {
    std::string here = std::string(where) + ": translation " + std::to_string(++n);
    if (auto translation = read_translation(ctx, t, here)) a.translations.push_back(*translation);
  }
}

std::optional<Tombstone> read_tombstone(const reader::Context& ctx, const xml::Element& e,
                                        std::string_view where) {
  Tombstone t;
  auto ref = Iri::parse(text::iri_safe(e.attr("ref").value_or("")));
  if (!ref.ok()) {
    ctx.warn(std::string(where) + ": a deleted entry without a valid ref is ignored");
    return std::nullopt;
  }
  t.id = *ref;
  auto when = reader::date(ctx, e.attr("when").value_or(""), where);
  if (!when) {
    ctx.warn(std::string(where) + ": a deleted entry without a valid when is ignored");
    return std::nullopt;
  }
  t.deleted = *when;
  if (auto* origin = e.child(ns::kSic, "origin")) t.origin = canonical_text(origin->text());
  if (auto* via = e.child(ns::kSic, "via")) t.via = canonical_text(via->text());
  t.signature = read_signature(e.child(ns::kSic, "signature"));
  return t;
}

}  // namespace sic::extension
