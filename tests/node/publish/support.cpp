#include "tests/node/publish/support.h"

#include <random>
#include <stdexcept>

#include "feeds/feeds.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/translations.h"
#include "node/config/config.h"

namespace sic::test {
namespace {

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out + "]";
}

void check(const Status& st) {
  if (!st.ok()) throw std::runtime_error(st.message());
}

const std::vector<std::string> kTitles = {
    "Cyberbullying: how to <help> your child & what to say",
    "\"Quoted\" title with 'single' quotes & ampersands &amp; entities",
    "Emoji 🚀🔒 and a zero-width joiner 👩‍💻 in a title",
    "Λέξεις στα ελληνικά και Кириллица",
    "مرحبا بالعالم — نص من اليمين إلى اليسار",
    "日本語のタイトルと中文标题",
    "a < b > c and 3 > 2 & 1 < 2",
    "Looks like <b>bold</b> markup but is plain text",
    "Safer Internet Day 2027: a very long title that goes on and on about resources, "
    "campaigns, helplines, hotlines, youth panels, parents, teachers and everybody else "
    "who should read it before the deadline",
    "CDATA ]]> end marker and <![CDATA[ start",
};

const std::vector<std::string> kBodies = {
    "<p>Plain <strong>strong</strong> and <em>em</em>, a <a href=\"https://example.org/a?b=1&c=2\">"
    "link with a query</a>.</p>",
    "<h1>A level-one heading</h1><p>Body with a heading.</p><ul><li>one</li><li>two</li></ul>",
    "<table><tr><th>Year</th><th>Calls</th></tr><tr><td>2025</td><td>1,204</td></tr></table>",
    "<p>Script <script>alert(1)</script> and <img src=\"https://example.org/i.png\" alt=\"an "
    "image\" onerror=\"x()\"></p>",
    "<blockquote><p>Quote with &lt;escaped&gt; text &amp; an ampersand</p></blockquote>",
    "",
};

const std::vector<std::string> kTags = {
    "cyberbullying", "media literacy/education", "hate-speech", "sextortion",
    "privacy",       "Tag With Spaces",          "ai"};
const std::vector<std::string> kSections = {"", "awareness", "helplines", "hotlines", "youth"};
const std::vector<std::string> kLanguages = {"pt", "en", "pt-BR", "sr-Latn", "ga", "es", "fr"};
const std::vector<std::string> kOrigins = {"sic-pt", "sic-pt", "sic-es", "bik", "sic-ie"};

Article awkward(std::size_t i, std::mt19937& rng, int months) {
  auto pick = [&](const auto& list) { return list[rng() % list.size()]; };
  Article a;
  switch (i % 4) {
    case 0:
      a.id = iri("tag:sic.example.pt,2026:articles/" + std::to_string(i));
      break;
    case 1:
      a.id = iri("https://news.example.es/a/" + std::to_string(i) + "?lang=es&x=%C3%B1");
      break;
    case 2:
      a.id = iri("urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + i));
      break;
    default:
      a.id = iri("tag:bik.example.eu,2025:news/" + std::to_string(i) + "/ç~é");
  }
  a.origin = pick(kOrigins);
  if (a.origin != "sic-pt") a.via = "bik";
  a.lang = lang(pick(kLanguages));
  a.title = kTitles[i % kTitles.size()] + " #" + std::to_string(i);
  a.summary = i % 3 == 0 ? "" : "Summary with <angle brackets> & \"quotes\" #" + std::to_string(i);
  a.content_html = pick(kBodies);
  a.section = pick(kSections);
  for (std::size_t t = 0; t < rng() % 4; ++t) a.tags.push_back(pick(kTags));
  if (i % 5 == 0) a.link = "https://news.example.org/articles/" + std::to_string(i) + "?a=1&b=2";
  if (i % 6 == 0)
    a.enclosures.push_back({"https://cdn.example.org/guide-" + std::to_string(i) + ".pdf",
                            i % 12 == 0 ? "" : "application/pdf", std::int64_t(1000 + i), ""});
  if (i % 2 == 0) a.authors.push_back({"Linha Internet Segura", "https://sic.example.pt/", ""});
  // Spread over the months; every fourth article shares its time with the previous one.
  auto span = std::chrono::hours(24 * 30 * months);
  auto offset =
      std::chrono::seconds(rng() % std::chrono::duration_cast<std::chrono::seconds>(span).count());
  a.updated =
      test_now() - (i % 4 == 3 ? std::chrono::seconds(3600) : offset) - std::chrono::hours(1);
  if (i % 7 != 0) a.published = a.updated - std::chrono::hours(i % 5);
  return a;
}

void add_translations(Article& a, std::size_t i) {
  std::string hash = a.content_hash();
  if (a.lang.primary() != "en")
    a.translations.push_back({lang("en"), "English: " + a.title, "Summary in English",
                              "<p>Translated body &amp; more</p>", TranslationKind::kMachine,
                              "apertium", hash, a.updated + std::chrono::minutes(5), false});
  if (i % 3 == 0 && a.lang.primary() != "pt")
    a.translations.push_back({lang("pt"), "Português: " + a.title, "", "<p>Corpo traduzido</p>",
                              TranslationKind::kHuman, "", i % 2 ? hash : "stale-hash",
                              a.updated + std::chrono::minutes(9), i % 2 == 0});
}

}  // namespace

TimePoint test_now() { return from_unix(1795867200); }  // 2026-11-28T12:00:00Z
Iri iri(const std::string& text) { return Iri::parse(text).value(); }
LanguageTag lang(const std::string& text) { return LanguageTag::parse(text).value(); }

NodeFixture::NodeFixture(NodeSetup setup) : dir_("sic-publish"), clock_(test_now()) {
  std::string toml = "[node]\nid = \"" + setup.id + "\"\nname = \"" + setup.name +
                     "\"\nbase_url = \"" + std::string(kBase) +
                     "/\"\nlanguages = " + toml_list(setup.languages) +
                     "\ndata_dir = \"data\"\n\n" + setup.extra_toml;
  auto config = parse_config(toml, dir_.file("sicnode.toml").string());
  if (!config.ok()) throw std::runtime_error(config.error().message);
  if (!setup.key_file.empty()) {
    std::filesystem::create_directories(dir_.path() / "data");
    std::filesystem::copy_file(setup.key_file, dir_.path() / "data" / "node-key.json");
  }
  auto app = App::create(*config, clock_);
  if (!app.ok()) throw std::runtime_error(app.error().message);
  app_ = std::move(*app);
}

NodeFixture::~NodeFixture() = default;

http::Response NodeFixture::get(const std::string& target,
                                const std::map<std::string, std::string>& headers,
                                http::Method method) {
  http::Request r;
  r.method = method;
  r.target = target;
  size_t mark = target.find('?');
  r.path = target.substr(0, mark);
  if (mark != std::string::npos)
    r.query = http::parse_query(target.substr(mark + 1)).value_or(decltype(r.query){});
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    r.headers[lower] = value;
  }
  r.remote = "127.0.0.1";
  http::Response response = app_->handle(r);
  if (response.shared_body) response.body = std::string(response.payload());  // for the checks
  response.shared_body.reset();
  return response;
}

http::Response NodeFixture::served(const std::string& target) {
  http::Response response = get(target);
  http::Request r;
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  app_->finish(r, response);
  return response;
}

void NodeFixture::put(const Article& article) {
  Article a = article;
  canonicalize_article(a, ctx().sanitize);
  auto cat = ctx().catalogue->lease().value();
  check(cat->articles().put(a));
  for (const auto& t : a.translations) check(cat->translations().put(a.id, t));
}

void NodeFixture::translate(const Iri& id, const Translation& translation) {
  auto cat = ctx().catalogue->lease().value();
  check(cat->translations().put(id, translation));
}

void NodeFixture::remove(const Iri& id, const std::string& origin, TimePoint when) {
  auto cat = ctx().catalogue->lease().value();
  check(cat->articles().tombstone({id, origin, when, ""}));
}

std::int64_t NodeFixture::version() {
  auto cat = ctx().catalogue->lease().value();
  return cat->version().value();
}

Article simple_article(const std::string& id, const std::string& title, TimePoint updated,
                       const std::string& language) {
  Article a;
  a.id = iri(id);
  a.origin = "sic-pt";
  a.lang = lang(language);
  a.title = title;
  a.summary = "Summary of " + title;
  a.content_html = "<p>Body of " + title + "</p>";
  a.updated = updated;
  a.published = updated;
  return a;
}

std::vector<Article> awkward_articles(std::size_t n, std::uint32_t seed, int months) {
  std::mt19937 rng(seed);
  std::vector<Article> out;
  for (std::size_t i = 0; i < n; ++i) {
    Article a = awkward(i, rng, months);
    if (i % 4 == 3 && !out.empty()) a.updated = out.back().updated;  // a tie
    add_translations(a, i);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace sic::test
