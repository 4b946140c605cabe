#include "feeds/model/signature.h"

#include <initializer_list>

namespace sic {
namespace {

constexpr std::string_view kMagic = "sicnode-sig-v1\n";

std::string statement(std::initializer_list<std::string_view> fields) {
  std::string out(kMagic);
  for (std::string_view f : fields) {
    out += std::to_string(f.size());
    out += ':';
    out += f;
    out += '\n';
  }
  return out;
}

}  // namespace

bool is_node_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string article_statement(const Iri& id, std::string_view origin, TimePoint when,
                              std::string_view content_hash, bool deleted) {
  std::string time = std::to_string(to_unix(when));
  return statement({"article", id.str(), origin, time, content_hash, deleted ? "1" : "0"});
}

std::string translation_statement(const Iri& article, std::string_view source_hash,
                                  const LanguageTag& lang, std::string_view kind,
                                  std::string_view translation_hash, std::string_view translator) {
  return statement(
      {"translation", article.str(), source_hash, lang.str(), kind, translation_hash, translator});
}

std::string rotation_statement(std::string_view node, std::string_view old_key,
                               std::string_view new_key, TimePoint when) {
  std::string time = std::to_string(to_unix(when));
  return statement({"rotation", node, old_key, new_key, time});
}

}  // namespace sic
