// Plain text to Apertium's stream format and back (docs/translation.md, "Plain
// text"): what apertium-destxt and apertium-retxt do, in process, because those two
// programs do not pass the NUL bytes that separate texts in a null-flush pipeline.
#pragma once

#include <string>
#include <string_view>

namespace sic::translate::apertium {

// Escapes the characters the stream format reserves ([ ] ^ $ / \ @ { } < >) with a
// backslash and keeps whitespace other than a single space in superblanks ("[\n]"),
// which the pipeline passes through untouched. Adds a sentence end (".[]") before
// each blank line and at the end of the text, so that no rule moves words from one
// paragraph into the next. Precondition: `text` holds no NUL byte.
std::string deformat_text(std::string_view text);

// The reverse of deformat_text for the pipeline's output: removes the sentence ends
// deformat_text added, unwraps superblanks and unescapes.
std::string reformat_text(std::string_view stream);

// True when `text` is well-formed UTF-8 with no NUL byte: what a pipeline accepts.
bool acceptable_text(std::string_view text);

}  // namespace sic::translate::apertium
