// URI references (RFC 3986 section 5) as the readers and the sanitizer resolve them
// (internal to feeds/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sic::text {

// The scheme of an absolute reference in lower case ("https", "javascript"), or ""
// when ref is relative. Leading white space and control characters are ignored, and
// tabs and newlines inside are removed first, as browsers do.
std::string uri_scheme(std::string_view ref);

// text with the code points RFC 3987 keeps out of IRIs and XML cannot always carry
// (C1 controls, U+FFFE, U+FFFF, bidirectional formatting characters) and invalid UTF-8
// bytes percent-encoded; everything else unchanged. Used for ids, which must travel
// in every format unchanged.
std::string iri_safe(std::string_view text);

// Resolves ref against base (RFC 3986, 5.2, strict) after removing white space and
// control characters as browsers do; characters an IRI cannot hold (space, <>"{}|\^`)
// are percent-encoded and dot segments removed, so the result is stable:
// resolve(resolve(x, b), c) == resolve(x, b). Returns nullopt when ref is relative and
// base is not absolute, or when ref is empty and there is no base.
std::optional<std::string> resolve_uri(std::string_view base, std::string_view ref);
// The same, appended to out; false (and out unchanged) when resolve_uri gives nullopt.
bool append_resolved_uri(std::string& out, std::string_view base, std::string_view ref);

}  // namespace sic::text
