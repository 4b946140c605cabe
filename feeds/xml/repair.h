// The XML layer's recovery path (internal to feeds/; docs/feeds.md, "Liberal reading"):
// a tolerant pass that rewrites a document that is not well-formed XML into one that is,
// keeping what it says, so that the strict parser can read it. It is used only when the
// strict parse fails.
#pragma once

#include <string>
#include <string_view>

#include "feeds/model/result.h"
#include "feeds/xml/document.h"

namespace sic::xml {

struct Repaired {
  std::string xml;  // well-formed for RapidXML: one root, balanced tags, escaped text
  int fixes = 0;    // how many things were changed (never 0 for a document that needed it)
};

// Rewrites UTF-8 text (after to_utf8) the way feed readers read broken feeds: a `&`
// that starts no reference and a `<` that starts no tag become text; attribute values
// without quotes or without a closing quote are quoted; a repeated attribute keeps its
// first value; an end tag closes the elements opened after its element, and one that
// matches no open element is dropped; elements still open at the end (a final close
// tag cut short) are closed, except an `entry` or `item` cut short by the end, which is
// dropped with what it holds; an unclosed CDATA section runs to the end; comments,
// processing instructions, a plain DOCTYPE and anything outside the root element are
// dropped. The limits hold as in the strict path: a DOCTYPE with an internal subset is
// refused, and so are documents deeper or with more elements than `limits`, or whose
// repaired form would be more than twice their size (plus 64 KiB). Errors name the
// problem like the strict parser's ("xml: nested deeper than 256 elements").
Result<Repaired> repair(std::string_view utf8, const Limits& limits);

}  // namespace sic::xml
