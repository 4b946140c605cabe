// The sicnode extension in XML (Atom and RSS): origin, via, translations, the shown
// translation and, in RSS, tombstones (internal to feeds/; docs/feeds.md, "Extension").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/common/reader.h"
#include "feeds/xml/document.h"
#include "feeds/xml/writer.h"

namespace sic::extension {

// A language for an attribute or element: the tag, or "und" (undetermined, BCP 47)
// when it is empty. Readers turn "und" back into the empty tag.
const std::string& lang_or_und(const LanguageTag& lang);

// Writes <sic:origin>, <sic:via>, <sic:signature>, <sic:shown-translation> and every
// <sic:translation> (each with its <sic:signature>).
void write_article(xml::Writer& w, const Article& a);
// <ELEMENT ref="ID" when="DATE"> with <sic:origin>, <sic:via> and <sic:signature> inside.
void write_tombstone(xml::Writer& w, std::string_view element, const Tombstone& t);

// Writes an enclosure as an Atom link: <ELEMENT rel="enclosure" href type length title/>
// ("link" in Atom, "atom:link" in RSS).
void write_enclosure_link(xml::Writer& w, std::string_view element, const Enclosure& e);

// Writes a's image, when it has one, as <media:content url medium="image"> with the alt
// in <media:description type="plain"> (Media RSS). The caller declares the media prefix
// on the root element (see media_namespace).
void write_media_image(xml::Writer& w, const Article& a);

// Adds xmlns:media to the root element's attributes when an article of the feed has an
// image, so that feeds without images are written as they always were.
void media_namespace(const Feed& feed, xml::Writer::Attrs& root);

// Reads an entry's or item's image from Media RSS: the first media:content that is an
// image (medium="image" or an image/ type), else the first media:thumbnail, among e's
// children and those of its media:group. The alt is the media:description, else the
// media:title, of that element, else of its group. Then reader::fallback_image.
void read_media_image(const reader::Context& ctx, const xml::Element& e, Article& a,
                      std::string_view where);

// Writes each translation's page as <ELEMENT rel="alternate" type="text/html"
// hreflang="LANG" href="LINK"/> ("link" in Atom, "atom:link" in RSS); translations
// without a link, or in the article's own language, are skipped.
void write_translation_links(xml::Writer& w, std::string_view element, const Article& a);

// Whether an alternate link with this hreflang is a translation's page: it names the
// language of one of a's translations (read before the links), not a's own language.
// When it is, that translation's link is set (the first such link wins) and the link
// is not the article's. Always false for an article without translations.
bool take_translation_link(std::string_view hreflang, const std::string& href, Article& a);

// Reads what a feed's header says in our namespaces and RFC 5005/6721's: sic:node,
// sic:key, fh:archive, and the tombstones (ELEMENT in namespace tombstone_ns: at:deleted-entry
// in Atom, sic:deleted-entry in RSS).
void read_header(const reader::Context& ctx, const xml::Element& header,
                 std::string_view tombstone_ns, Feed& feed);

// Reads what write_article writes from an entry or item element; content is sanitized
// against the element's base.
void read_article(const reader::Context& ctx, const xml::Element& e, Article& a,
                  std::string_view where);
// Reads an at:deleted-entry / sic:deleted-entry; nullopt with a warning when its ref
// is not an IRI or its date is unreadable.
std::optional<Tombstone> read_tombstone(const reader::Context& ctx, const xml::Element& e,
                                        std::string_view where);

}  // namespace sic::extension
