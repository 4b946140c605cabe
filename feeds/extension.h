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

// Writes an enclosure as an Atom link: <ELEMENT rel="enclosure" href type length title/>
// ("link" in Atom, "atom:link" in RSS).
void write_enclosure_link(xml::Writer& w, std::string_view element, const Enclosure& e);

// Reads what a feed's header says in our namespaces and RFC 5005/6721's: sic:node,
// fh:archive, and the tombstones (ELEMENT in namespace tombstone_ns: at:deleted-entry
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
