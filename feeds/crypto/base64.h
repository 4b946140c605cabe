// Base64 (RFC 4648 section 4, with padding) for keys and signatures (internal to
// feeds/crypto and its users). Decoding is strict: the canonical encoding only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sic::crypto {

std::string base64_encode(std::string_view bytes);
// The bytes, or nullopt when text is not the canonical base64 of some bytes (wrong
// length, characters outside the alphabet, misplaced padding, non-zero spare bits).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sic::crypto
