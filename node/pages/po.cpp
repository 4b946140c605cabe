#include "node/pages/po.h"

namespace sic::pages {
namespace {

// One entry as it is read: the keyword last seen decides where a continued string goes.
struct Entry {
  std::string context, msgid, msgstr;
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

void finish(Entry& e, Messages& out) {
  bool skip = e.msgid.empty() || e.msgstr.empty() || e.fuzzy || e.plural;
  if (!skip) out[e.has_context ? po_key(e.context, e.msgid) : e.msgid] = e.msgstr;
  e = Entry{};
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
  } else if (word == "msgstr" || word == "msgstr[0]") {
    e.last = &e.msgstr;
  } else if (word == "msgid_plural" || word.starts_with("msgstr[")) {
    e.plural = true;
    e.last = nullptr;
  } else {
    return false;
  }
  std::string ignored;
  quoted = append_quoted(rest, e.last ? *e.last : ignored);
  return true;
}

}  // namespace

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
