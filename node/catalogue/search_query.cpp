#include "node/catalogue/search_query.h"

#include <cctype>

namespace sic {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Letters, digits and every byte of a non-ASCII character make a term worth looking for.
bool has_word_character(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || std::isalnum(c)) return true;
  return false;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// One item of the input: a term, an OR, or nothing worth keeping.
struct Token {
  enum Kind { kTerm, kOr, kSkip } kind = kSkip;
  SearchTerm term;
  bool excluded = false;
};

Result<Token> read_phrase(std::string_view in, std::size_t& at, bool excluded) {
  std::size_t close = in.find('"', at + 1);
  if (close == std::string_view::npos)
    return Error{"search: a quotation mark is not closed; remove it or add its pair"};
  Token t{Token::kTerm, {std::string(in.substr(at + 1, close - at - 1)), false, true}, excluded};
  at = close + 1;
  while (at < in.size() && in[at] == '*') ++at;  // a star after a phrase means nothing
  if (!has_word_character(t.term.text)) t.kind = Token::kSkip;
  return t;
}

Result<Token> read_token(std::string_view in, std::size_t& at) {
  bool excluded = false;
  if (in[at] == '-' && at + 1 < in.size() && !is_space(in[at + 1])) {
    excluded = true;
    ++at;
  }
  if (in[at] == '"') return read_phrase(in, at, excluded);
  std::size_t end = at;
  while (end < in.size() && !is_space(in[end]) && in[end] != '"') ++end;
  std::string_view word = in.substr(at, end - at);
  at = end;
  if (!excluded && word == "OR") return Token{Token::kOr, {}, false};
  Token t{Token::kTerm, {}, excluded};
  while (!word.empty() && word.back() == '*') {
    t.term.prefix = true;
    word.remove_suffix(1);
  }
  t.term.text = std::string(word);
  if (!has_word_character(t.term.text)) t.kind = Token::kSkip;
  return t;
}

Result<std::vector<Token>> tokenize(std::string_view in) {
  std::vector<Token> out;
  std::size_t terms = 0;
  for (std::size_t at = 0; at < in.size();) {
    if (is_space(in[at])) {
      ++at;
      continue;
    }
    auto t = read_token(in, at);
    if (!t.ok()) return t.error();
    if (t->kind == Token::kSkip) continue;
    if (t->kind == Token::kTerm && ++terms > kMaxQueryTerms)
      return Error{"search: the query has more than " + std::to_string(kMaxQueryTerms) +
                   " words or phrases"};
    out.push_back(std::move(*t));
  }
  return out;
}

Status add_token(SearchQuery& q, const std::vector<Token>& tokens, std::size_t i) {
  const Token& t = tokens[i];
  const bool after_or = i > 0 && tokens[i - 1].kind == Token::kOr;
  if (t.kind == Token::kOr) {
    const bool left = i > 0 && tokens[i - 1].kind == Token::kTerm && !tokens[i - 1].excluded;
    const bool right =
        i + 1 < tokens.size() && tokens[i + 1].kind == Token::kTerm && !tokens[i + 1].excluded;
    if (!left || !right)
      return Error{
          "search: OR needs a word or phrase on each side (and cannot join an "
          "excluded one)"};
    return Status::Ok();
  }
  if (t.excluded)
    q.excluded.push_back(t.term);
  else if (after_or)
    q.groups.back().push_back(t.term);
  else
    q.groups.push_back({t.term});
  return Status::Ok();
}

std::string quoted(const SearchTerm& t, bool allow_prefix) {
  std::string out = "\"";
  for (char c : t.text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  if (allow_prefix && t.prefix) out += " *";
  return out;
}

std::string any_of(const std::vector<SearchTerm>& terms, bool allow_prefix) {
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : " OR ") + quoted(t, allow_prefix);
  return terms.size() > 1 ? "(" + out + ")" : out;
}

std::string render(const SearchQuery& q, bool allow_prefix, bool with_excluded) {
  std::string out;
  for (const auto& group : q.groups)
    out += (out.empty() ? "" : " AND ") + any_of(group, allow_prefix);
  if (!with_excluded || q.excluded.empty()) return out;
  out = "(" + out + ")";
  for (const auto& t : q.excluded) out += " NOT " + quoted(t, allow_prefix);
  return out;
}

}  // namespace

Result<SearchQuery> parse_search_query(std::string_view input) {
  if (code_points(input) > kMaxQueryChars)
    return Error{"search: the query is longer than " + std::to_string(kMaxQueryChars) +
                 " characters"};
  auto tokens = tokenize(input);
  if (!tokens.ok()) return tokens.error();
  SearchQuery q;
  for (std::size_t i = 0; i < tokens->size(); ++i)
    if (Status st = add_token(q, *tokens, i); !st.ok()) return st.error();
  if (q.groups.empty() && !q.excluded.empty())
    return Error{"search: the query only excludes words; add a word to look for"};
  if (q.groups.empty()) return Error{"search: the query has no letters or digits to look for"};
  return q;
}

std::string to_fts5_words(const SearchQuery& query) { return render(query, true, true); }

std::string to_fts5_grams(const SearchQuery& query) { return render(query, false, false); }

std::string to_fts5_excluded(const SearchQuery& query) {
  return query.excluded.empty() ? std::string() : any_of(query.excluded, true);
}

}  // namespace sic
