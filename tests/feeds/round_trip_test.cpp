// Property tests: writing then reading is lossless for every model field in all three
// formats, so an article that travels A -> B -> C keeps its content hash; and the
// sanitizer is idempotent. Generated inputs, bounded count, fixed seed.
#include <catch2/catch.hpp>
#include <random>

#include "feeds/feeds.h"

using namespace sic;

namespace {

constexpr unsigned kSeed = 20261128;
constexpr int kArticles = 60;  // per generated feed
constexpr int kFeeds = 4;

const std::vector<std::string> kText = {"]]>",
                                        "&",
                                        "<",
                                        ">",
                                        "&amp;",
                                        "&lt;b&gt;",
                                        "<b>bold</b>",
                                        "\"",
                                        "'",
                                        "a < b",
                                        "AT&T",
                                        "\x01",
                                        "\x7f",
                                        "\x1b[0m",
                                        "\r\n",
                                        "\t",
                                        "  ",
                                        "\u00A0",
                                        "\u200F",
                                        "\uFEFF",
                                        "\xEF\xBF\xBE",
                                        "\xff",
                                        "\xc3",
                                        "שלום עולם",
                                        "مرحبا بالعالم",
                                        "😀",
                                        "👩‍👩‍👧",
                                        "e\u0301",
                                        "Zażółć",
                                        "Ελληνικά",
                                        "<!--",
                                        "<![CDATA[",
                                        "-->",
                                        "&#x1F600;",
                                        "&nbsp;",
                                        "\\",
                                        "{}",
                                        "%20",
                                        "Cyberbullying",
                                        "media literacy/education",
                                        "x"};
const std::vector<std::string> kHtml = {"<p>",
                                        "</p>",
                                        "<b>",
                                        "</b>",
                                        "<a href=\"https://x.eu/?a=1&b=2\">",
                                        "</a>",
                                        "<img src=\"https://x.eu/i.png\" alt=\"]]>\">",
                                        "<script>alert(1)</script>",
                                        "<br>",
                                        "<ul><li>",
                                        "</li></ul>",
                                        "<table><tr><td>",
                                        "</table>",
                                        "<!-- c -->",
                                        "<a href=\"/rel\">",
                                        "<p style=\"color: red; position: fixed\">",
                                        "<iframe src=\"https://v.example/x\"></iframe>",
                                        "<div onclick=\"x\">",
                                        "</div>",
                                        "<h2>",
                                        "</h2>",
                                        "&amp;",
                                        "&eacute;",
                                        "<",
                                        ">",
                                        "\r\n"};
const std::vector<std::string> kIds = {
    "tag:sic.example.pt,2026:a/",   "https://bik.example.eu/articles/",
    "urn:uuid:1225c695-cfb8-4ebb-", "tag:x.eu,2026:é/ü?x=1&y=2#",
    "https://x.eu/a(b)'c*d!",       "mailto:a@x.eu?n="};
const std::vector<std::string> kLangs = {"",           "pt",     "en-GB", "sr-Latn",
                                         "zh-Hant-TW", "es-419", "und"};

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int number(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool coin(int percent = 50) { return number(1, 100) <= percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[size_t(number(0, int(v.size()) - 1))];
  }

  std::string text(int max_parts = 6) {
    std::string s;
    for (int i = number(0, max_parts); i > 0; --i) s += pick(kText) + (coin() ? " " : "");
    if (coin(3)) s += std::string(size_t(number(3000, 20000)), 'L');  // very long
    return s;
  }
  std::string html() {
    std::string s;
    for (int i = number(0, 12); i > 0; --i) s += coin() ? pick(kHtml) : pick(kText);
    return s;
  }
  std::string url() {
    return coin(20)
               ? ""
               : "https://x.eu/p/" + std::to_string(number(0, 999)) + "?q=<" + pick(kText) + ">";
  }
  LanguageTag lang() {
    const std::string& l = pick(kLangs);
    return l.empty() ? LanguageTag() : LanguageTag::parse(l).value();
  }
  TimePoint time() { return from_unix(std::int64_t(number(0, 2000000000)) * 2); }

  Person person() { return {text(3), url(), coin() ? "someone@x.eu" : ""}; }

  Translation translation() {
    Translation t;
    t.lang = LanguageTag::parse(pick(std::vector<std::string>{"en", "fr", "de-AT"})).value();
    t.title = text();
    t.summary = text();
    t.content_html = html();
    t.kind = coin() ? TranslationKind::kHuman : TranslationKind::kMachine;
    t.engine = coin() ? "apertium:pt>es>" + text(1) : "";
    t.source_hash = coin() ? std::string(64, 'a') : "";
    t.translated_at = time();
    t.outdated = coin(20);
    return t;
  }

  Article article(int n) {
    Article a;
    a.id = Iri::parse(pick(kIds) + std::to_string(n)).value();
    a.origin = coin() ? "sic-" + text(1) : "";
    a.lang = lang();
    a.title = text();
    a.summary = coin(70) ? text() : "";
    a.content_html = coin(80) ? html() : "";
    for (int i = number(0, 3); i > 0; --i) a.authors.push_back(person());
    a.section = coin() ? text(1) : "";
    for (int i = number(0, 4); i > 0; --i) a.tags.push_back(text(2));
    a.link = url();
    a.rights = coin(30) ? text(2) : "";
    for (int i = number(0, 2); i > 0; --i)
      a.enclosures.push_back({"https://x.eu/f" + std::to_string(i) + ".pdf",
                              coin() ? "application/pdf" : "", coin() ? number(1, 1 << 30) : 0,
                              coin() ? text(2) : ""});
    if (coin(40)) a.image = {url(), coin() ? text(2) : ""};
    if (coin(70)) a.published = time();
    a.updated = time();
    for (int i = number(0, 2); i > 0; --i) a.translations.push_back(translation());
    for (size_t i = 0; i < a.translations.size(); ++i)  // one page per language
      if (i == 0 || a.translations[i].lang != a.translations[0].lang)
        a.translations[i].link = url();
    if (coin(20))
      a.shown_translation =
          TranslationNote{lang(), coin() ? TranslationKind::kHuman : TranslationKind::kMachine,
                          coin() ? "apertium" : "", coin(20)};
    a.via = coin(30) ? "hub" : "";
    canonicalize_article(a, {});
    return a;
  }

  Feed feed() {
    Feed f;
    f.id = "https://sic.example.eu/feeds/" + std::to_string(number(0, 99));
    f.title = canonical_text(text());
    f.subtitle = canonical_text(text());
    f.node = coin() ? "sic-pt" : "";
    f.lang = coin(80) ? LanguageTag::parse("pt").value() : LanguageTag();
    f.updated = time();
    f.authors = {
        {canonical_text(text(2)) + "x", "https://sic.example.eu/", coin() ? "a@x.eu" : ""}};
    f.links = {{f.id, "self", "application/atom+xml", ""},
               {"https://sic.example.eu/", "alternate", "text/html", "pt"},
               {"https://sic.example.eu/feeds/2", "next", "", ""}};
    f.icon = coin() ? "https://sic.example.eu/icon.png" : "";
    f.rights = coin() ? canonical_text(text()) : "";
    f.archive = coin(20);
    for (int i = 0; i < kArticles; ++i) f.articles.push_back(article(i));
    for (int i = number(0, 3); i > 0; --i)
      f.tombstones.push_back({Iri::parse("tag:x.eu,2026:gone/" + std::to_string(i)).value(),
                              coin() ? "sic-pt" : "", time(), coin() ? "hub" : ""});
    return f;
  }

 private:
  std::mt19937 rng_;
};

std::string describe(const Article& a) {
  Feed f;
  f.articles = {a};
  return to_json(f);
}

void check_articles(const std::vector<Article>& expected, const std::vector<Article>& actual) {
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    if (actual[i] == expected[i]) continue;
    INFO("expected:\n" << describe(expected[i]) << "\nactual:\n" << describe(actual[i]));
    CHECK(actual[i] == expected[i]);
  }
}

void check_header(const Feed& expected, const Feed& actual) {
  CHECK(actual.id == expected.id);
  CHECK(actual.title == expected.title);
  CHECK(actual.subtitle == expected.subtitle);
  CHECK(actual.node == expected.node);
  CHECK(actual.lang == expected.lang);
  CHECK(actual.updated == expected.updated);
  CHECK(actual.authors == expected.authors);
  CHECK(actual.links == expected.links);
  CHECK(actual.icon == expected.icon);
  CHECK(actual.rights == expected.rights);
  CHECK(actual.archive == expected.archive);
  CHECK(actual.tombstones == expected.tombstones);
}

Feed read(FeedFormat format, const Feed& feed) {
  std::string doc = write_feed(format, feed);
  ParseOptions options;
  options.base_url = "https://elsewhere.example/feed";
  auto parsed = parse_feed(doc, options);
  INFO((parsed.ok() ? "" : parsed.error().message));
  REQUIRE(parsed.ok());
  return *parsed;
}

}  // namespace

TEST_CASE("Writing then reading is lossless for every model field in every format",
          "[feeds][roundtrip]") {
  Generator gen(kSeed);
  for (int n = 0; n < kFeeds; ++n) {
    Feed feed = gen.feed();
    for (auto format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
      INFO("feed " << n << ", format " << to_string(format));
      Feed once = read(format, feed);
      check_header(feed, once);
      check_articles(feed.articles, once.articles);
      CHECK(once.warnings.empty());
    }
  }
}

TEST_CASE("An article keeps its content hash across A -> B -> C in any formats",
          "[feeds][roundtrip]") {
  Generator gen(kSeed + 1);
  Feed a = gen.feed();
  const FeedFormat formats[] = {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss};
  for (auto first : formats)
    for (auto second : formats) {
      INFO(to_string(first) << " then " << to_string(second));
      Feed b = read(first, a);
      for (auto& article : b.articles) article.via = "b";
      Feed c = read(second, b);
      REQUIRE(c.articles.size() == a.articles.size());
      for (size_t i = 0; i < a.articles.size(); ++i) {
        CHECK(c.articles[i].content_hash() == a.articles[i].content_hash());
        CHECK(c.articles[i].via == "b");
      }
    }
}

TEST_CASE("canonicalize_article is idempotent", "[feeds][roundtrip]") {
  Generator gen(kSeed + 2);
  for (int i = 0; i < 200; ++i) {
    Article a = gen.article(i);
    Article again = a;
    canonicalize_article(again, {});
    CHECK(again == a);
  }
}

TEST_CASE("The sanitizer is idempotent on generated HTML", "[feeds][sanitize][roundtrip]") {
  Generator gen(kSeed + 3);
  SanitizeOptions options;
  options.video_hosts = {"v.example"};
  for (int i = 0; i < 2000; ++i) {
    std::string html = gen.html() + gen.html();
    for (const char* base : {"", "https://x.eu/a/b"}) {
      std::string once = sanitize_html(html, base, options);
      INFO("input: " << html);
      CHECK(sanitize_html(once, base, options) == once);
      CHECK(sanitize_html(once, "https://other.example/", options) == once);
    }
  }
}

TEST_CASE("The sanitizer is idempotent on random bytes", "[feeds][sanitize][roundtrip]") {
  std::mt19937 rng(kSeed + 4);
  const std::string alphabet = "<>/=\"' &;#!-[]abcdefhimnoprstx:\n\xc3\xa9\xff";
  for (int i = 0; i < 3000; ++i) {
    std::string html;
    for (int n = std::uniform_int_distribution<int>(0, 80)(rng); n > 0; --n)
      html += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    std::string once = sanitize_html(html, "https://x.eu/", {});
    INFO("input: " << html);
    CHECK(sanitize_html(once, "https://x.eu/", {}) == once);
  }
}
