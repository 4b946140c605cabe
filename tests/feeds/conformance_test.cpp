// The conformance runner over gofeed's translator fixtures (docs/conformance.md).
//
// Each case is an input feed next to gofeed's format-neutral model of it. We parse the
// input with parse_feed, map our model onto gofeed's field names and compare every
// field of the expected JSON that our model represents. Fields our model does not
// have (generator, feed-level copyright and categories, images, extensions...) are
// not compared; a case with no comparable field is "not applicable". The pass rate
// of each folder must stay at or above the recorded threshold.
#include <cpprest/json.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "feeds/feeds.h"
#include "feeds/model/iri.h"

namespace fs = std::filesystem;
using web::json::value;

namespace {

// Recorded pass rates (docs/conformance.md); the test fails when a folder falls below.
struct Folder {
  const char* name;
  double threshold;
};
constexpr Folder kFolders[] = {{"atom", 0.97}, {"rss", 0.97}, {"json", 1.0}};

std::optional<fs::path> fixtures() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("SIC_CONFORMANCE_DIR")) candidates.emplace_back(env);
  candidates.emplace_back(fs::path(SIC_SOURCE_DIR) / ".." / "shared" / "conformance");
  candidates.emplace_back(fs::path(SIC_SOURCE_DIR) / ".." / ".." / "shared" / "conformance");
  candidates.emplace_back("/work/shared/conformance");
  for (const auto& c : candidates)
    if (fs::is_directory(c / "gofeed" / "translator")) return c / "gofeed" / "translator";
  return std::nullopt;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Text compared as text: markup removed, entities decoded, white space collapsed.
std::string norm(const std::string& s) { return sic::html_to_text(s); }

std::string lower(std::string s) {
  for (char& c : s) c = c == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Ids that are not IRIs come back as urn:sicnode:guid:<feed>:<percent-encoded id>.
std::string original_id(const std::string& id) {
  const std::string prefix = "urn:sicnode:guid:";
  if (id.rfind(prefix, 0) != 0) return id;
  auto decoded = sic::percent_decode(id.substr(id.find(':', prefix.size()) + 1));
  return decoded.ok() ? *decoded : id;
}

std::optional<std::int64_t> seconds(const std::string& rfc3339) {
  auto t = sic::parse_rfc3339(rfc3339);
  if (!t.ok()) return std::nullopt;
  return sic::to_unix(*t);
}

class Comparison {
 public:
  // Compares one field; counts it.
  void check(const std::string& field, const std::string& expected, const std::string& actual) {
    ++compared_;
    if (expected != actual)
      diffs_.push_back(field + ": expected \"" + expected + "\", got \"" + actual + "\"");
  }
  int compared() const { return compared_; }
  const std::vector<std::string>& diffs() const { return diffs_; }

 private:
  int compared_ = 0;
  std::vector<std::string> diffs_;
};

std::string str(const value& v, const char* key) {
  if (!v.is_object() || !v.has_field(key)) return "";
  const value& f = v.at(key);
  return f.is_string() ? f.as_string() : f.serialize();
}

bool has(const value& v, const char* key) { return v.is_object() && v.has_field(key); }

std::string person_text(const sic::Person& p) { return p.name + " <" + p.email + ">"; }
std::string person_text(const value& v) { return str(v, "name") + " <" + str(v, "email") + ">"; }

void compare_authors(Comparison& c, const std::string& where, const value& expected,
                     const std::vector<sic::Person>& actual) {
  if (has(expected, "authors")) {
    std::string e, a;
    for (const auto& p : expected.at("authors").as_array()) e += person_text(p) + "; ";
    for (const auto& p : actual) a += person_text(p) + "; ";
    c.check(where + "authors", e, a);
  } else if (has(expected, "author")) {
    c.check(where + "author", person_text(expected.at("author")),
            actual.empty() ? "" : person_text(actual.front()));
  }
}

void compare_date(Comparison& c, const std::string& field, const value& expected, const char* key,
                  std::optional<sic::TimePoint> actual) {
  if (!has(expected, key)) return;
  auto e = seconds(str(expected, key));
  c.check(field, e ? std::to_string(*e) : "unparseable",
          actual ? std::to_string(sic::to_unix(*actual)) : "none");
}

void compare_item(Comparison& c, int n, const value& e, const sic::Article& a) {
  std::string w = "items[" + std::to_string(n) + "].";
  if (has(e, "title")) c.check(w + "title", norm(str(e, "title")), a.title);
  if (has(e, "description")) c.check(w + "description", norm(str(e, "description")), a.summary);
  if (has(e, "content")) c.check(w + "content", norm(str(e, "content")), norm(a.content_html));
  if (has(e, "link")) c.check(w + "link", str(e, "link"), a.link);
  if (has(e, "guid")) c.check(w + "guid", str(e, "guid"), original_id(a.id.str()));
  compare_date(c, w + "published", e, "publishedParsed", a.published);
  if (has(e, "updatedParsed")) compare_date(c, w + "updated", e, "updatedParsed", a.updated);
  compare_authors(c, w, e, a.authors);
  if (has(e, "categories")) {
    std::string expected, actual;
    for (const auto& t : e.at("categories").as_array()) expected += t.as_string() + "; ";
    if (!a.section.empty()) actual += a.section + "; ";
    for (const auto& t : a.tags) actual += t + "; ";
    c.check(w + "categories", expected, actual);
  }
  if (has(e, "enclosures")) {
    std::string expected, actual;
    for (const auto& x : e.at("enclosures").as_array())
      expected += str(x, "url") + " " + str(x, "type") + " " + str(x, "length") + "; ";
    for (const auto& x : a.enclosures)
      actual += x.url + " " + x.type + " " + (x.length ? std::to_string(x.length) : "") + "; ";
    c.check(w + "enclosures", expected, actual);
  }
}

void compare(Comparison& c, const value& e, const sic::Feed& f) {
  if (has(e, "title")) c.check("title", norm(str(e, "title")), f.title);
  if (has(e, "description")) c.check("description", norm(str(e, "description")), f.subtitle);
  if (has(e, "link")) c.check("link", str(e, "link"), f.link("alternate"));
  if (has(e, "feedLink")) c.check("feedLink", str(e, "feedLink"), f.link("self"));
  // gofeed's links are a flat list; ours carry rels (next, hub, ...) and put the page
  // link first, so every link gofeed lists must be among ours, in any order.
  if (has(e, "links")) {
    std::string missing;
    for (const auto& l : e.at("links").as_array())
      if (std::none_of(f.links.begin(), f.links.end(),
                       [&](const sic::FeedLink& ours) { return ours.href == l.as_string(); }))
        missing += l.as_string() + "; ";
    c.check("links (missing)", "", missing);
  }
  if (has(e, "language")) c.check("language", lower(str(e, "language")), lower(f.lang.str()));
  if (has(e, "copyright")) c.check("copyright", norm(str(e, "copyright")), f.rights);
  if (has(e, "image") && has(e.at("image"), "url"))
    c.check("image.url", str(e.at("image"), "url"), f.icon);
  compare_date(c, "updated", e, "updatedParsed", f.updated);
  compare_authors(c, "", e, f.authors);
  if (has(e, "items")) {
    const auto& items = e.at("items").as_array();
    c.check("items.size", std::to_string(items.size()), std::to_string(f.articles.size()));
    for (size_t i = 0; i < items.size() && i < f.articles.size(); ++i)
      compare_item(c, int(i), items.at(i), f.articles[i]);
  }
}

struct Tally {
  int total = 0, applicable = 0, passed = 0;
  std::vector<std::string> failures;
  std::vector<std::string> not_applicable;
};

void run_case(const fs::path& input, const fs::path& expected_path, Tally& t) {
  ++t.total;
  value expected = value::parse(slurp(expected_path));
  auto feed = sic::parse_feed(slurp(input), {});
  Comparison c;
  if (!feed.ok()) {
    t.failures.push_back(input.filename().string() + ": " + feed.error().message);
    ++t.applicable;
    return;
  }
  compare(c, expected, *feed);
  // items.size alone (an empty feed) is not a comparison of a field we represent.
  bool only_count = c.compared() == 1 && has(expected, "items");
  if (c.compared() == 0 || (only_count && c.diffs().empty())) {
    t.not_applicable.push_back(input.filename().string());
    return;
  }
  ++t.applicable;
  if (c.diffs().empty()) {
    ++t.passed;
    return;
  }
  std::string line = input.filename().string() + ":";
  for (const auto& d : c.diffs()) line += "\n      " + d;
  t.failures.push_back(line);
}

Tally run_folder(const fs::path& dir) {
  Tally t;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    auto p = entry.path();
    std::string name = p.filename().string();
    bool expected_file = name.size() > 14 && name.substr(name.size() - 14) == "_expected.json";
    if (expected_file) continue;
    if (p.extension() == ".xml" || p.extension() == ".json") {
      fs::path expected = p;
      expected.replace_extension(".json");
      if (p.extension() == ".json") expected = dir / (p.stem().string() + "_expected.json");
      if (p.extension() == ".json" && !fs::exists(expected)) continue;
      if (p.extension() == ".xml" && !fs::exists(expected)) continue;
      inputs.push_back(p);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& p : inputs) {
    fs::path expected = p.extension() == ".xml" ? fs::path(p).replace_extension(".json")
                                                : dir / (p.stem().string() + "_expected.json");
    run_case(p, expected, t);
  }
  return t;
}

}  // namespace

TEST_CASE("The readers agree with gofeed's translator fixtures at the recorded rates",
          "[feeds][conformance]") {
  auto root = fixtures();
  if (!root) {
    WARN("conformance fixtures not found (../shared/conformance/gofeed): SKIPPED");
    std::cout << "conformance: SKIPPED, fixtures not found\n";
    return;
  }
  bool verbose = std::getenv("SIC_CONFORMANCE_VERBOSE") != nullptr;
  for (const auto& folder : kFolders) {
    Tally t = run_folder(*root / folder.name);
    double rate = t.applicable ? double(t.passed) / t.applicable : 1.0;
    std::cout << "conformance: translator/" << folder.name << ": " << t.passed << "/"
              << t.applicable << " passed (" << int(rate * 1000) / 10.0 << "%), "
              << t.total - t.applicable << " of " << t.total << " not applicable\n";
    for (const auto& f : t.failures)
      std::cout << "    differs: " << (verbose ? f : f.substr(0, f.find('\n'))) << "\n";
    if (verbose)
      for (const auto& n : t.not_applicable) std::cout << "    not applicable: " << n << "\n";
    INFO("translator/" << folder.name);
    CHECK(rate >= folder.threshold);
  }
}
