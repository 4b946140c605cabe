#include "node/catalogue/tokens.h"

#include "feeds/model/hash.h"
#include "node/catalogue/session.h"

namespace sic {
namespace {

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

}  // namespace

Result<std::string> TokenStore::create(const std::string& name) {
  if (!valid_name(name))
    return Error{"token: invalid name \"" + name +
                 "\" (use 1-64 letters, digits, '.', '_' or '-')"};
  std::string token = "sic_" + hex_encode(random_bytes(20));
  Status st = s_.write([&]() -> Status {
    SIC_TRY_PREPARE(exists, s_, "SELECT 1 FROM api_tokens WHERE name = ?1");
    auto row = exists.bind(1, name).step();
    if (!row.ok()) return row.error();
    if (*row) return Error{"token: a token named \"" + name + "\" exists already"};
    exists.reset();
    SIC_TRY_PREPARE(q, s_,
                    "INSERT INTO api_tokens (name, token_hash, created_at) VALUES (?1, ?2, ?3)");
    return q.bind(1, name).bind(2, sha256_hex(token)).bind(3, to_unix(s_.clock->now())).run();
  });
  if (!st.ok()) return st.error();
  return token;
}

Result<std::vector<TokenInfo>> TokenStore::list() {
  SIC_TRY_PREPARE(q, s_, "SELECT name, created_at, last_used FROM api_tokens ORDER BY name");
  std::vector<TokenInfo> out;
  Status st = q.each([&] {
    TokenInfo info{q.text(0), from_unix(q.integer(1)), std::nullopt};
    if (auto used = q.optional_integer(2)) info.last_used = from_unix(*used);
    out.push_back(std::move(info));
  });
  if (!st.ok()) return st.error();
  return out;
}

Status TokenStore::revoke(const std::string& name) {
  return s_.delete_one("DELETE FROM api_tokens WHERE name = ?1", name,
                       Error{"token: no token named \"" + name + "\""});
}

Result<std::optional<std::string>> TokenStore::verify(const std::string& token) {
  if (token.size() != 44 || token.rfind("sic_", 0) != 0) return std::optional<std::string>();
  std::string name;
  {
    SIC_TRY_PREPARE(q, s_, "SELECT name FROM api_tokens WHERE token_hash = ?1");
    auto row = q.bind(1, sha256_hex(token)).step();
    if (!row.ok()) return row.error();
    if (!*row) return std::optional<std::string>();
    name = q.text(0);
  }
  SIC_TRY_PREPARE(u, s_, "UPDATE api_tokens SET last_used = ?1 WHERE name = ?2");
  if (Status st = u.bind(1, to_unix(s_.clock->now())).bind(2, name).run(); !st.ok())
    return st.error();
  return std::optional<std::string>(name);
}

}  // namespace sic
