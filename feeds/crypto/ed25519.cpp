#include "feeds/crypto/ed25519.h"

#include <openssl/evp.h>

#include <cstdlib>

#include "feeds/crypto/base64.h"

namespace sic::crypto {
namespace {

struct Key {
  explicit Key(EVP_PKEY* k) : pkey(k) {}
  ~Key() { EVP_PKEY_free(pkey); }
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  EVP_PKEY* pkey;
};

struct MdContext {
  MdContext() : ctx(EVP_MD_CTX_new()) {
    if (ctx == nullptr) std::abort();
  }
  ~MdContext() { EVP_MD_CTX_free(ctx); }
  MdContext(const MdContext&) = delete;
  MdContext& operator=(const MdContext&) = delete;
  EVP_MD_CTX* ctx;
};

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string public_text(EVP_PKEY* pkey) {
  unsigned char raw[32];
  size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(pkey, raw, &len) != 1 || len != 32) std::abort();
  return std::string(kKeyPrefix) +
         base64_encode(std::string_view(reinterpret_cast<char*>(raw), 32));
}

}  // namespace

struct PublicKey::Impl : Key {
  using Key::Key;
};
struct SigningKey::Impl : Key {
  using Key::Key;
};

Result<PublicKey> PublicKey::parse(std::string_view text) {
  if (text.substr(0, kKeyPrefix.size()) != kKeyPrefix)
    return Error{"crypto: a key is \"ed25519:\" and base64, not \"" +
                 std::string(text.substr(0, 60)) + "\""};
  auto raw = base64_decode(text.substr(kKeyPrefix.size()));
  if (!raw || raw->size() != 32)
    return Error{"crypto: \"" + std::string(text.substr(0, 60)) +
                 "\" is not the base64 of a 32-byte key"};
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(*raw), 32);
  if (pkey == nullptr) return Error{"crypto: OpenSSL refused the key " + std::string(text)};
  PublicKey key;
  key.impl_ = std::make_shared<const Impl>(pkey);
  key.text_ = std::string(text);
  return key;
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != 88) return false;  // base64 of 64 bytes
  auto raw = base64_decode(signature);
  if (!raw || raw->size() != 64) return false;
  MdContext md;
  if (EVP_DigestVerifyInit(md.ctx, nullptr, nullptr, nullptr, impl_->pkey) != 1) return false;
  return EVP_DigestVerify(md.ctx, bytes(*raw), raw->size(), bytes(message), message.size()) == 1;
}

SigningKey SigningKey::generate() {
  EVP_PKEY* pkey = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
  if (ctx == nullptr || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &pkey) != 1)
    std::abort();
  EVP_PKEY_CTX_free(ctx);
  SigningKey key;
  key.impl_ = std::make_shared<const Impl>(pkey);
  key.public_ = public_text(pkey);
  return key;
}

Result<SigningKey> SigningKey::from_seed(std::string_view seed) {
  if (seed.size() != 32) return Error{"crypto: an Ed25519 private key is 32 bytes"};
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), 32);
  if (pkey == nullptr) return Error{"crypto: OpenSSL refused the private key"};
  SigningKey key;
  key.impl_ = std::make_shared<const Impl>(pkey);
  key.public_ = public_text(pkey);
  return key;
}

std::string SigningKey::seed() const {
  std::string raw(32, '\0');
  size_t len = raw.size();
  if (EVP_PKEY_get_raw_private_key(impl_->pkey, reinterpret_cast<unsigned char*>(raw.data()),
                                   &len) != 1 ||
      len != 32)
    std::abort();
  return raw;
}

std::string SigningKey::sign(std::string_view message) const {
  MdContext md;
  unsigned char sig[64];
  size_t len = sizeof sig;
  if (EVP_DigestSignInit(md.ctx, nullptr, nullptr, nullptr, impl_->pkey) != 1 ||
      EVP_DigestSign(md.ctx, sig, &len, bytes(message), message.size()) != 1 || len != 64)
    std::abort();
  return base64_encode(std::string_view(reinterpret_cast<char*>(sig), len));
}

}  // namespace sic::crypto
