#include "node/pages/po.h"

#include <optional>
#include <vector>

namespace sic::pages {
namespace {

// One entry as it is read: the keyword last seen decides where a continued string goes.
struct Entry {
  std::string context, msgid, msgstr, msgid_plural;
  std::vector<std::string> forms;  // msgstr[0], msgstr[1], ...
  bool has_context = false, fuzzy = false, plural = false, has_msgstr = false;
  std::string* last = nullptr;
};

Error error_at(size_t line, std::string_view what) {
  return Error{"po: line " + std::to_string(line) + ": " + std::string(what)};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

char unescape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    default:
      return c;  // \" and \\ (and any other character as itself)
  }
}

// The text of `"..."` (the whole of s), appended to out; false when s is not one string.
bool append_quoted(std::string_view s, std::string& out) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '"') return false;
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return false;  // a backslash before the closing quote
    out += unescape(s[++i]);
  }
  return true;
}

// A plural entry's forms joined by '\0' (gettext's own layout in .mo files); "" when
// one of them is untranslated.
std::string joined_forms(const Entry& e) {
  std::string out;
  for (const auto& f : e.forms) {
    if (f.empty()) return "";
    out += (out.empty() ? "" : std::string(1, '\0')) + f;
  }
  return out;
}

void finish(Entry& e, Messages& out) {
  std::string value = e.plural ? joined_forms(e) : e.msgstr;
  bool skip = e.msgid.empty() || value.empty() || e.fuzzy;
  if (!skip) out[e.has_context ? po_key(e.context, e.msgid) : e.msgid] = value;
  e = Entry{};
}

// "msgstr[N]": N when it is the next form of the entry, else nullopt.
std::optional<size_t> form_index(std::string_view word, const Entry& e) {
  if (!word.starts_with("msgstr[") || !word.ends_with("]")) return std::nullopt;
  std::string_view digits = word.substr(7, word.size() - 8);
  if (digits.size() != 1 || digits[0] < '0' || digits[0] > '9') return std::nullopt;
  size_t n = size_t(digits[0] - '0');
  return n == e.forms.size() ? std::optional<size_t>(n) : std::nullopt;
}

// Reads one keyword line ("msgid \"...\"") into the entry; false for an unknown keyword.
bool keyword(std::string_view line, Entry& e, Messages& out, bool& quoted) {
  size_t space = line.find_first_of(" \t");
  std::string_view word = line.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? "" : trim(line.substr(space));
  if ((word == "msgctxt" || word == "msgid") && e.has_msgstr) finish(e, out);
  if (word.starts_with("msgstr")) e.has_msgstr = true;
  if (word == "msgctxt") {
    e.has_context = true;
    e.last = &e.context;
  } else if (word == "msgid") {
    e.last = &e.msgid;
  } else if (word == "msgstr" && !e.plural) {
    e.last = &e.msgstr;
  } else if (word == "msgid_plural") {
    e.plural = true;
    e.last = &e.msgid_plural;
  } else if (auto n = e.plural ? form_index(word, e) : std::nullopt) {
    e.forms.emplace_back();
    e.last = &e.forms[*n];
  } else {
    return false;
  }
  std::string ignored;
  quoted = append_quoted(rest, e.last ? *e.last : ignored);
  return true;
}

// Evaluates a Plural-Forms expression for one n (a recursive descent over C's
// precedence levels). ok is false when the text is not an expression.
class PluralExpression {
 public:
  PluralExpression(std::string_view text, unsigned long n) : s_(text), n_(n) {}
  std::optional<unsigned long> value() {
    unsigned long v = conditional();
    space();
    if (!ok_ || at_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void space() {
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t')) ++at_;
  }
  bool take(std::string_view op) {
    space();
    if (s_.substr(at_, op.size()) != op) return false;
    // "<" is not the start of "<=", "!" not of "!=", "=" alone is no operator.
    if (op.size() == 1 && at_ + 1 < s_.size() && s_[at_ + 1] == '=' && op != "=") return false;
    at_ += op.size();
    return true;
  }
  unsigned long conditional() {
    unsigned long c = logical_or();
    if (!take("?")) return c;
    unsigned long a = conditional();
    if (!take(":")) ok_ = false;
    unsigned long b = conditional();
    return c ? a : b;
  }
  unsigned long logical_or() {
    unsigned long v = logical_and();
    while (take("||")) v = logical_and() || v;
    return v;
  }
  unsigned long logical_and() {
    unsigned long v = equality();
    while (take("&&")) v = equality() && v;
    return v;
  }
  unsigned long equality() {
    unsigned long v = relation();
    while (true) {
      if (take("=="))
        v = v == relation();
      else if (take("!="))
        v = v != relation();
      else
        return v;
    }
  }
  unsigned long relation() {
    unsigned long v = additive();
    while (true) {
      if (take("<="))
        v = v <= additive();
      else if (take(">="))
        v = v >= additive();
      else if (take("<"))
        v = v < additive();
      else if (take(">"))
        v = v > additive();
      else
        return v;
    }
  }
  unsigned long additive() {
    unsigned long v = multiplicative();
    while (true) {
      if (take("+"))
        v += multiplicative();
      else if (take("-"))
        v -= multiplicative();
      else
        return v;
    }
  }
  unsigned long multiplicative() {
    unsigned long v = unary();
    while (true) {
      bool mod = take("%");
      if (!mod && !take("*") && !take("/")) return v;
      char op = mod ? '%' : s_[at_ - 1];
      unsigned long r = unary();
      if (op == '*')
        v *= r;
      else if (r == 0)
        ok_ = false;
      else
        v = op == '%' ? v % r : v / r;
    }
  }
  unsigned long unary() {
    if (take("!")) return !unary();
    space();
    if (take("(")) {
      unsigned long v = conditional();
      if (!take(")")) ok_ = false;
      return v;
    }
    if (at_ < s_.size() && s_[at_] == 'n') return ++at_, n_;
    unsigned long v = 0;
    size_t start = at_;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9' && at_ - start < 9)
      v = v * 10 + unsigned(s_[at_++] - '0');
    if (at_ == start) ok_ = false;
    return v;
  }

  std::string_view s_;
  unsigned long n_;
  size_t at_ = 0;
  bool ok_ = true;
};

// The value of "NAME=VALUE;" in the Plural-Forms line (without the ';'), or nullopt.
std::optional<std::string_view> plural_field(std::string_view line, std::string_view name) {
  size_t at = line.find(name);
  if (at == std::string_view::npos) return std::nullopt;
  at = line.find('=', at);
  if (at == std::string_view::npos) return std::nullopt;
  size_t end = line.find(';', at);
  return trim(line.substr(at + 1, end == std::string_view::npos ? end : end - at - 1));
}

}  // namespace

Result<PluralRule> plural_rule(std::string_view po_text) {
  size_t at = po_text.find("Plural-Forms:");
  if (at == std::string_view::npos) return PluralRule{};
  std::string_view line = po_text.substr(at, po_text.find('\n', at) - at);
  if (size_t esc = line.find("\\n"); esc != std::string_view::npos) line = line.substr(0, esc);
  auto count = plural_field(line, "nplurals"), expression = plural_field(line, "plural=");
  if (!count || !expression || count->size() != 1 || (*count)[0] < '1' || (*count)[0] > '6')
    return Error{"po: Plural-Forms: expected \"nplurals=N; plural=EXPRESSION;\""};
  PluralRule rule{unsigned((*count)[0] - '0'), std::string(*expression)};
  for (unsigned long n = 0; n <= 1000; ++n) {
    auto form = PluralExpression(rule.expression, n).value();
    if (!form || *form >= rule.count)
      return Error{"po: Plural-Forms: \"" + rule.expression +
                   "\" is not a plural expression "
                   "giving 0 to " +
                   std::to_string(rule.count - 1) + " (n = " + std::to_string(n) + ")"};
  }
  return rule;
}

unsigned plural_form(const PluralRule& rule, unsigned long n) {
  return unsigned(PluralExpression(rule.expression, n).value().value_or(0));
}

std::string po_key(std::string_view context, std::string_view msgid) {
  std::string key(context);
  key += '\x04';
  key += msgid;
  return key;
}

Result<Messages> parse_po(std::string_view text) {
  Messages out;
  Entry e;
  size_t number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.empty()) continue;
    if (line.front() == '#') {  // comments and flags belong to the next entry
      if (e.has_msgstr) finish(e, out);
      if (line.starts_with("#,") && line.find("fuzzy") != std::string_view::npos) e.fuzzy = true;
      continue;
    }
    if (line.front() == '"') {
      std::string ignored;
      if (!append_quoted(line, e.last ? *e.last : ignored))
        return error_at(number, "a string that is not closed");
      continue;
    }
    bool quoted = false;
    if (!keyword(line, e, out, quoted)) return error_at(number, "not a .po line");
    if (!quoted) return error_at(number, "expected a quoted string");
  }
  finish(e, out);
  return out;
}

}  // namespace sic::pages
