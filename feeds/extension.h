// The sicnode extension in XML (Atom and RSS): origin, via, translations, the shown
// translation and, in RSS, tombstones (internal to feeds/; docs/feeds.md, "Extension").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/reader.h"
#include "feeds/xml/document.h"
#include "feeds/xml/writer.h"

namespace sic::extension {

// A language for an attribute or element: the tag, or "und" (undetermined, BCP 47)
// when it is empty. Readers turn "und" back into the empty tag.
const std::string& lang_or_und(const LanguageTag& lang);

// Writes <sic:origin>, <sic:via>, <sic:shown-translation> and every <sic:translation>.
void write_article(xml::Writer& w, const Article& a);
// <ELEMENT ref="ID" when="DATE"> with <sic:origin> and <sic:via> inside.
void write_tombstone(xml::Writer& w, std::string_view element, const Tombstone& t);

// Reads what write_article writes from an entry or item element; content is sanitized
// against the element's base.
void read_article(const reader::Context& ctx, const xml::Element& e, Article& a,
                  std::string_view where);
// Reads an at:deleted-entry / sic:deleted-entry; nullopt with a warning when its ref
// is not an IRI or its date is unreadable.
std::optional<Tombstone> read_tombstone(const reader::Context& ctx, const xml::Element& e,
                                        std::string_view where);

}  // namespace sic::extension
