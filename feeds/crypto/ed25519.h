// Ed25519 keys and signatures (RFC 8032) through OpenSSL's EVP interface, which
// stays inside this module (docs/merge.md, "Keys"). Public keys are written
// "ed25519:" + base64 of their 32 bytes, signatures as base64 of their 64 bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "feeds/model/result.h"

namespace sic::crypto {

constexpr std::string_view kKeyPrefix = "ed25519:";

// A public key to check signatures with. Copies share the key; thread-safe.
class PublicKey {
 public:
  // Parses "ed25519:" + base64 of 32 bytes; an Error names what is wrong.
  static Result<PublicKey> parse(std::string_view text);
  // Whether signature (base64 of 64 bytes) is this key's signature of message.
  // False for any malformed signature: never throws, never aborts.
  bool verify(std::string_view message, std::string_view signature) const;
  const std::string& text() const { return text_; }

  struct Impl;

 private:
  PublicKey() = default;
  std::shared_ptr<const Impl> impl_;
  std::string text_;
};

// A private key. Copies share the key; thread-safe.
class SigningKey {
 public:
  // A new random key (OpenSSL's RNG); aborts when the RNG fails.
  static SigningKey generate();
  // The key with this 32-byte private key (its seed, RFC 8032 section 5.1.5).
  static Result<SigningKey> from_seed(std::string_view seed);
  std::string seed() const;                                  // the 32 bytes
  const std::string& public_key() const { return public_; }  // "ed25519:..."
  std::string sign(std::string_view message) const;          // base64 of 64 bytes

  struct Impl;

 private:
  SigningKey() = default;
  std::shared_ptr<const Impl> impl_;
  std::string public_;
};

}  // namespace sic::crypto
