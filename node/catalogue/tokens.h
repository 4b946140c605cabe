// API tokens for the write endpoints. Only a SHA-256 of each token is stored; the
// token itself is shown once, when it is created.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/model/datetime.h"
#include "feeds/model/result.h"

namespace sic {
namespace catalogue {
struct Session;
}

struct TokenInfo {
  std::string name;
  TimePoint created_at{};
  std::optional<TimePoint> last_used;
};

class TokenStore {
 public:
  explicit TokenStore(catalogue::Session& session) : s_(session) {}

  // Creates a token named `name` (1-64 of A-Z a-z 0-9 . _ -) and returns the token
  // ("sic_" + 40 hex digits). Errors: a bad name, or a token of that name exists.
  Result<std::string> create(const std::string& name);
  Result<std::vector<TokenInfo>> list();
  // Error when no token has that name.
  Status revoke(const std::string& name);
  // The name of the token, or nullopt when it is not a valid token. Records last use.
  Result<std::optional<std::string>> verify(const std::string& token);

 private:
  catalogue::Session& s_;
};

}  // namespace sic
