#include "feeds/model/hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <string>

namespace sic {

struct FieldHasher::Impl {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
};

FieldHasher::FieldHasher() : impl_(new Impl) {
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1)
    std::abort();
}

FieldHasher::~FieldHasher() {
  EVP_MD_CTX_free(impl_->ctx);
  delete impl_;
}

FieldHasher& FieldHasher::add(std::string_view field) {
  std::string prefix = std::to_string(field.size()) + ":";
  EVP_DigestUpdate(impl_->ctx, prefix.data(), prefix.size());
  EVP_DigestUpdate(impl_->ctx, field.data(), field.size());
  return *this;
}

std::string FieldHasher::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, digest, &len);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    std::abort();
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string hmac_hex(std::string_view algorithm, std::string_view key, std::string_view data) {
  const EVP_MD* md = algorithm == "sha256"   ? EVP_sha256()
                     : algorithm == "sha384" ? EVP_sha384()
                     : algorithm == "sha512" ? EVP_sha512()
                                             : nullptr;
  if (md == nullptr) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(md, key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), digest, &len) == nullptr)
    std::abort();
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), int(n)) != 1) std::abort();
  return out;
}

std::string hex_encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) append_hex(out, c);
  return out;
}

void append_hex(std::string& out, unsigned char byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 15];
}

std::string encode_base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()));
  out.resize(std::size_t(n));
  return out;
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
  if (compact.size() % 4 != 0) return std::nullopt;
  std::string out(compact.size() / 4 * 3, '\0');
  int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(compact.data()), int(compact.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding's bytes: take them off again.
  std::size_t padding = 0;
  for (std::size_t i = compact.size(); i > 0 && compact[i - 1] == '=' && padding < 2; --i)
    ++padding;
  out.resize(std::size_t(n) - padding);
  return out;
}

}  // namespace sic
