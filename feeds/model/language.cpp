#include "feeds/model/language.h"

#include <cctype>
#include <vector>

namespace sic {
namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  for (unsigned char c : s)
    if (!pred(c)) return false;
  return true;
}
bool is_alpha(std::string_view s) { return all_of(s, std::isalpha); }
bool is_digit(std::string_view s) { return all_of(s, std::isdigit); }
bool is_alnum(std::string_view s) { return all_of(s, std::isalnum); }

std::vector<std::string> split_subtags(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dash = text.find('-', start);
    out.emplace_back(text.substr(start, dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Validates subtags[i...] as RFC 5646 extensions and private use; canonical case is lower.
bool valid_tail(const std::vector<std::string>& t, size_t i) {
  while (i < t.size()) {
    const std::string& singleton = t[i];
    if (singleton.size() != 1 || !is_alnum(singleton)) return false;
    bool private_use = singleton == "x";
    size_t n = 0;
    for (++i; i < t.size() && (private_use || t[i].size() > 1); ++i, ++n) {
      size_t min = private_use ? 1 : 2;
      if (t[i].size() < min || t[i].size() > 8 || !is_alnum(t[i])) return false;
    }
    if (n == 0) return false;
  }
  return true;
}

bool is_variant(const std::string& s) {
  if (!is_alnum(s)) return false;
  if (s.size() >= 5 && s.size() <= 8) return true;
  return s.size() == 4 && std::isdigit(static_cast<unsigned char>(s[0]));
}

// "en", "pt", "pt-BR": most tags are a language and a region (or none), and need no
// split. Empty when text is not of that form.
std::string simple_tag(std::string_view text) {
  auto letters = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (!std::isalpha(static_cast<unsigned char>(text[i]))) return false;
    return true;
  };
  bool language = (text.size() == 2 || text.size() == 3) && letters(0, text.size());
  bool with_region = text.size() == 5 && letters(0, 2) && text[2] == '-' && letters(3, 2);
  if (!language && !with_region) return "";
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = char(i < 3 ? std::tolower(static_cast<unsigned char>(out[i]))
                        : std::toupper(static_cast<unsigned char>(out[i])));
  return out;
}

}  // namespace

Result<LanguageTag> LanguageTag::parse(std::string_view text) {
  if (std::string simple = simple_tag(text); !simple.empty()) return LanguageTag(std::move(simple));
  // Built when needed: most tags are well-formed.
  struct {
    std::string_view text;
    operator Result<LanguageTag>() const {  // NOLINT: implicit by design
      return Error{"language: not a BCP 47 language tag: \"" + std::string(text) + "\""};
    }
  } bad{text};
  if (text.empty() || text.size() > 64) return bad;
  std::vector<std::string> t = split_subtags(lower(std::string(text)));
  for (const auto& s : t)
    if (s.empty()) return bad;
  size_t i = 0;
  if (t[0] == "x")
    return valid_tail(t, 0) ? Result<LanguageTag>(LanguageTag(lower(std::string(text)))) : bad;
  // language: 2-3 letters (+ up to three 3-letter extlangs), 4 letters, or 5-8 letters.
  if (!is_alpha(t[0]) || t[0].size() < 2 || t[0].size() > 8) return bad;
  ++i;
  if (t[0].size() <= 3)
    for (int n = 0; n < 3 && i < t.size() && t[i].size() == 3 && is_alpha(t[i]); ++n) ++i;
  if (i < t.size() && t[i].size() == 4 && is_alpha(t[i])) {  // script: Titlecase
    t[i][0] = char(std::toupper(static_cast<unsigned char>(t[i][0])));
    ++i;
  }
  if (i < t.size() &&
      ((t[i].size() == 2 && is_alpha(t[i])) || (t[i].size() == 3 && is_digit(t[i])))) {
    for (char& c : t[i]) c = char(std::toupper(static_cast<unsigned char>(c)));  // region
    ++i;
  }
  while (i < t.size() && is_variant(t[i])) ++i;
  if (!valid_tail(t, i)) return bad;
  std::string out;
  for (size_t k = 0; k < t.size(); ++k) out += (k ? "-" : "") + t[k];
  return LanguageTag(std::move(out));
}

std::string LanguageTag::primary() const { return tag_.substr(0, tag_.find('-')); }

}  // namespace sic
