#include "feeds/model/hash.h"

#include <openssl/evp.h>
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

}  // namespace sic
