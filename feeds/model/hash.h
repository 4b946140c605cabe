#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sic {

// SHA-256 of the bytes, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// A hash builder over a sequence of fields: each field is length-prefixed so that
// ("ab","c") and ("a","bc") differ.
class FieldHasher {
 public:
  FieldHasher();
  ~FieldHasher();
  FieldHasher(const FieldHasher&) = delete;
  FieldHasher& operator=(const FieldHasher&) = delete;
  FieldHasher& add(std::string_view field);
  std::string hex();  // finishes; call once

 private:
  struct Impl;
  Impl* impl_;
};

// HMAC-SHA-256 / -384 / -512 (RFC 2104) of the data under the key, as lower-case hex
// digits: WebSub's X-Hub-Signature. `algorithm` is "sha256", "sha384" or "sha512";
// another gives "".
std::string hmac_hex(std::string_view algorithm, std::string_view key, std::string_view data);
// Compares in time that depends on the lengths only (for secrets and signatures).
bool equal_in_constant_time(std::string_view a, std::string_view b);

// n cryptographically random bytes (OpenSSL RAND_bytes); aborts if the RNG fails.
std::string random_bytes(size_t n);
// The bytes as lower-case hex digits ("0a1b...").
std::string hex_encode(std::string_view bytes);
// Appends one byte as two lower-case hex digits ("0a").
void append_hex(std::string& out, unsigned char byte);

// Base64 (RFC 4648 section 4, with padding).
std::string encode_base64(std::string_view bytes);
// Decodes base64 (RFC 4648 section 4), ignoring ASCII whitespace; std::nullopt when the
// text holds any other character outside the alphabet or has a bad length or padding.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace sic
